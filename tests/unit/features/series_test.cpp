#include "fincoach/features/series.hpp"

#include <gtest/gtest.h>

#include "ledger_fixture.hpp"

namespace fincoach::features {
namespace {

using testing::build;
using testing::day_of;
using testing::Row;

TEST(DailySeries, DenseOverEachUsersRange) {
  const int32_t d = day_of(2024, 1, 1);
  std::vector<Row> rows = {testing::make_row("a", d, -1000, AppCategory::Groceries),  testing::make_row("a", d, -250, AppCategory::Groceries),
                           testing::make_row("a", d + 3, 5000, AppCategory::Income),  testing::make_row("a", d + 3, -99, AppCategory::Transport),
                           testing::make_row("b", d + 1, -700, AppCategory::DineOut), testing::make_row("a", d + 3, 120, AppCategory::Shopping)};
  const Ledger l = build(rows);
  const DailySeries s = build_daily_series(l, 1);
  ASSERT_EQ(s.user_offsets, (std::vector<uint64_t>{0, 4, 5}));
  EXPECT_EQ(s.first_day[0], d);
  EXPECT_EQ(s.day_of(0, 3), d + 3);
  EXPECT_FLOAT_EQ(s.spend[static_cast<size_t>(AppCategory::Groceries)][0], 12.5f);
  EXPECT_FLOAT_EQ(s.spend[static_cast<size_t>(AppCategory::Groceries)][1], 0.0f);
  EXPECT_FLOAT_EQ(s.spend[static_cast<size_t>(AppCategory::Transport)][3], 0.99f);
  EXPECT_FLOAT_EQ(s.spend[static_cast<size_t>(AppCategory::Shopping)][3], 0.0f);  // a refund is not spending
  EXPECT_FLOAT_EQ(s.income[3], 51.2f);
  EXPECT_FLOAT_EQ(s.spend[static_cast<size_t>(AppCategory::DineOut)][4], 7.0f);
}

TEST(DailySeries, SameForAnyThreadCount) {
  const Ledger l = testing::random_ledger(900, 40, 2);
  EXPECT_EQ(build_daily_series(l, 1), build_daily_series(l, 3));
}

}  // namespace
}  // namespace fincoach::features
