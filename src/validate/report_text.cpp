// QualityReport::summary_text: the terminal view. Lists are cut to a few items each; the
// JSON report carries up to max_listed.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "fincoach/common/date.hpp"
#include "fincoach/common/money.hpp"
#include "fincoach/validate/quality.hpp"

namespace fincoach::validate {

namespace {

constexpr size_t k_text_items = 5;

// 6567 → "6,567".
std::string count_text(uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string where(const SourceRef& source) {
  return source.file.empty() ? fmt::format("line {}", source.line) : fmt::format("{}:{}", source.file, source.line);
}

std::string label_text(const std::string& label) {
  return label.empty() ? "(empty)" : "\"" + label + "\"";
}

size_t shown(size_t listed) {
  return std::min(listed, k_text_items);
}

class SummaryWriter {
 public:
  explicit SummaryWriter(const QualityReport& report) : r_(report), digits_(report.minor_digits) {}

  std::string write() {
    line(fmt::format("Data quality of {} rows (users: {}, currency: {})", count_text(r_.rows), count_text(r_.users),
                     r_.currency));
    completeness();
    duplicates("Exact duplicates (same user, every field equal)", r_.exact_duplicates);
    duplicates("Suspected duplicates (same user, day, description, amount; reported, never removed)",
               r_.suspected_duplicates);
    outliers();
    cleaning();
    balance();
    coverage();
    totals();
    other();
    return out_;
  }

 private:
  void line(const std::string& text) { out_ += text + "\n"; }
  std::string money(int64_t minor) const { return format_minor_units(minor, digits_); }

  void completeness() {
    line("Completeness (share of rows with a value):");
    for (const FieldCompleteness& field : r_.completeness.fields)
      line(fmt::format("  {:<13}{:>6.1f}%  ({} missing)", field.field, 100.0 * field.fraction,
                       count_text(field.missing)));
  }

  void duplicates(const std::string& title, const DuplicateSection& section) {
    line(fmt::format("{}: {} groups, {} rows, {} beyond the first", title, count_text(section.groups),
                     count_text(section.rows), count_text(section.extra_rows())));
    for (size_t i = 0; i < shown(section.listed.size()); ++i) {
      const DuplicateGroup& group = section.listed[i];
      std::string rows;
      for (const SourceRef& row : group.rows) rows += (rows.empty() ? "" : ", ") + where(row);
      line(fmt::format("  {} {} {} {} x{}: {}", group.user, format_iso_date(group.day), label_text(group.description),
                       money(group.amount), group.size, rows));
    }
  }

  void outliers() {
    const OutlierSection& s = r_.outliers;
    line(
        fmt::format("Outliers (robust z > {}, groups of {}+ rows): {} in {} rows of {} groups "
                    "({} groups too small, {} constant)",
                    r_.params.outlier_z_threshold, r_.params.outlier_min_group_size, count_text(s.count),
                    count_text(s.rows_checked), count_text(s.groups_checked), count_text(s.groups_too_small),
                    count_text(s.groups_constant)));
    for (size_t i = 0; i < shown(s.listed.size()); ++i) {
      const Outlier& o = s.listed[i];
      line(fmt::format("  z={:.1f} {} {} {} {} (median {}) at {}", o.robust_z, o.user, to_string(o.category),
                       o.credit ? "credit" : "debit", money(o.amount), money(std::llround(o.median)), where(o.source)));
    }
  }

  void cleaning() {
    const CategoryCleaningSection& s = r_.category_cleaning;
    line(fmt::format("Category cleaning: {} raw labels -> {} clean labels, {} merges, {} aliased, {} rows empty",
                     count_text(s.distinct_before), count_text(s.distinct_after), count_text(s.merge_count),
                     count_text(s.aliased_labels), count_text(s.empty_rows)));
    for (size_t i = 0; i < shown(s.merges.size()); ++i) {
      std::string raw;
      for (const RawLabelCount& label : s.merges[i].raw)
        raw += fmt::format("{}{} ({})", raw.empty() ? "" : ", ", label_text(label.label), count_text(label.rows));
      line(fmt::format("  {} <- {}", label_text(s.merges[i].clean), raw));
    }
  }

  void balance() {
    const BalanceSection& s = r_.balance;
    line(fmt::format("Running balance: {} pairs checked, {} breaks, {} rows without balance",
                     count_text(s.pairs_checked), count_text(s.breaks), count_text(s.rows_without_balance)));
    for (size_t i = 0; i < shown(s.listed.size()); ++i) {
      const BalanceBreak& b = s.listed[i];
      line(fmt::format("  {} at {}: expected {}, found {} (off by {})", b.user, where(b.source), money(b.expected),
                       money(b.actual), money(b.difference())));
    }
  }

  void coverage() {
    const CoverageSection& s = r_.coverage;
    if (!s.has_rows) {
      line("Coverage: no rows");
      return;
    }
    line(fmt::format("Coverage: {} .. {}, {} active days, {} months ({} without rows), {} gaps over {} days",
                     format_iso_date(s.first_day), format_iso_date(s.last_day), count_text(s.active_days),
                     count_text(s.months_spanned), count_text(s.empty_months), count_text(s.gap_count),
                     r_.params.gap_threshold_days));
    std::string months;
    for (size_t i = 0; i < shown(s.empty_months_listed.size()); ++i)
      months += (months.empty() ? "" : ", ") + format_year_month(s.empty_months_listed[i]);
    if (!months.empty()) line("  months without rows: " + months);
    for (size_t i = 0; i < shown(s.gaps.size()); ++i)
      line(fmt::format("  {}: {} empty days between {} and {}", s.gaps[i].user, s.gaps[i].empty_days,
                       format_iso_date(s.gaps[i].last_active_day), format_iso_date(s.gaps[i].next_active_day)));
  }

  std::string flow(const FlowTotals& t) const {
    return fmt::format("debits {} ({}), credits {} ({}), net {}", money(t.debits), count_text(t.debit_rows),
                       money(t.credits), count_text(t.credit_rows), money(t.net()));
  }

  void totals() {
    const TotalsSection& s = r_.totals;
    line("Totals: " + flow(s.all));
    for (const CategoryTotal& item : s.by_category)
      if (item.totals.rows() > 0) line(fmt::format("  {:<14}{}", to_string(item.category), flow(item.totals)));
    line(fmt::format("  {} type codes, {} months (per type and per month totals in the JSON report)",
                     count_text(s.type_count), count_text(s.by_month.size())));
  }

  void other() {
    const OtherSection& s = r_.other;
    line(fmt::format("Fell into other: {} rows from {} raw labels; {}", count_text(s.totals.rows()),
                     count_text(s.label_count), flow(s.totals)));
    for (size_t i = 0; i < shown(s.labels.size()); ++i)
      line(fmt::format("  {}: rows {}, net {}", label_text(s.labels[i].label), count_text(s.labels[i].totals.rows()),
                       money(s.labels[i].totals.net())));
  }

  const QualityReport& r_;
  int digits_;
  std::string out_;
};

}  // namespace

std::string QualityReport::summary_text() const {
  return SummaryWriter(*this).write();
}

}  // namespace fincoach::validate
