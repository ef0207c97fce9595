#include "fincoach/simulate/policy.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"

namespace fincoach::simulate {
namespace {

WeeklyState state(double balance, double spending, double income) {
  WeeklyState s;
  s.current_balance = balance;
  s.total_spending = spending;
  s.total_income = income;
  s.savings_rate = (income - spending) / std::max(income, 1.0);
  s.daily_spending_avg = spending / 7.0;
  return s;
}

TEST(FallbackRule, FirstMatchingRuleWins) {
  EXPECT_EQ(fallback_rule(state(50, 0, 1000)).action, CoachingAction::SpendingAlert);  // balance < 100 first
  EXPECT_DOUBLE_EQ(fallback_rule(state(50, 0, 1000)).confidence, 0.8);
  EXPECT_EQ(fallback_rule(state(500, 300, 0)).action, CoachingAction::BudgetSuggestion);
  EXPECT_DOUBLE_EQ(fallback_rule(state(500, 300, 0)).confidence, 0.7);
  EXPECT_EQ(fallback_rule(state(500, 100, 1000)).action, CoachingAction::PositiveReinforcement);
  EXPECT_DOUBLE_EQ(fallback_rule(state(500, 100, 1000)).confidence, 0.9);
  // savings rate 0.1: neither negative nor above 0.2, and spending below income → nudge
  EXPECT_EQ(fallback_rule(state(500, 900, 1000)).action, CoachingAction::SavingsNudge);
  EXPECT_EQ(fallback_rule(state(500, 0.5, 0.5)).action, CoachingAction::SavingsNudge);
  // Rule 4 cannot fire on a consistent state (a savings rate >= 0 means spending <= income);
  // only a state whose daily average disagrees with its total reaches it.
  WeeklyState odd = state(500, 100, 100);
  odd.daily_spending_avg = 50;
  EXPECT_EQ(fallback_rule(odd).action, CoachingAction::SpendingAlert);
  EXPECT_DOUBLE_EQ(fallback_rule(odd).confidence, 0.6);
}

TEST(LoggingPolicy, PropensitiesAreExactAndSumToOne) {
  const LoggingPolicy policy(0.2);
  const WeeklyState s = state(500, 300, 0);  // rule: budget suggestion
  double total = 0.0;
  for (int a = 0; a < k_coaching_action_count; ++a) {
    const auto action = static_cast<CoachingAction>(a);
    const double p = policy.probability(s, action);
    total += p;
    EXPECT_DOUBLE_EQ(p, action == CoachingAction::BudgetSuggestion ? 1.0 - 0.2 + 0.2 / 5 : 0.2 / 5);
  }
  EXPECT_DOUBLE_EQ(total, 1.0);
}

TEST(LoggingPolicy, ChoicesFollowTheirPropensities) {
  const LoggingPolicy policy(0.3);
  const WeeklyState s = state(500, 100, 1000);  // rule: positive reinforcement
  Rng rng(4);
  std::array<int, k_coaching_action_count> counts{};
  const int n = 50000;
  for (int i = 0; i < n; ++i) {
    const CoachingDecision d = policy.choose(s, rng);
    ++counts[static_cast<size_t>(d.action)];
    EXPECT_DOUBLE_EQ(d.probability, policy.probability(s, d.action));
    EXPECT_DOUBLE_EQ(d.confidence, d.action == CoachingAction::PositiveReinforcement ? 0.9 : 0.5);
  }
  for (int a = 0; a < k_coaching_action_count; ++a)
    EXPECT_NEAR(static_cast<double>(counts[static_cast<size_t>(a)]) / n,
                policy.probability(s, static_cast<CoachingAction>(a)), 0.01);
}

TEST(LoggingPolicy, EpsilonZeroIsTheRuleAndOneIsUniform) {
  const WeeklyState s = state(50, 0, 0);
  Rng rng(1);
  const LoggingPolicy greedy(0.0);
  for (int i = 0; i < 100; ++i) {
    const CoachingDecision d = greedy.choose(s, rng);
    EXPECT_EQ(d.action, CoachingAction::SpendingAlert);
    EXPECT_DOUBLE_EQ(d.probability, 1.0);
  }
  const LoggingPolicy uniform(1.0);
  for (int i = 0; i < 100; ++i) EXPECT_DOUBLE_EQ(uniform.choose(s, rng).probability, 0.2);
  EXPECT_THROW(LoggingPolicy(-0.01), InvalidInput);
  EXPECT_THROW(LoggingPolicy(1.01), InvalidInput);
}

TEST(ConstantPolicy, AlwaysTheSameActionWithCertainty) {
  const ConstantPolicy policy(CoachingAction::SavingsNudge);
  Rng rng(1);
  const CoachingDecision d = policy.choose(state(0, 0, 0), rng);
  EXPECT_EQ(d.action, CoachingAction::SavingsNudge);
  EXPECT_DOUBLE_EQ(d.probability, 1.0);
  EXPECT_EQ(policy.name(), "savings_nudge");
}

}  // namespace
}  // namespace fincoach::simulate
