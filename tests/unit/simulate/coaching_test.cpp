// The coaching response model, observed through the policy hook: the same world run under
// different policies.

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"
#include "fincoach/simulate/simulator.hpp"
#include "sim_fixture.hpp"

namespace fincoach::simulate {
namespace {

struct Outcome {
  int64_t savings_flow = 0;   // net transfers into savings, all users
  int64_t discretionary = 0;  // debits outside bills, savings and fees
  int64_t final_balance = 0;
};

Outcome outcome_of(const Population& p) {
  Outcome o;
  const Ledger& l = p.ledger;
  for (size_t r = 0; r < l.rows(); ++r) {
    const AppCategory c = l.app_category(r);
    if (c == AppCategory::Savings) o.savings_flow -= l.amount[r];
    const bool fixed = c == AppCategory::Bills || c == AppCategory::Savings || c == AppCategory::Income;
    if (!fixed && l.amount[r] < 0) o.discretionary -= l.amount[r];
  }
  for (int64_t b : p.users.wallet_balance) o.final_balance += b;
  return o;
}

SimulationParams hook_params() {
  SimulationParams p = testing::small_params();
  p.users = 200;
  return p;
}

TEST(PolicyHook, ConstantPolicyChangesTheLogButNotTheWorld) {
  const SimulationParams params = hook_params();
  const SimulationResult nudge = simulate(params, ConstantPolicy(CoachingAction::SavingsNudge));
  const SimulationResult idle = simulate(params, ConstantPolicy(CoachingAction::ContinueCurrentBehavior));
  // Same users, traits, goals, schedules and life events.
  EXPECT_TRUE(nudge.truth.users == idle.truth.users);
  EXPECT_TRUE(nudge.truth.streams == idle.truth.streams);
  EXPECT_TRUE(nudge.truth.events == idle.truth.events);
  EXPECT_TRUE(nudge.population.goals == idle.population.goals);
  EXPECT_EQ(nudge.truth.policy, "savings_nudge");
  for (uint8_t a : nudge.population.recommendations.action)
    ASSERT_EQ(a, static_cast<uint8_t>(CoachingAction::SavingsNudge));
  for (float p : nudge.population.recommendations.propensity) ASSERT_EQ(p, 1.0f);
  EXPECT_FALSE(nudge.population.ledger == idle.population.ledger);
}

TEST(PolicyHook, NudgesRaiseSavingsAndAlertsCutSpending) {
  const SimulationParams params = hook_params();
  const Outcome idle = outcome_of(simulate(params, ConstantPolicy(CoachingAction::ContinueCurrentBehavior)).population);
  const Outcome nudge = outcome_of(simulate(params, ConstantPolicy(CoachingAction::SavingsNudge)).population);
  const Outcome alert = outcome_of(simulate(params, ConstantPolicy(CoachingAction::BudgetSuggestion)).population);
  EXPECT_GT(nudge.savings_flow, idle.savings_flow);
  EXPECT_LT(alert.discretionary, idle.discretionary);
  EXPECT_GT(alert.final_balance, idle.final_balance);
}

TEST(PolicyHook, GoalsAreReachedMoreOftenUnderNudges) {
  SimulationParams params = hook_params();
  params.users = 400;
  auto achieved = [&](CoachingAction action) {
    const SimulationResult r = simulate(params, ConstantPolicy(action));
    int n = 0;
    for (uint8_t a : r.truth.goals.achieved) n += a;
    return n;
  };
  EXPECT_GT(achieved(CoachingAction::SavingsNudge), achieved(CoachingAction::ContinueCurrentBehavior));
}

class ZeroProbabilityPolicy final : public CoachingPolicy {
 public:
  CoachingDecision choose(const WeeklyState&, Rng&) const override { return {CoachingAction::SavingsNudge, 0.0, 0.5}; }
  std::string_view name() const override { return "broken"; }
};

TEST(PolicyHook, AnImpossibleDecisionStopsTheRunFromAnyThread) {
  SimulationParams params = hook_params();
  params.users = 100;
  EXPECT_THROW(simulate(params, ZeroProbabilityPolicy()), Internal);
}

TEST(CoachingResponse, ImplementedFeedbackMeansAMoneyTransferThatDay) {
  const SimulationResult& r = testing::small_population();
  const Population& p = r.population;
  const Ledger& l = p.ledger;
  const auto to_savings = l.descriptions.find("TO SAVINGS");
  ASSERT_TRUE(to_savings.has_value());
  size_t implemented = 0;
  for (size_t i = 0; i < p.recommendations.size(); ++i) {
    if (p.recommendations.feedback[i] != static_cast<uint8_t>(FeedbackType::Implemented)) continue;
    ++implemented;
    const uint32_t u = p.recommendations.user[i];
    bool found = false;
    for (uint64_t row = l.user_begin(u); row < l.user_end(u) && !found; ++row)
      found = l.day[row] == p.recommendations.feedback_day[i] && l.description[row] == *to_savings;
    EXPECT_TRUE(found) << "recommendation " << i;
  }
  EXPECT_GT(implemented, 0u);
}

}  // namespace
}  // namespace fincoach::simulate
