#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"
#include "fincoach/validate/quality.hpp"
#include "unit/validate/ledger_fixture.hpp"

namespace fincoach::validate {
namespace {

using testing::all_numbers_finite;
using testing::build_ledger;
using testing::day_of;
using testing::simple_row;

TEST(QualityReport, InvalidParamsThrowBeforeAnyWork) {
  QualityParams params;
  params.max_listed = 0;
  EXPECT_THROW(assess_quality(LedgerBuilder().finish(), params), InvalidInput);
}

TEST(QualityReport, EmptyLedger) {
  const QualityReport report = assess_quality(LedgerBuilder().finish());
  EXPECT_EQ(report.rows, 0u);
  EXPECT_EQ(report.users, 0u);
  EXPECT_EQ(report.exact_duplicates.groups, 0u);
  EXPECT_EQ(report.suspected_duplicates.groups, 0u);
  EXPECT_EQ(report.outliers.groups_checked + report.outliers.groups_too_small, 0u);
  EXPECT_EQ(report.category_cleaning.distinct_before, 0u);
  EXPECT_EQ(report.balance.pairs_checked, 0u);
  EXPECT_FALSE(report.coverage.has_rows);
  EXPECT_EQ(report.totals.all.rows(), 0u);
  EXPECT_TRUE(report.totals.by_month.empty());
  EXPECT_EQ(report.other.totals.rows(), 0u);

  const nlohmann::json json = report.to_json();
  EXPECT_TRUE(all_numbers_finite(json));
  EXPECT_TRUE(json["coverage"]["first_day"].is_null());
  EXPECT_EQ(json.dump().find("NaN"), std::string::npos);
  EXPECT_NE(report.summary_text().find("Coverage: no rows"), std::string::npos);
}

TEST(QualityReport, SingleRow) {
  LedgerRow row = simple_row("alice", day_of(2022, 7, 25), -311, AppCategory::Savings, "SAVE THE CHANGE");
  row.balance = 54143;
  row.raw_category = "Savings";
  const QualityReport report = assess_quality(build_ledger({row}));
  EXPECT_EQ(report.rows, 1u);
  EXPECT_EQ(report.users, 1u);
  EXPECT_EQ(report.exact_duplicates.groups, 0u);
  EXPECT_EQ(report.outliers.groups_too_small, 1u);
  EXPECT_EQ(report.outliers.groups_checked, 0u);
  EXPECT_EQ(report.balance.rows_with_balance, 1u);
  EXPECT_EQ(report.balance.pairs_checked, 0u);
  EXPECT_EQ(report.category_cleaning.distinct_before, 1u);
  EXPECT_EQ(report.coverage.first_day, report.coverage.last_day);
  EXPECT_EQ(report.coverage.active_days, 1u);
  EXPECT_EQ(report.coverage.months_spanned, 1u);
  EXPECT_EQ(report.totals.all.debits, 311);
  ASSERT_EQ(report.totals.by_month.size(), 1u);
  EXPECT_TRUE(all_numbers_finite(report.to_json()));
}

TEST(QualityReport, KeepsLedgerCurrencyAndParams) {
  LedgerBuilder builder("EUR", 2);
  builder.append(simple_row("a", 1, -5));
  QualityParams params;
  params.gap_threshold_days = 30;
  const QualityReport report = assess_quality(std::move(builder).finish(), params);
  EXPECT_EQ(report.currency, "EUR");
  EXPECT_EQ(report.minor_digits, 2);
  EXPECT_EQ(report.params.gap_threshold_days, 30);
}

}  // namespace
}  // namespace fincoach::validate
