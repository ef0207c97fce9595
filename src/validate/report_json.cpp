// QualityReport::to_json: every section, money as exact minor units plus formatted text.

#include <string>

#include "fincoach/common/date.hpp"
#include "fincoach/common/money.hpp"
#include "fincoach/validate/quality.hpp"

namespace fincoach::validate {

namespace {

using nlohmann::json;

// "key_minor": exact integer, "key": the same amount as decimal text.
void put_money(json& out, const std::string& key, int64_t minor, int digits) {
  out[key + "_minor"] = minor;
  out[key] = format_minor_units(minor, digits);
}

json source_json(const SourceRef& source) {
  return json{{"file", source.file}, {"line", source.line}};
}

json flow_json(const FlowTotals& totals, int digits) {
  json out{{"rows", totals.rows()},
           {"debit_rows", totals.debit_rows},
           {"credit_rows", totals.credit_rows},
           {"zero_rows", totals.zero_rows}};
  put_money(out, "debits", totals.debits, digits);
  put_money(out, "credits", totals.credits, digits);
  put_money(out, "net", totals.net(), digits);
  return out;
}

json months_json(const std::vector<YearMonth>& months) {
  json out = json::array();
  for (const YearMonth& month : months) out.push_back(format_year_month(month));
  return out;
}

json completeness_json(const CompletenessSection& section) {
  json fields = json::array();
  for (const FieldCompleteness& field : section.fields)
    fields.push_back(
        {{"field", field.field}, {"present", field.present}, {"missing", field.missing}, {"fraction", field.fraction}});
  return {{"rows", section.rows}, {"fields", fields}};
}

json duplicates_json(const DuplicateSection& section, int digits) {
  json groups = json::array();
  for (const DuplicateGroup& group : section.listed) {
    json item{{"user", group.user},
              {"day", format_iso_date(group.day)},
              {"description", group.description},
              {"size", group.size}};
    put_money(item, "amount", group.amount, digits);
    json rows = json::array();
    for (const SourceRef& row : group.rows) rows.push_back(source_json(row));
    item["rows"] = rows;
    groups.push_back(item);
  }
  return {{"groups", section.groups}, {"rows", section.rows}, {"extra_rows", section.extra_rows()}, {"listed", groups}};
}

json outliers_json(const OutlierSection& section, const QualityParams& params, int digits) {
  json items = json::array();
  for (const Outlier& outlier : section.listed) {
    json item{{"user", outlier.user},
              {"category", std::string(to_string(outlier.category))},
              {"direction", outlier.credit ? "credit" : "debit"},
              {"source", source_json(outlier.source)},
              {"group_median", outlier.median},  // minor units, may be fractional
              {"group_scale", outlier.scale},
              {"robust_z", outlier.robust_z}};
    put_money(item, "amount", outlier.amount, digits);
    items.push_back(item);
  }
  return {{"threshold", params.outlier_z_threshold},
          {"min_group_size", params.outlier_min_group_size},
          {"min_relative_scale", params.outlier_min_relative_scale},
          {"groups_checked", section.groups_checked},
          {"groups_too_small", section.groups_too_small},
          {"groups_constant", section.groups_constant},
          {"groups_mean_deviation", section.groups_mean_deviation},
          {"groups_scale_floored", section.groups_scale_floored},
          {"rows_checked", section.rows_checked},
          {"count", section.count},
          {"listed", items}};
}

json cleaning_json(const CategoryCleaningSection& section) {
  json merges = json::array();
  for (const LabelMerge& merge : section.merges) {
    json raw = json::array();
    for (const RawLabelCount& label : merge.raw) raw.push_back({{"label", label.label}, {"rows", label.rows}});
    merges.push_back({{"clean", merge.clean}, {"rows", merge.rows}, {"label_count", merge.label_count}, {"raw", raw}});
  }
  return {{"empty_rows", section.empty_rows},         {"distinct_before", section.distinct_before},
          {"distinct_after", section.distinct_after}, {"aliased_labels", section.aliased_labels},
          {"merge_count", section.merge_count},       {"merges", merges}};
}

json balance_json(const BalanceSection& section, int digits) {
  json breaks = json::array();
  for (const BalanceBreak& item : section.listed) {
    json out{{"user", item.user}, {"previous", source_json(item.previous)}, {"source", source_json(item.source)}};
    put_money(out, "expected", item.expected, digits);
    put_money(out, "actual", item.actual, digits);
    put_money(out, "difference", item.difference(), digits);
    breaks.push_back(out);
  }
  return {{"rows_with_balance", section.rows_with_balance},
          {"rows_without_balance", section.rows_without_balance},
          {"pairs_checked", section.pairs_checked},
          {"breaks", section.breaks},
          {"listed", breaks}};
}

json user_coverage_json(const UserCoverage& user) {
  return {{"user", user.user},
          {"rows", user.rows},
          {"first_day", format_iso_date(user.first_day)},
          {"last_day", format_iso_date(user.last_day)},
          {"active_days", user.active_days},
          {"months_spanned", user.months_spanned},
          {"empty_months", user.empty_months},
          {"empty_months_listed", months_json(user.empty_months_listed)},
          {"gaps", user.gaps}};
}

json coverage_json(const CoverageSection& section, const QualityParams& params) {
  json users = json::array();
  for (const UserCoverage& user : section.users) users.push_back(user_coverage_json(user));
  json gaps = json::array();
  for (const DateGap& gap : section.gaps)
    gaps.push_back({{"user", gap.user},
                    {"last_active_day", format_iso_date(gap.last_active_day)},
                    {"next_active_day", format_iso_date(gap.next_active_day)},
                    {"empty_days", gap.empty_days}});
  json out{{"active_days", section.active_days},
           {"months_spanned", section.months_spanned},
           {"empty_months", section.empty_months},
           {"empty_months_listed", months_json(section.empty_months_listed)},
           {"user_count", section.user_count},
           {"users", users},
           {"gap_threshold_days", params.gap_threshold_days},
           {"gap_count", section.gap_count},
           {"gaps", gaps}};
  out["first_day"] = section.has_rows ? json(format_iso_date(section.first_day)) : json(nullptr);
  out["last_day"] = section.has_rows ? json(format_iso_date(section.last_day)) : json(nullptr);
  return out;
}

json totals_json(const TotalsSection& section, int digits) {
  json by_category = json::array();
  for (const CategoryTotal& item : section.by_category) {
    json out = flow_json(item.totals, digits);
    out["category"] = std::string(to_string(item.category));
    by_category.push_back(out);
  }
  json by_type = json::array();
  for (const TypeTotal& item : section.by_type) {
    json out = flow_json(item.totals, digits);
    out["type"] = item.type;
    by_type.push_back(out);
  }
  json by_month = json::array();
  for (const MonthTotal& item : section.by_month) {
    json out = flow_json(item.totals, digits);
    out["month"] = format_year_month(item.month);
    by_month.push_back(out);
  }
  return {{"all", flow_json(section.all, digits)},
          {"by_category", by_category},
          {"type_count", section.type_count},
          {"by_type", by_type},
          {"by_month", by_month}};
}

json other_json(const OtherSection& section, int digits) {
  json labels = json::array();
  for (const OtherLabel& label : section.labels) {
    json out = flow_json(label.totals, digits);
    out["label"] = label.label;
    labels.push_back(out);
  }
  return {{"totals", flow_json(section.totals, digits)}, {"label_count", section.label_count}, {"labels", labels}};
}

json params_json(const QualityParams& params) {
  json aliases = json::object();
  for (const auto& [key, target] : params.category_aliases) aliases[key] = target;
  return {{"outlier_z_threshold", params.outlier_z_threshold},
          {"outlier_min_group_size", params.outlier_min_group_size},
          {"outlier_min_relative_scale", params.outlier_min_relative_scale},
          {"gap_threshold_days", params.gap_threshold_days},
          {"max_listed", params.max_listed},
          {"category_aliases", aliases}};
}

}  // namespace

nlohmann::json QualityReport::to_json() const {
  const int digits = minor_digits;
  return {{"rows", rows},
          {"users", users},
          {"currency", currency},
          {"minor_digits", minor_digits},
          {"params", params_json(params)},
          {"completeness", completeness_json(completeness)},
          {"exact_duplicates", duplicates_json(exact_duplicates, digits)},
          {"suspected_duplicates", duplicates_json(suspected_duplicates, digits)},
          {"outliers", outliers_json(outliers, params, digits)},
          {"category_cleaning", cleaning_json(category_cleaning)},
          {"balance", balance_json(balance, digits)},
          {"coverage", coverage_json(coverage, params)},
          {"totals", totals_json(totals, digits)},
          {"other", other_json(other, digits)}};
}

}  // namespace fincoach::validate
