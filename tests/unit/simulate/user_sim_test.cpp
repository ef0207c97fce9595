#include "simulate/user_sim.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/date.hpp"

namespace fincoach::simulate::detail {
namespace {

class UserSimTest : public ::testing::Test {
 protected:
  UserSimTest() { params_.seed = 3; }

  Chunk run_users(const std::vector<uint64_t>& sim_indices) {
    Chunk chunk;
    UserSimulation sim(params_, calendar_, &policy_, scratch_);
    uint32_t u = 0;
    for (uint64_t index : sim_indices) sim.run(u++, index, ids_[index % ids_.size()], chunk);
    return chunk;
  }

  SimulationParams params_;
  Calendar calendar_{days_from_civil(2024, 1, 1), 4};
  ConstantPolicy policy_{CoachingAction::SavingsNudge};
  Scratch scratch_;
  std::vector<std::string> ids_ = {"a", "b", "c"};
};

TEST_F(UserSimTest, AUserDoesNotDependOnWhoRanBefore) {
  const Chunk alone = run_users({5});
  const Chunk after = run_users({9, 2, 5});
  const size_t n = alone.rows();
  ASSERT_GT(n, 0u);
  ASSERT_EQ(after.user_rows.size(), 3u);
  const size_t offset = after.user_rows[0] + after.user_rows[1];
  ASSERT_EQ(after.user_rows[2], n);
  for (size_t r = 0; r < n; ++r) {
    ASSERT_EQ(alone.day[r], after.day[offset + r]);
    ASSERT_EQ(alone.amount[r], after.amount[offset + r]);
    ASSERT_EQ(alone.balance[r], after.balance[offset + r]);
    ASSERT_EQ(alone.description[r], after.description[offset + r]);
  }
  EXPECT_TRUE(alone.traits.back() == after.traits.back());
}

TEST_F(UserSimTest, RowsAreInDayOrderWithARunningBalance) {
  const Chunk c = run_users({1, 2, 3, 4});
  size_t row = 0;
  for (size_t u = 0; u < c.user_rows.size(); ++u) {
    int64_t balance = c.traits[u].opening_balance;
    for (uint64_t i = 0; i < c.user_rows[u]; ++i, ++row) {
      balance += c.amount[row];
      ASSERT_EQ(c.balance[row], balance);
      ASSERT_EQ(c.user[row], u);
      if (i > 0) {
        ASSERT_LE(c.day[row - 1], c.day[row]);
      }
    }
  }
  EXPECT_EQ(row, c.rows());
}

TEST_F(UserSimTest, RecommendationsComeEveryMondayAfterTheFirstWeek) {
  const Chunk c = run_users({6});
  const RecommendationLog& log = c.recommendations;
  ASSERT_FALSE(log.user.empty());
  EXPECT_EQ(log.day.front(), calendar_.first_day() + 7);
  for (size_t i = 1; i < log.day.size(); ++i) EXPECT_EQ(log.day[i] - log.day[i - 1], 7);
  for (uint8_t a : log.action) EXPECT_EQ(a, static_cast<uint8_t>(CoachingAction::SavingsNudge));
  for (int32_t s : log.second) {
    EXPECT_GE(s, 8 * 3600);
    EXPECT_LT(s, 10 * 3600);
  }
}

}  // namespace
}  // namespace fincoach::simulate::detail
