#include "simulate/plan.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/date.hpp"

namespace fincoach::simulate::detail {
namespace {

class PlanTest : public ::testing::Test {
 protected:
  SimulationParams params_;
  Calendar calendar_{days_from_civil(2024, 1, 1), 12};
};

TEST_F(PlanTest, SameStreamSameSeedSamePlan) {
  UserPlan a, b;
  Rng ra(7), rb(7);
  draw_plan(ra, params_, calendar_, a);
  draw_plan(rb, params_, calendar_, b);
  EXPECT_TRUE(a.traits == b.traits);
  EXPECT_EQ(a.streams.size(), b.streams.size());
  EXPECT_EQ(a.goals.size(), b.goals.size());
  EXPECT_EQ(a.spend_level, b.spend_level);
}

TEST_F(PlanTest, PlansAreWellFormed) {
  UserPlan plan;
  for (uint64_t seed = 0; seed < 500; ++seed) {
    Rng rng(seed);
    draw_plan(rng, params_, calendar_, plan);  // reuses the same plan: old content must go
    int income = 0, housing = 0;
    for (const Stream& s : plan.streams) {
      income += s.kind == StreamKind::Income ? 1 : 0;
      housing += s.kind == StreamKind::Housing ? 1 : 0;
      EXPECT_NE(s.amount, 0);
      EXPECT_GE(s.second, 0);
      EXPECT_LT(s.second, 86400);
      if (s.cadence == Cadence::MonthDay) {
        EXPECT_GE(s.day_of_month, 1);
        EXPECT_LE(s.day_of_month, 28);
      }
    }
    EXPECT_EQ(income, 1);
    EXPECT_EQ(housing, 1);
    ASSERT_LE(plan.goals.size(), 2u);
    for (size_t g = 0; g < plan.goals.size(); ++g) {
      EXPECT_GE(plan.goals[g].start, calendar_.first_day());
      EXPECT_LT(plan.goals[g].deadline, calendar_.end_day());
      EXPECT_GE(plan.goals[g].deadline - plan.goals[g].start, 27);
      if (g > 0) {
        EXPECT_GT(plan.goals[g].start, plan.goals[g - 1].deadline);
      }
    }
    for (size_t h = 1; h < plan.holidays.size(); ++h) EXPECT_GT(plan.holidays[h].start, plan.holidays[h - 1].end);
    for (const auto& fav : plan.favourites) {
      EXPECT_NE(fav[0], fav[1]);
      EXPECT_NE(fav[1], fav[2]);
      EXPECT_NE(fav[0], fav[2]);
    }
    EXPECT_GE(plan.spend_level, 0.3);
    EXPECT_LE(plan.spend_level, 4.0);
    EXPECT_LT(plan.created_day, calendar_.first_day());
  }
}

TEST_F(PlanTest, RatesOfZeroMeanNoLifeEvents) {
  params_.income_shock_rate = 0;
  params_.large_purchase_rate = 0;
  params_.holiday_rate = 0;
  UserPlan plan;
  for (uint64_t seed = 0; seed < 100; ++seed) {
    Rng rng(seed);
    draw_plan(rng, params_, calendar_, plan);
    EXPECT_TRUE(plan.shocks.empty());
    EXPECT_TRUE(plan.large_purchases.empty());
    EXPECT_TRUE(plan.holidays.empty());
  }
}

}  // namespace
}  // namespace fincoach::simulate::detail
