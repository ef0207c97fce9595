#include <gtest/gtest.h>

#include "fincoach/validate/quality.hpp"
#include "unit/validate/ledger_fixture.hpp"

namespace fincoach::validate {
namespace {

using testing::build_ledger;
using testing::day_of;
using testing::simple_row;

Ledger two_users() {
  return build_ledger({
      simple_row("alice", day_of(2022, 1, 3), -100), simple_row("alice", day_of(2022, 1, 3), -200),
      simple_row("alice", day_of(2022, 1, 10), -300),
      simple_row("alice", day_of(2022, 3, 15), -400),  // 63 empty days after 10 Jan; no row in February
      simple_row("bob", day_of(2022, 2, 1), -500), simple_row("bob", day_of(2022, 2, 20), -600),  // 18 empty days
  });
}

TEST(QualityCoverage, PerUserDaysMonthsAndGaps) {
  const CoverageSection section = assess_quality(two_users()).coverage;
  EXPECT_EQ(section.user_count, 2u);
  ASSERT_EQ(section.users.size(), 2u);
  const UserCoverage& alice = section.users[0];
  EXPECT_EQ(alice.user, "alice");
  EXPECT_EQ(alice.rows, 4u);
  EXPECT_EQ(alice.first_day, day_of(2022, 1, 3));
  EXPECT_EQ(alice.last_day, day_of(2022, 3, 15));
  EXPECT_EQ(alice.active_days, 3u);
  EXPECT_EQ(alice.months_spanned, 3u);
  EXPECT_EQ(alice.empty_months, 1u);
  EXPECT_EQ(alice.empty_months_listed, (std::vector<YearMonth>{{2022, 2}}));
  EXPECT_EQ(alice.gaps, 1u);
  const UserCoverage& bob = section.users[1];
  EXPECT_EQ(bob.active_days, 2u);
  EXPECT_EQ(bob.months_spanned, 1u);
  EXPECT_EQ(bob.empty_months, 0u);
  EXPECT_EQ(bob.gaps, 1u);
}

TEST(QualityCoverage, OverallUnionAndGapsLongestFirst) {
  const CoverageSection section = assess_quality(two_users()).coverage;
  EXPECT_TRUE(section.has_rows);
  EXPECT_EQ(section.first_day, day_of(2022, 1, 3));
  EXPECT_EQ(section.last_day, day_of(2022, 3, 15));
  EXPECT_EQ(section.active_days, 5u);
  EXPECT_EQ(section.months_spanned, 3u);
  EXPECT_EQ(section.empty_months, 0u);  // bob covers February
  EXPECT_EQ(section.gap_count, 2u);
  ASSERT_EQ(section.gaps.size(), 2u);
  EXPECT_EQ(section.gaps[0].user, "alice");
  EXPECT_EQ(section.gaps[0].last_active_day, day_of(2022, 1, 10));
  EXPECT_EQ(section.gaps[0].next_active_day, day_of(2022, 3, 15));
  EXPECT_EQ(section.gaps[0].empty_days, 63);
  EXPECT_EQ(section.gaps[1].user, "bob");
  EXPECT_EQ(section.gaps[1].empty_days, 18);
}

TEST(QualityCoverage, GapThresholdIsExclusive) {
  QualityParams params;
  params.gap_threshold_days = 18;
  const CoverageSection section = assess_quality(two_users(), params).coverage;
  EXPECT_EQ(section.gap_count, 1u);
  EXPECT_EQ(section.gaps[0].empty_days, 63);
}

TEST(QualityCoverage, EmptyMonthsAcrossYearEnd) {
  const Ledger ledger =
      build_ledger({simple_row("a", day_of(2021, 11, 30), -1), simple_row("a", day_of(2022, 2, 1), -1),
                    simple_row("a", day_of(2022, 2, 2), -1)});
  QualityParams params;
  params.gap_threshold_days = 100;
  const CoverageSection section = assess_quality(ledger, params).coverage;
  EXPECT_EQ(section.months_spanned, 4u);
  EXPECT_EQ(section.empty_months, 2u);
  EXPECT_EQ(section.empty_months_listed, (std::vector<YearMonth>{{2021, 12}, {2022, 1}}));
  EXPECT_EQ(section.users[0].empty_months, 2u);
  EXPECT_EQ(section.gap_count, 0u);
  EXPECT_EQ(format_year_month(section.empty_months_listed[0]), "2021-12");
}

TEST(QualityCoverage, ListsCappedCountsExact) {
  std::vector<LedgerRow> rows;
  for (int month = 1; month <= 12; month += 2) rows.push_back(simple_row("a", day_of(2020, month, 1), -1));
  rows.push_back(simple_row("b", day_of(2020, 1, 1), -1));
  QualityParams params;
  params.max_listed = 1;
  const CoverageSection section = assess_quality(build_ledger(rows), params).coverage;
  EXPECT_EQ(section.empty_months, 5u);
  EXPECT_EQ(section.empty_months_listed.size(), 1u);
  EXPECT_EQ(section.user_count, 2u);
  EXPECT_EQ(section.users.size(), 1u);
  EXPECT_EQ(section.gap_count, 5u);
  EXPECT_EQ(section.gaps.size(), 1u);
}

TEST(QualityCoverage, EmptyLedger) {
  const CoverageSection section = assess_quality(LedgerBuilder().finish()).coverage;
  EXPECT_FALSE(section.has_rows);
  EXPECT_EQ(section.active_days, 0u);
  EXPECT_EQ(section.months_spanned, 0u);
  EXPECT_TRUE(section.users.empty());
}

}  // namespace
}  // namespace fincoach::validate
