#include "fincoach/simulate/policy.hpp"

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach::simulate {

CoachingDecision fallback_rule(const WeeklyState& s) {
  // CQLModelService._get_fallback_recommendation: the first matching rule wins.
  if (s.current_balance < 100.0) return {CoachingAction::SpendingAlert, 1.0, 0.8};
  if (s.savings_rate < 0.0) return {CoachingAction::BudgetSuggestion, 1.0, 0.7};
  if (s.savings_rate > 0.2) return {CoachingAction::PositiveReinforcement, 1.0, 0.9};
  if (s.daily_spending_avg > s.total_income / 7.0) return {CoachingAction::SpendingAlert, 1.0, 0.6};
  return {CoachingAction::SavingsNudge, 1.0, 0.6};
}

LoggingPolicy::LoggingPolicy(double epsilon) : epsilon_(epsilon) {
  if (!(epsilon >= 0.0 && epsilon <= 1.0))
    throw InvalidInput(fmt::format("logging policy epsilon = {}: must be in [0, 1]", epsilon));
}

double LoggingPolicy::probability(const WeeklyState& state, CoachingAction action) const {
  const double explore = epsilon_ / k_coaching_action_count;
  return action == fallback_rule(state).action ? 1.0 - epsilon_ + explore : explore;
}

CoachingDecision LoggingPolicy::choose(const WeeklyState& state, Rng& rng) const {
  const CoachingDecision rule = fallback_rule(state);
  CoachingDecision decision = rule;
  // Both draws are always taken, so the stream advances the same way whatever the branch.
  const bool explore = rng.uniform() < epsilon_;
  const auto random_action = static_cast<CoachingAction>(rng.below(k_coaching_action_count));
  if (explore) decision.action = random_action;
  decision.probability = probability(state, decision.action);
  // An explored action carries the original's neutral confidence.
  decision.confidence = decision.action == rule.action ? rule.confidence : 0.5;
  return decision;
}

CoachingDecision ConstantPolicy::choose(const WeeklyState&, Rng&) const {
  return {action_, 1.0, 0.5};
}

}  // namespace fincoach::simulate
