#include "fincoach/features/panel.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fincoach/common/date.hpp"
#include "ledger_fixture.hpp"

namespace fincoach::features {
namespace {

using testing::day_of;

GoalTable goals_for(const Ledger& l) {
  GoalTable g;
  for (uint32_t u = 0; u < l.user_count(); u += 3) {
    g.user.push_back(u);
    g.name.push_back("goal");
    g.target_amount.push_back(100000 + 1000 * u);
    g.start_day.push_back(day_of(2023, 1, 10) + static_cast<int32_t>(u % 30));
    g.deadline_day.push_back(day_of(2023, 4, 1) + static_cast<int32_t>(u % 50));
  }
  return g;
}

TEST(WeeklyPanel, WeekEndsAreSundays) {
  EXPECT_EQ(week_end_on_or_after(day_of(2024, 3, 10)), day_of(2024, 3, 10));
  EXPECT_EQ(week_end_on_or_after(day_of(2024, 3, 11)), day_of(2024, 3, 17));
  EXPECT_EQ(week_end_on_or_after(day_of(2015, 7, 27)), day_of(2015, 8, 2));  // pandas' first label
}

TEST(WeeklyPanel, IncrementalEqualsFromScratch) {
  const Ledger l = testing::random_ledger(90, 200, 21);
  const GoalTable goals = goals_for(l);
  FeatureContext ctx;
  ctx.goals = &goals;
  for (uint32_t u = 0; u < l.user_count(); ++u) ctx.segment.push_back(static_cast<int32_t>(u % 6) - 1);
  for (int lookback : {14, 30, 45}) {
    FeatureParams p;
    p.lookback_days = lookback;
    p.baseline_days = lookback == 45 ? 45 : 120;
    p.threads = 2;
    const WeeklyPanel fast = build_weekly_panel(l, ctx, p);
    const WeeklyPanel slow = build_weekly_panel_from_scratch(l, ctx, p);
    ASSERT_EQ(fast.rows(), slow.rows());
    ASSERT_GT(fast.rows(), 1000u);
    for (size_t i = 0; i < fast.matrix.values.size(); ++i) {
      ASSERT_EQ(fast.matrix.values[i], slow.matrix.values[i])
          << "row " << i / fast.matrix.cols() << " " << fast.matrix.schema.features[i % fast.matrix.cols()].name
          << " lookback " << lookback;
      ASSERT_TRUE(std::isfinite(fast.matrix.values[i]));
    }
    EXPECT_EQ(fast.matrix.missing, slow.matrix.missing);
    EXPECT_EQ(fast.week_end, slow.week_end);
  }
}

TEST(WeeklyPanel, RowsEqualTheSnapshotAtTheirWeekEnd) {
  const Ledger l = testing::random_ledger(25, 120, 4);
  FeatureParams p;
  const WeeklyPanel panel = build_weekly_panel(l, {}, p);
  const int32_t week = day_of(2023, 3, 5);
  const FeatureMatrix snap = extract_enhanced(l, {}, p, week);
  int checked = 0;
  for (uint32_t u = 0; u < l.user_count(); ++u)
    for (uint64_t r = panel.user_offsets[u]; r < panel.user_offsets[u + 1]; ++r) {
      if (panel.week_end[r] != week) continue;
      ++checked;
      for (size_t c = 0; c < snap.cols(); ++c) ASSERT_EQ(panel.matrix.at(r, c), snap.at(u, c)) << u << " " << c;
    }
  EXPECT_GT(checked, 10);
}

TEST(WeeklyPanel, SameForAnyThreadCount) {
  const Ledger l = testing::random_ledger(600, 50, 9);
  FeatureParams one;
  one.threads = 1;
  FeatureParams four;
  four.threads = 4;
  EXPECT_EQ(build_weekly_panel(l, {}, one), build_weekly_panel(l, {}, four));
}

TEST(WeeklyPanel, UsersWithoutRowsHaveNoWeeks) {
  LedgerBuilder b;
  const Ledger empty = std::move(b).finish();
  const WeeklyPanel panel = build_weekly_panel(empty, {}, FeatureParams{});
  EXPECT_EQ(panel.rows(), 0u);
}

}  // namespace
}  // namespace fincoach::features
