// assess_quality runs every section over the ledger; the small functions the sections share live here too.

#include <fmt/format.h>

#include "fincoach/common/date.hpp"
#include "fincoach/validate/quality.hpp"
#include "validate/sections.hpp"

namespace fincoach::validate {

namespace detail {

SourceRef source_of(const Ledger& ledger, size_t row) {
  SourceRef source;
  const uint32_t file = ledger.source_file[row];
  if (file < ledger.source_files.size()) source.file = std::string(ledger.source_files.at(file));
  source.line = ledger.source_line[row];
  return source;
}

int32_t month_index_of_day(int32_t day) {
  const CivilDate date = civil_from_days(day);
  return date.year * 12 + (date.month - 1);
}

YearMonth year_month_of_index(int32_t month_index) {
  // Floor division, so months before year 0 stay consistent.
  int32_t year = month_index / 12;
  int32_t month = month_index % 12;
  if (month < 0) {
    month += 12;
    year -= 1;
  }
  return YearMonth{year, month + 1};
}

}  // namespace detail

std::string format_year_month(const YearMonth& month) {
  return fmt::format("{:04}-{:02}", month.year, month.month);
}

QualityReport assess_quality(const Ledger& ledger, const QualityParams& params) {
  params.validate();
  QualityReport report;
  report.params = params;
  report.currency = ledger.currency;
  report.minor_digits = ledger.minor_digits;
  report.rows = ledger.rows();
  report.users = ledger.user_count();
  report.completeness = detail::assess_completeness(ledger);
  report.exact_duplicates = detail::find_exact_duplicates(ledger, params);
  report.suspected_duplicates = detail::find_suspected_duplicates(ledger, params);
  report.outliers = detail::find_outliers(ledger, params);
  report.category_cleaning = detail::clean_categories(ledger, params);
  report.balance = detail::reconcile_balances(ledger, params);
  report.coverage = detail::assess_coverage(ledger, params);
  report.totals = detail::compute_totals(ledger, params);
  report.other = detail::describe_other(ledger, params);
  return report;
}

}  // namespace fincoach::validate
