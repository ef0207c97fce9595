// The shared window arithmetic (src/features/window_stats.hpp, state_scan.hpp).
#include "features/window_stats.hpp"

#include <gtest/gtest.h>

#include "features/state_scan.hpp"
#include "ledger_fixture.hpp"

namespace fincoach::features::detail {
namespace {

using testing::build;
using testing::day_of;
using testing::Row;

TEST(WindowStats, EffectiveBalanceCarriesTheLastKnownOne) {
  const int32_t d = day_of(2024, 1, 1);
  const Ledger l = build({testing::make_row("a", d, -100, AppCategory::Other, k_no_balance),
                          testing::make_row("a", d, 500, AppCategory::Income, 900),
                          testing::make_row("a", d + 1, -50, AppCategory::Other, k_no_balance)});
  std::vector<int64_t> b;
  effective_balances(l, 0, 3, b);
  EXPECT_EQ(b, (std::vector<int64_t>{-100, 900, 850}));
}

TEST(WindowStats, DayStatsAddAndSubtractExactly) {
  const Ledger l = testing::random_ledger(1, 30, 3);
  Scratch scratch;
  FeatureParams p;
  DayStats total;
  std::vector<DayStats> days;
  for (uint64_t r = 0; r < l.rows();) {
    uint64_t r2 = r;
    while (r2 < l.rows() && l.day[r2] == l.day[r]) ++r2;
    days.push_back(day_stats(l, r, r2, l.day[r], int64_t{123456789}, p, scratch));
    total.add(days.back());
    r = r2;
  }
  for (const DayStats& s : days) total.sub(s);
  EXPECT_EQ(total.debit, 0);
  EXPECT_EQ(total.pay_sq, 0);
  EXPECT_EQ(total.balance_sq, 0);
  EXPECT_EQ(total.balance_days, 0);
}

TEST(WindowStats, QuietDaysCountTowardsBalances) {
  DayStats w;
  add_balance_run(w, 3, -5);
  EXPECT_EQ(w.balance_days, 3);
  EXPECT_EQ(w.negative_days, 3);
  EXPECT_EQ(w.balance_sum, -15);
  EXPECT_EQ(w.balance_sq, 75);
}

TEST(WindowStats, ActiveGoalIsTheEarliestDeadline) {
  GoalTable g;
  g.user = {0, 0, 0};
  g.name = {"a", "b", "c"};
  g.target_amount = {1, 1, 1};
  g.start_day = {0, 5, 50};
  g.deadline_day = {100, 60, 70};
  const std::vector<uint32_t> mine = {0, 1, 2};
  EXPECT_EQ(active_goal(&g, mine, 10), 1);
  EXPECT_EQ(active_goal(&g, mine, 65), 2);
  EXPECT_EQ(active_goal(&g, mine, 101), -1);
}

}  // namespace
}  // namespace fincoach::features::detail
