#include <gtest/gtest.h>

#include "fincoach/validate/quality.hpp"
#include "unit/validate/ledger_fixture.hpp"

namespace fincoach::validate {
namespace {

using testing::build_ledger;
using testing::day_of;
using testing::simple_row;

// Debits on consecutive days of one user and category.
void add_debits(std::vector<LedgerRow>& rows, std::string_view user, AppCategory category,
                const std::vector<int64_t>& magnitudes) {
  int day = 1;
  for (int64_t magnitude : magnitudes) rows.push_back(simple_row(user, day_of(2022, 1, day++), -magnitude, category));
}

TEST(QualityOutliers, FindsPlantedOutlierWithItsRobustZ) {
  std::vector<LedgerRow> rows;
  // Sorted: 90 95 95 100 100 100 105 105 110 1000 → median 100; deviations' median 5.
  add_debits(rows, "alice", AppCategory::Groceries, {90, 95, 100, 100, 105, 110, 100, 95, 105, 1000});
  const QualityReport report = assess_quality(build_ledger(rows));
  const OutlierSection& section = report.outliers;
  EXPECT_EQ(section.groups_checked, 1u);
  EXPECT_EQ(section.rows_checked, 10u);
  EXPECT_EQ(section.count, 1u);
  ASSERT_EQ(section.listed.size(), 1u);
  const Outlier& outlier = section.listed[0];
  EXPECT_EQ(outlier.user, "alice");
  EXPECT_EQ(outlier.category, AppCategory::Groceries);
  EXPECT_FALSE(outlier.credit);
  EXPECT_EQ(outlier.amount, -1000);
  EXPECT_EQ(outlier.source.line, 11u);
  EXPECT_DOUBLE_EQ(outlier.median, 100.0);
  EXPECT_DOUBLE_EQ(outlier.scale, 1.4826 * 5.0);
  EXPECT_DOUBLE_EQ(outlier.robust_z, 900.0 / (1.4826 * 5.0));
}

TEST(QualityOutliers, SkipsGroupsBelowMinimumSize) {
  std::vector<LedgerRow> rows;
  add_debits(rows, "alice", AppCategory::Groceries, {100, 100, 101, 99, 100, 100, 102, 98, 100000});  // 9 rows
  rows.push_back(simple_row("alice", day_of(2022, 2, 1), 5000, AppCategory::Groceries));  // a credit group of 1
  const QualityReport report = assess_quality(build_ledger(rows));
  EXPECT_EQ(report.outliers.groups_checked, 0u);
  EXPECT_EQ(report.outliers.groups_too_small, 2u);
  EXPECT_EQ(report.outliers.count, 0u);

  QualityParams params;
  params.outlier_min_group_size = 9;
  const QualityReport lowered = assess_quality(build_ledger(rows), params);
  EXPECT_EQ(lowered.outliers.groups_checked, 1u);
  EXPECT_EQ(lowered.outliers.count, 1u);
}

TEST(QualityOutliers, DirectionsAndUsersAreSeparateGroups) {
  std::vector<LedgerRow> rows;
  add_debits(rows, "alice", AppCategory::Shopping, {100, 110, 90, 100, 105, 95, 100, 102, 98, 101});
  // Refunds of the same category are a group of their own, so a large refund is compared
  // with refunds, not with purchases.
  for (int i = 0; i < 10; ++i)
    rows.push_back(simple_row("alice", day_of(2022, 3, 1 + i), 2000 + 10 * i, AppCategory::Shopping));
  add_debits(rows, "bob", AppCategory::Shopping,
             {100000, 110000, 90000, 100000, 105000, 95000, 100000, 102000, 98000, 101000});
  const QualityReport report = assess_quality(build_ledger(rows));
  EXPECT_EQ(report.outliers.groups_checked, 3u);
  EXPECT_EQ(report.outliers.count, 0u);
}

TEST(QualityOutliers, ZeroMadFallsBackToMeanAbsoluteDeviation) {
  std::vector<LedgerRow> rows;
  // Nine equal values: MAD is 0; mean absolute deviation from the median is 100 / 10.
  add_debits(rows, "alice", AppCategory::Bills, {500, 500, 500, 500, 600, 500, 500, 500, 500, 500});
  QualityParams params;
  params.outlier_min_relative_scale = 0.0;  // the floor (below) would hide this one
  // All equal: no scale at all, no outlier.
  add_debits(rows, "alice", AppCategory::Fitness, {300, 300, 300, 300, 300, 300, 300, 300, 300, 300});
  const QualityReport report = assess_quality(build_ledger(rows), params);
  const OutlierSection& section = report.outliers;
  EXPECT_EQ(section.groups_checked, 2u);
  EXPECT_EQ(section.groups_mean_deviation, 1u);
  EXPECT_EQ(section.groups_constant, 1u);
  ASSERT_EQ(section.count, 1u);
  EXPECT_EQ(section.listed[0].amount, -600);
  EXPECT_DOUBLE_EQ(section.listed[0].scale, 1.253314 * 10.0);
  EXPECT_DOUBLE_EQ(section.listed[0].robust_z, 100.0 / (1.253314 * 10.0));
}

// A regular payment that moved by a few percent is not an outlier; a large one still is.
TEST(QualityOutliers, ScaleHasARelativeFloor) {
  std::vector<LedgerRow> rows;
  add_debits(rows, "alice", AppCategory::Bills, {500, 500, 500, 500, 540, 500, 500, 500, 500, 500});
  add_debits(rows, "bob", AppCategory::Bills, {500, 500, 500, 500, 2500, 500, 500, 500, 500, 500});
  const QualityReport report = assess_quality(build_ledger(rows));
  // alice: mean deviation 4 gives a scale of 5.0, raised to 5% of 500; bob's own scale
  // (1.2533 · 200) is above the floor.
  EXPECT_EQ(report.outliers.groups_scale_floored, 1u);
  ASSERT_EQ(report.outliers.count, 1u);
  EXPECT_EQ(report.outliers.listed[0].user, "bob");
  EXPECT_DOUBLE_EQ(report.outliers.listed[0].scale, 1.253314 * 200.0);

  QualityParams no_floor;
  no_floor.outlier_min_relative_scale = 0.0;
  EXPECT_EQ(assess_quality(build_ledger(rows), no_floor).outliers.count, 2u);
}

// A category splits by payee: a regular large payment is compared with its own kind, not
// with the small payments of the same category.
TEST(QualityOutliers, RegularPayeesAreTheirOwnGroups) {
  std::vector<LedgerRow> rows;
  for (int m = 0; m < 12; ++m) {
    rows.push_back(simple_row("alice", day_of(2022, 1 + m, 1), -75000, AppCategory::Bills, "RENT SO"));
    for (int d = 0; d < 3; ++d)
      rows.push_back(simple_row("alice", day_of(2022, 1 + m, 10 + d), -(4000 + 150 * d + 10 * m), AppCategory::Bills,
                                d == 0 ? "ENERGY" : (d == 1 ? "WATER" : "PHONE")));
  }
  rows.push_back(simple_row("alice", day_of(2022, 12, 20), -90000, AppCategory::Bills, "ENERGY"));  // a real one
  const QualityReport report = assess_quality(build_ledger(rows));
  ASSERT_EQ(report.outliers.count, 1u) << "rent must not stand out against the small bills";
  EXPECT_EQ(report.outliers.listed[0].amount, -90000);
  EXPECT_EQ(report.outliers.groups_checked, 4u);  // rent, energy, water, phone: 12+ rows each
}

TEST(QualityOutliers, ZeroAmountsJoinNoGroup) {
  std::vector<LedgerRow> rows;
  add_debits(rows, "alice", AppCategory::Groceries, {100, 110, 90, 100, 105, 95, 100, 102, 98, 101});
  rows.push_back(simple_row("alice", day_of(2022, 5, 1), 0, AppCategory::Groceries));
  const QualityReport report = assess_quality(build_ledger(rows));
  EXPECT_EQ(report.outliers.rows_checked, 10u);
  EXPECT_EQ(report.outliers.count, 0u);
}

TEST(QualityOutliers, ListedLargestZFirstAndCapped) {
  std::vector<LedgerRow> rows;
  add_debits(rows, "a", AppCategory::Groceries, {90, 95, 100, 100, 105, 110, 100, 95, 105, 1000});
  add_debits(rows, "b", AppCategory::Groceries, {90, 95, 100, 100, 105, 110, 100, 95, 105, 2000});
  add_debits(rows, "c", AppCategory::Groceries, {90, 95, 100, 100, 105, 110, 100, 95, 105, 1500});
  QualityParams params;
  params.max_listed = 2;
  const QualityReport report = assess_quality(build_ledger(rows), params);
  EXPECT_EQ(report.outliers.count, 3u);
  ASSERT_EQ(report.outliers.listed.size(), 2u);
  EXPECT_EQ(report.outliers.listed[0].user, "b");
  EXPECT_EQ(report.outliers.listed[1].user, "c");
}

}  // namespace
}  // namespace fincoach::validate
