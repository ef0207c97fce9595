#pragma once
// The coaching policy hook. Each simulated week a policy sees what the bank can see of a
// user (their last seven days) and picks one of the five coaching actions; the simulator
// records the action with the probability the policy gave it, and the user's response
// changes later behaviour. The default is the logging policy: the original system's
// rule-based fallback with ε-exploration.

#include <array>
#include <cstdint>
#include <string_view>

#include "fincoach/common/category.hpp"
#include "fincoach/common/population.hpp"
#include "fincoach/simulate/random.hpp"

namespace fincoach::simulate {

/// A user's observable state when a recommendation is due: the seven full days before
/// `day`, as the original backend computes it (amounts in major units, positive).
struct WeeklyState {
  std::string_view user_id;  ///< the user's external id (a UUID)
  int32_t day = 0;           ///< day the recommendation is made (days since epoch)
  int32_t week = 0;          ///< 0-based index of this recommendation for the user
  /// The user's balance at the start of `day` (the original used the last row's
  /// balance_after, or 1000 with no rows; the simulator knows the true balance).
  double current_balance = 0.0;
  double total_spending = 0.0;  ///< sum of debits in the window
  double total_income = 0.0;    ///< sum of credits in the window
  int transaction_count = 0;    ///< debits and credits in the window
  /// Debit sum per app category (index = AppCategory).
  std::array<double, k_app_category_count> category_spending{};
  /// (income - spending) / max(income, 1).
  double savings_rate = 0.0;
  /// spending / 7.
  double daily_spending_avg = 0.0;
};

/// What a policy chose, with the probability it gave that choice (1 for a deterministic
/// policy) and the confidence shown to the user (0..1).
struct CoachingDecision {
  CoachingAction action = CoachingAction::ContinueCurrentBehavior;
  double probability = 1.0;
  double confidence = 0.5;
};

/// A policy the simulator can run. `choose` is called concurrently from worker threads for
/// different users, so it must not change shared state; any randomness must come from
/// `rng` (the user's own coaching stream), so that runs stay reproducible.
class CoachingPolicy {
 public:
  virtual ~CoachingPolicy() = default;
  virtual CoachingDecision choose(const WeeklyState& state, Rng& rng) const = 0;
  /// Short name for logs and manifests.
  virtual std::string_view name() const = 0;
};

/// The original backend's rule-based fallback (ORIGINAL_SYSTEM.md §4): the first rule that
/// matches wins. Returns the action and the rule's confidence.
CoachingDecision fallback_rule(const WeeklyState& state);

/// The documented logging policy: with probability 1 - ε the fallback rule's action, with
/// probability ε an action drawn uniformly from all five. The recorded propensity is exact:
/// 1 - ε + ε/5 for the rule's action, ε/5 for any other.
class LoggingPolicy final : public CoachingPolicy {
 public:
  /// Throws InvalidInput when epsilon is outside [0, 1].
  explicit LoggingPolicy(double epsilon);
  CoachingDecision choose(const WeeklyState& state, Rng& rng) const override;
  std::string_view name() const override { return "logging_fallback_epsilon"; }
  double epsilon() const { return epsilon_; }
  /// Probability this policy gives `action` in `state`.
  double probability(const WeeklyState& state, CoachingAction action) const;

 private:
  double epsilon_;
};

/// Always the same action (probability 1): a baseline arm and a test double.
class ConstantPolicy final : public CoachingPolicy {
 public:
  explicit ConstantPolicy(CoachingAction action) : action_(action) {}
  CoachingDecision choose(const WeeklyState& state, Rng& rng) const override;
  std::string_view name() const override { return to_string(action_); }

 private:
  CoachingAction action_;
};

}  // namespace fincoach::simulate
