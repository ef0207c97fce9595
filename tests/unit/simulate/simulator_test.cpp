#include "fincoach/simulate/simulator.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "sim_fixture.hpp"

namespace fincoach::simulate {
namespace {

using testing::small_params;
using testing::small_population;

TEST(Simulate, PopulationIsConsistentAndInGbp) {
  const SimulationResult& r = small_population();
  const Population& p = r.population;
  EXPECT_NO_THROW(p.check_invariants());
  EXPECT_EQ(p.ledger.currency, "GBP");
  EXPECT_EQ(p.ledger.minor_digits, 2);
  EXPECT_EQ(p.ledger.user_count(), 300u);
  EXPECT_EQ(r.truth.users.size(), 300u);
  EXPECT_EQ(r.truth.goals.size(), p.goals.size());
  EXPECT_EQ(r.stats.rows, p.ledger.rows());
  EXPECT_EQ(r.truth.policy, "logging_fallback_epsilon");
  EXPECT_GT(p.purchases.size(), 0u);
  EXPECT_GT(p.goals.size(), 0u);
  // About 18 rows per user-week, as in MoneyVis (wide tolerance: it is a calibration, not a law).
  const double weeks = (r.stats.end_day - r.stats.first_day) / 7.0;
  const double per_week = static_cast<double>(p.ledger.rows()) / 300.0 / weeks;
  EXPECT_GT(per_week, 10.0);
  EXPECT_LT(per_week, 30.0);
}

TEST(Simulate, UserIdsAreUniqueVersion4UuidsInByteOrder) {
  const Ledger& l = small_population().population.ledger;
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (uint32_t u = 0; u < l.user_count(); ++u) {
    const std::string id(l.users.at(u));
    EXPECT_TRUE(std::regex_match(id, uuid)) << id;
    if (u > 0) {
      EXPECT_LT(l.users.at(u - 1), l.users.at(u));
    }
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), l.user_count());
  EXPECT_EQ(user_uuid(11, 5), user_uuid(11, 5));
  EXPECT_NE(user_uuid(11, 5), user_uuid(12, 5));
  // The id of ledger user u derives from its sim index.
  const GroundTruth& truth = small_population().truth;
  for (uint32_t u = 0; u < l.user_count(); u += 37) EXPECT_EQ(l.users.at(u), user_uuid(11, truth.sim_index[u]));
}

TEST(Simulate, SameSeedGivesIdenticalOutputForAnyThreadCount) {
  SimulationParams p = small_params();
  p.users = 600;  // blocks of 75, 37 and 25 users for 1, 2 and 3 threads
  p.months = 3;
  p.threads = 1;
  const SimulationResult one = simulate(p);
  p.threads = 2;
  const SimulationResult two = simulate(p);
  p.threads = 3;
  const SimulationResult three = simulate(p);
  EXPECT_EQ(one.stats.threads, 1);
  EXPECT_EQ(two.stats.threads, 2);
  EXPECT_TRUE(one.population == two.population);
  EXPECT_TRUE(one.truth == two.truth);
  EXPECT_TRUE(one.population == three.population);
  EXPECT_EQ(ledger_fingerprint(one.population.ledger), ledger_fingerprint(three.population.ledger));
}

TEST(Simulate, DifferentSeedsDiffer) {
  SimulationParams p = small_params();
  p.users = 40;
  const SimulationResult a = simulate(p);
  p.seed = 12;
  const SimulationResult b = simulate(p);
  EXPECT_NE(ledger_fingerprint(a.population.ledger), ledger_fingerprint(b.population.ledger));
  EXPECT_NE(a.population.ledger.users.at(0), b.population.ledger.users.at(0));
}

TEST(Simulate, EveryBalanceReconcilesWithTheAmounts) {
  const SimulationResult& r = small_population();
  const Ledger& l = r.population.ledger;
  for (uint32_t u = 0; u < l.user_count(); ++u) {
    int64_t balance = r.truth.users[u].opening_balance;
    for (uint64_t row = l.user_begin(u); row < l.user_end(u); ++row) {
      balance += l.amount[row];
      ASSERT_EQ(l.balance[row], balance) << "user " << u << " row " << row;
      ASSERT_GE(l.second[row], 0);
      ASSERT_LT(l.second[row], 86400);
      ASSERT_NE(l.amount[row], 0);
    }
    EXPECT_EQ(r.population.users.wallet_balance[u], balance);
  }
}

TEST(Simulate, RowsStayInsideTheSimulatedDaysAndTimeOrder) {
  const SimulationResult& r = small_population();
  const Ledger& l = r.population.ledger;
  for (size_t row = 0; row < l.rows(); ++row) {
    ASSERT_GE(l.day[row], r.stats.first_day);
    ASSERT_LT(l.day[row], r.stats.end_day);
    if (row > 0 && l.user[row] == l.user[row - 1] && l.day[row] == l.day[row - 1]) {
      ASSERT_LE(l.second[row - 1], l.second[row]) << "row " << row;
    }
  }
}

// A goal is achieved when the user's net flow into savings (savings-category debits minus
// savings-category credits) from its start day reaches the target on or before its deadline.
TEST(Simulate, GoalOutcomesFollowFromTheLedger) {
  const SimulationResult& r = small_population();
  const Population& p = r.population;
  const Ledger& l = p.ledger;
  int achieved = 0;
  for (size_t g = 0; g < p.goals.size(); ++g) {
    const uint32_t u = p.goals.user[g];
    int64_t flow = 0;
    int32_t reached = -1;
    for (uint64_t row = l.user_begin(u); row < l.user_end(u); ++row) {
      if (l.day[row] < p.goals.start_day[g] || l.day[row] > p.goals.deadline_day[g]) continue;
      if (l.app_category(row) == AppCategory::Savings) flow -= l.amount[row];
      const bool day_ends = row + 1 == l.user_end(u) || l.day[row + 1] != l.day[row];
      if (day_ends && reached < 0 && flow >= p.goals.target_amount[g]) reached = l.day[row];
    }
    EXPECT_EQ(r.truth.goals.saved_by_deadline[g], flow) << "goal " << g;
    EXPECT_EQ(r.truth.goals.reached_day[g], reached) << "goal " << g;
    EXPECT_EQ(r.truth.goals.achieved[g], reached >= 0 ? 1 : 0) << "goal " << g;
    EXPECT_LE(p.goals.deadline_day[g], r.stats.end_day - 1);  // every outcome is known
    achieved += r.truth.goals.achieved[g];
  }
  EXPECT_GT(achieved, 0);
  EXPECT_LT(achieved, static_cast<int>(p.goals.size()));
}

TEST(Simulate, GoalsAreSequentialPerUser) {
  const GoalTable& g = small_population().population.goals;
  for (size_t i = 1; i < g.size(); ++i) {
    ASSERT_LE(g.user[i - 1], g.user[i]);
    if (g.user[i] == g.user[i - 1]) {
      EXPECT_GT(g.start_day[i], g.deadline_day[i - 1]);
    }
  }
  for (size_t i = 0; i < g.size(); ++i) EXPECT_GT(g.target_amount[i], 0);
}

TEST(Simulate, OneRecommendationPerUserPerWeekOnMondays) {
  const SimulationResult& r = small_population();
  const RecommendationLog& log = r.population.recommendations;
  const int32_t first_monday = r.stats.first_day + 7;  // 2024-01-01 is a Monday
  int weeks = 0;
  for (int32_t d = first_monday; d < r.stats.end_day; d += 7) ++weeks;
  EXPECT_EQ(log.size(), 300u * static_cast<size_t>(weeks));
  std::array<int, 4> feedback{};
  for (size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(weekday_from_days(log.day[i]), 0);
    EXPECT_GT(log.propensity[i], 0.0f);
    ++feedback[log.feedback[i]];
    if (log.feedback[i] == static_cast<uint8_t>(FeedbackType::Pending)) {
      EXPECT_EQ(log.feedback_day[i], -1);
    } else {
      EXPECT_GE(log.feedback_day[i], log.day[i]);
      EXPECT_LT(log.feedback_day[i], r.stats.end_day);
    }
  }
  for (int f : feedback) EXPECT_GT(f, 0) << "every feedback type occurs";
}

TEST(Simulate, LoggedPropensitiesAreTheLoggingPolicysOwn) {
  const RecommendationLog& log = small_population().population.recommendations;
  const float greedy = static_cast<float>(1.0 - 0.2 + 0.2 / 5);
  const float explore = static_cast<float>(0.2 / 5);
  size_t greedy_count = 0;
  for (size_t i = 0; i < log.size(); ++i) {
    ASSERT_TRUE(log.propensity[i] == greedy || log.propensity[i] == explore) << log.propensity[i];
    greedy_count += log.propensity[i] == greedy ? 1 : 0;
  }
  // The rule's action is logged with probability 1 - ε + ε/5 = 0.84.
  EXPECT_NEAR(static_cast<double>(greedy_count) / static_cast<double>(log.size()), 0.84, 0.02);
}

TEST(Simulate, NoCoachingLogsNothing) {
  SimulationParams p = small_params();
  p.users = 20;
  p.coaching = false;
  EXPECT_EQ(simulate(p).population.recommendations.size(), 0u);
}

TEST(Simulate, OneMonthAndOneUserWork) {
  SimulationParams p = small_params();
  p.users = 1;
  p.months = 1;
  const SimulationResult r = simulate(p);
  EXPECT_NO_THROW(r.population.check_invariants());
  EXPECT_EQ(r.population.ledger.user_count(), 1u);
  EXPECT_GT(r.population.ledger.rows(), 0u);
}

TEST(Simulate, InvalidParamsAreRejectedBeforeAnyWork) {
  SimulationParams p = small_params();
  p.months = 0;
  EXPECT_THROW(simulate(p), InvalidInput);
}

TEST(ResolveThreads, ZeroMeansAllCores) {
  EXPECT_GE(resolve_threads(0), 1);
  EXPECT_EQ(resolve_threads(3), 3);
}

}  // namespace
}  // namespace fincoach::simulate
