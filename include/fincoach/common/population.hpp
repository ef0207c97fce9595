#pragma once
// A population: the ledger plus the FinCoach side tables (users and profiles, savings goals,
// the coaching log with its feedback, marketplace purchases). The simulator writes one, the
// database layer loads and exports one, later stages read one. Side tables are columnar
// like the ledger: a 100k-user simulation logs millions of recommendations.
// Users are referred to by their index in `ledger.users` (the external id is the string).

#include <cstdint>
#include <string>
#include <vector>

#include "fincoach/common/ledger.hpp"

namespace fincoach {

/// The five coaching actions of the original system, in its id order.
enum class CoachingAction : uint8_t {
  ContinueCurrentBehavior = 0,
  SpendingAlert = 1,
  BudgetSuggestion = 2,
  SavingsNudge = 3,
  PositiveReinforcement = 4,
};
constexpr int k_coaching_action_count = 5;
/// "continue_current_behavior", "spending_alert", … (the backend's action_type strings).
std::string_view to_string(CoachingAction action);

enum class FeedbackType : uint8_t { Pending = 0, Helpful = 1, NotHelpful = 2, Implemented = 3 };
/// "pending", "helpful", "not_helpful", "implemented" (recommendation_history.feedback_status).
std::string_view to_string(FeedbackType type);

/// users + user_profiles + wallets, one entry per ledger user (index = ledger user index).
struct UserTable {
  std::vector<std::string> email;
  std::vector<std::string> first_name;
  std::vector<std::string> last_name;
  std::vector<int32_t> created_day;       ///< account creation (days since epoch)
  std::vector<int64_t> monthly_income;    ///< user_profiles.monthly_income, minor units
  std::vector<int64_t> savings_goal;      ///< user_profiles.savings_goal, minor units
  std::vector<std::string> risk_tolerance;  ///< "low" | "medium" | "high"
  std::vector<int64_t> wallet_balance;    ///< wallets.balance at export time, minor units

  size_t size() const { return email.size(); }
  bool operator==(const UserTable& other) const = default;
};

/// Savings goals (user_profiles.financial_goals JSON in the FinCoach schema).
struct GoalTable {
  std::vector<uint32_t> user;
  std::vector<std::string> name;
  std::vector<int64_t> target_amount;  ///< minor units
  std::vector<int32_t> start_day;
  std::vector<int32_t> deadline_day;

  size_t size() const { return user.size(); }
  bool operator==(const GoalTable& other) const = default;
};

/// recommendation_history + recommendation_feedback: one entry per logged recommendation.
struct RecommendationLog {
  std::vector<uint32_t> user;
  std::vector<int32_t> day;
  std::vector<int32_t> second;
  std::vector<uint8_t> action;        ///< CoachingAction
  std::vector<float> propensity;      ///< probability the logging policy gave this action
  std::vector<float> confidence;      ///< confidence_score shown to the user (0..1)
  std::vector<uint8_t> feedback;      ///< FeedbackType
  std::vector<int32_t> feedback_day;  ///< -1 when pending

  size_t size() const { return user.size(); }
  bool operator==(const RecommendationLog& other) const = default;
};

/// user_purchases joined with products: marketplace purchases (each also a ledger debit).
struct PurchaseTable {
  std::vector<uint32_t> user;
  std::vector<uint32_t> product;   ///< index into the seeded 40-product catalogue
  std::vector<int32_t> day;
  std::vector<int32_t> quantity;
  std::vector<int64_t> total_amount;  ///< minor units, positive

  size_t size() const { return user.size(); }
  bool operator==(const PurchaseTable& other) const = default;
};

struct Population {
  Ledger ledger;
  UserTable users;
  GoalTable goals;
  RecommendationLog recommendations;
  PurchaseTable purchases;

  /// Throws Internal when a side table's columns disagree in length or refer to a user
  /// outside the ledger, or when users.size() != ledger.user_count().
  void check_invariants() const;
  bool operator==(const Population& other) const = default;
};

}  // namespace fincoach
