#include "fincoach/report/quality_section.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "fincoach/common/date.hpp"
#include "vega_lite.hpp"

namespace fincoach::report {
namespace {

using nlohmann::json;
using detail::major_units;
using detail::tooltip;

std::string count_text(uint64_t n) { return group_thousands(n); }

std::string where(const validate::SourceRef& source) {
  return source.file.empty() ? std::string("-") : fmt::format("{}:{}", source.file, source.line);
}

std::vector<Fact> headline_facts(const validate::QualityReport& q) {
  const auto& c = q.coverage;
  const auto& t = q.totals.all;
  std::vector<Fact> facts;
  facts.push_back({"Rows", count_text(q.rows), fmt::format("{} user(s), {}", count_text(q.users), q.currency)});
  if (c.has_rows) {
    facts.push_back({"Period", fmt::format("{} .. {}", format_iso_date(c.first_day), format_iso_date(c.last_day)),
                     fmt::format("{} month(s), {} without rows", c.months_spanned, c.empty_months)});
  }
  facts.push_back({"Spent / received", fmt::format("{} / {}", format_money(t.debits, q.minor_digits),
                                                    format_money(t.credits, q.minor_digits)),
                   fmt::format("net {}", format_money(t.net(), q.minor_digits))});
  facts.push_back({"Exact duplicates", count_text(q.exact_duplicates.groups),
                   fmt::format("groups; {} extra row(s)", count_text(q.exact_duplicates.extra_rows()))});
  facts.push_back({"Suspected duplicates", count_text(q.suspected_duplicates.groups),
                   "groups: same user, day, description and amount"});
  facts.push_back({"Outliers", count_text(q.outliers.count),
                   fmt::format("robust z > {:g} in {} group(s) checked", q.params.outlier_z_threshold,
                               count_text(q.outliers.groups_checked))});
  facts.push_back({"Balance breaks", count_text(q.balance.breaks),
                   q.balance.rows_with_balance == 0
                       ? std::string("no running balance in the data")
                       : fmt::format("of {} consecutive pairs checked", count_text(q.balance.pairs_checked))});
  facts.push_back({"Date gaps", count_text(c.gap_count),
                   fmt::format("over {} days without a row, within a user", q.params.gap_threshold_days)});
  const double other_share =
      q.rows == 0 ? 0.0 : static_cast<double>(q.other.totals.rows()) / static_cast<double>(q.rows);
  facts.push_back({"Category 'other'", format_percent(other_share),
                   fmt::format("{} row(s), {} distinct raw label(s)", count_text(q.other.totals.rows()),
                               count_text(q.other.label_count))});
  facts.push_back({"Category labels", fmt::format("{} → {}", q.category_cleaning.distinct_before,
                                                  q.category_cleaning.distinct_after),
                   "distinct raw labels before and after cleaning"});
  return facts;
}

json completeness_chart(const validate::QualityReport& q) {
  json values = json::array();
  for (const auto& field : q.completeness.fields)
    values.push_back({{"field", field.field}, {"present", field.present}, {"missing", field.missing},
                      {"fraction", field.fraction}});
  const int height = std::max<int>(60, 22 * static_cast<int>(q.completeness.fields.size()));
  json spec = detail::vega_lite_spec(std::move(values), 360, height);
  spec["mark"] = {{"type", "bar"}, {"color", "#2f6f9f"}};
  spec["encoding"] = {
      {"y", {{"field", "field"}, {"type", "nominal"}, {"sort", nullptr}, {"title", nullptr}}},
      {"x",
       {{"field", "fraction"}, {"type", "quantitative"}, {"title", "share of rows with a value"},
        {"scale", {{"domain", {0, 1}}}}, {"axis", {{"format", "%"}}}}},
      {"tooltip", {tooltip("field", "nominal", "field"), tooltip("present", "quantitative", "rows with a value", ","),
                   tooltip("missing", "quantitative", "rows without", ","),
                   tooltip("fraction", "quantitative", "share", ".1%")}}};
  return spec;
}

json category_chart(const validate::QualityReport& q) {
  json values = json::array();
  for (const auto& item : q.totals.by_category) {
    const std::string category(to_string(item.category));
    if (item.totals.debit_rows > 0)
      values.push_back({{"category", category}, {"flow", "spent"}, {"amount", major_units(item.totals.debits, q.minor_digits)},
                        {"rows", item.totals.debit_rows}});
    if (item.totals.credit_rows > 0)
      values.push_back({{"category", category}, {"flow", "received"},
                        {"amount", major_units(item.totals.credits, q.minor_digits)}, {"rows", item.totals.credit_rows}});
  }
  json spec = detail::vega_lite_spec(std::move(values), 380, 320);
  spec["mark"] = {{"type", "bar"}};
  spec["encoding"] = {
      {"y", {{"field", "category"}, {"type", "nominal"}, {"title", nullptr},
             {"sort", {{"op", "sum"}, {"field", "amount"}, {"order", "descending"}}}}},
      {"x", {{"field", "amount"}, {"type", "quantitative"}, {"title", fmt::format("amount ({})", q.currency)}}},
      {"yOffset", {{"field", "flow"}, {"type", "nominal"}}},
      {"color", {{"field", "flow"}, {"type", "nominal"}, {"title", nullptr}, {"scale", detail::flow_colour_scale()}}},
      {"tooltip", {tooltip("category", "nominal", "category"), tooltip("flow", "nominal", "direction"),
                   tooltip("amount", "quantitative", q.currency, ",.2f"), tooltip("rows", "quantitative", "rows", ",")}}};
  return spec;
}

json month_values(const validate::QualityReport& q) {
  json values = json::array();
  for (const auto& item : q.totals.by_month) {
    const std::string month = fmt::format("{:04}-{:02}-01", item.month.year, item.month.month);
    values.push_back({{"month", month}, {"flow", "spent"}, {"amount", major_units(item.totals.debits, q.minor_digits)},
                      {"rows", item.totals.rows()}});
    values.push_back({{"month", month}, {"flow", "received"},
                      {"amount", major_units(item.totals.credits, q.minor_digits)}, {"rows", item.totals.rows()}});
  }
  return values;
}

json monthly_totals_chart(const validate::QualityReport& q) {
  json spec = detail::vega_lite_spec(month_values(q), 440, 240);
  spec["mark"] = {{"type", "line"}, {"point", true}};
  spec["encoding"] = {
      {"x", {{"field", "month"}, {"type", "temporal"}, {"timeUnit", "yearmonth"}, {"title", nullptr},
             {"axis", {{"format", "%b %Y"}, {"labelAngle", -40}}}}},
      {"y", {{"field", "amount"}, {"type", "quantitative"}, {"title", fmt::format("amount ({})", q.currency)}}},
      {"color", {{"field", "flow"}, {"type", "nominal"}, {"title", nullptr}, {"scale", detail::flow_colour_scale()}}},
      {"tooltip", {{{"field", "month"}, {"type", "temporal"}, {"timeUnit", "yearmonth"}, {"title", "month"}},
                   tooltip("flow", "nominal", "direction"), tooltip("amount", "quantitative", q.currency, ",.2f")}}};
  return spec;
}

json monthly_rows_chart(const validate::QualityReport& q) {
  json values = json::array();
  for (const auto& item : q.totals.by_month)
    values.push_back({{"month", fmt::format("{:04}-{:02}-01", item.month.year, item.month.month)},
                      {"rows", item.totals.rows()}});
  json spec = detail::vega_lite_spec(std::move(values), 380, 240);
  spec["mark"] = {{"type", "bar"}, {"color", "#7a8ca3"}};
  spec["encoding"] = {
      {"x", {{"field", "month"}, {"type", "ordinal"}, {"timeUnit", "yearmonth"}, {"title", nullptr},
             {"axis", {{"format", "%b %Y"}, {"labelAngle", -40}}}}},
      {"y", {{"field", "rows"}, {"type", "quantitative"}, {"title", "rows"}}},
      {"tooltip", {{{"field", "month"}, {"type", "temporal"}, {"timeUnit", "yearmonth"}, {"title", "month"}},
                   tooltip("rows", "quantitative", "rows", ",")}}};
  return spec;
}

json outlier_chart(const validate::QualityReport& q) {
  json values = json::array();
  for (const auto& o : q.outliers.listed)
    values.push_back({{"category", std::string(to_string(o.category))},
                      {"flow", o.credit ? "received" : "spent"},
                      {"robust_z", o.robust_z},
                      {"amount", major_units(o.amount, q.minor_digits)},
                      {"median", o.median / std::pow(10.0, q.minor_digits)},
                      {"user", o.user},
                      {"where", where(o.source)}});
  json spec = detail::vega_lite_spec(std::move(values), 380, 260);
  spec["mark"] = {{"type", "point"}, {"filled", true}, {"size", 60}, {"opacity", 0.8}};
  spec["encoding"] = {
      {"x", {{"field", "robust_z"}, {"type", "quantitative"}, {"title", "robust z (log scale)"},
             {"scale", {{"type", "log"}}}}},
      {"y", {{"field", "category"}, {"type", "nominal"}, {"title", nullptr}}},
      {"color", {{"field", "flow"}, {"type", "nominal"}, {"title", nullptr}, {"scale", detail::flow_colour_scale()}}},
      {"tooltip", {tooltip("user", "nominal", "user"), tooltip("category", "nominal", "category"),
                   tooltip("amount", "quantitative", q.currency, ",.2f"),
                   tooltip("median", "quantitative", "group median", ",.2f"),
                   tooltip("robust_z", "quantitative", "robust z", ".1f"), tooltip("where", "nominal", "source")}}};
  return spec;
}

Table outlier_table(const validate::QualityReport& q) {
  Table table{"Largest outliers", {"user", "category", "amount", "group median", "robust z", "source"},
              {false, false, true, true, true, false}, {}, ""};
  const size_t n = std::min(k_quality_table_rows, q.outliers.listed.size());
  for (size_t i = 0; i < n; ++i) {
    const auto& o = q.outliers.listed[i];
    table.rows.push_back({o.user, std::string(to_string(o.category)), format_money(o.amount, q.minor_digits),
                          fmt::format("{:.2f}", o.median / std::pow(10.0, q.minor_digits)),
                          fmt::format("{:.1f}", o.robust_z), where(o.source)});
  }
  table.caption = fmt::format("{} of {} outlier row(s); all listed ones are in validation_reports/data_quality.json.",
                              n, group_thousands(q.outliers.count));
  return table;
}

Table gap_table(const validate::QualityReport& q) {
  Table table{"Longest date gaps", {"user", "last active", "next active", "days without a row"},
              {false, false, false, true}, {}, ""};
  const size_t n = std::min(k_quality_table_rows, q.coverage.gaps.size());
  for (size_t i = 0; i < n; ++i) {
    const auto& g = q.coverage.gaps[i];
    table.rows.push_back({g.user, format_iso_date(g.last_active_day), format_iso_date(g.next_active_day),
                          std::to_string(g.empty_days)});
  }
  table.caption = fmt::format("{} of {} gap(s) over {} days.", n, group_thousands(q.coverage.gap_count),
                              q.params.gap_threshold_days);
  return table;
}

Table other_table(const validate::QualityReport& q) {
  Table table{"What fell into 'other'", {"raw label", "rows", "spent", "received"}, {false, true, true, true}, {}, ""};
  const size_t n = std::min(k_quality_table_rows, q.other.labels.size());
  for (size_t i = 0; i < n; ++i) {
    const auto& label = q.other.labels[i];
    table.rows.push_back({label.label.empty() ? "(empty)" : label.label, group_thousands(label.totals.rows()),
                          format_money(label.totals.debits, q.minor_digits),
                          format_money(label.totals.credits, q.minor_digits)});
  }
  table.caption = fmt::format("{} of {} raw label(s) mapped to 'other'.", n, group_thousands(q.other.label_count));
  return table;
}

}  // namespace

Section data_quality_section(const validate::QualityReport& q) {
  Section section("data-quality", "Data quality");
  section.add_paragraph(
      "What the training data looks like before any model sees it. This section only reports: no row was changed "
      "or dropped. Definitions and thresholds are in docs/validate.md; the full report is "
      "validation_reports/data_quality.json in the bundle.");
  section.add_facts(headline_facts(q));
  section.add_chart("Completeness", completeness_chart(q),
                    "Share of rows that carry each field. Sources differ: a missing field is a fact about the export, "
                    "not an error.");
  section.add_chart("Spending and income by category", category_chart(q),
                    "Totals per app category over the whole period (major units). Hover a bar for rows and the exact "
                    "total.");
  if (!q.totals.by_month.empty()) {
    section.add_chart("Monthly totals", monthly_totals_chart(q),
                      "Money spent and received per calendar month, all users together.");
    section.add_chart("Rows per month", monthly_rows_chart(q),
                      "Transactions per calendar month: dips show months a source covers only in part.");
  }
  if (!q.outliers.listed.empty()) {
    section.add_chart("Outliers", outlier_chart(q),
                      fmt::format("Rows whose amount lies more than {:g} robust standard deviations from the median of "
                                  "their group: the same user, category, direction and payee (the {} largest; "
                                  "docs/validate.md).",
                                  q.params.outlier_z_threshold, q.outliers.listed.size()));
    section.add_table(outlier_table(q));
  } else {
    section.add_paragraph(fmt::format("No outliers: no row lies more than {:g} robust standard deviations from its "
                                      "group's median ({} group(s) checked).",
                                      q.params.outlier_z_threshold, group_thousands(q.outliers.groups_checked)));
  }
  if (!q.coverage.gaps.empty()) section.add_table(gap_table(q));
  if (!q.other.labels.empty()) section.add_table(other_table(q));
  return section;
}

}  // namespace fincoach::report
