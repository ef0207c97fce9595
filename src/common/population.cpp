#include "fincoach/common/population.hpp"

#include <array>

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach {
namespace {

template <typename T>
void check_size(const std::vector<T>& column, size_t expected, const char* table, const char* name) {
  if (column.size() != expected)
    throw Internal(fmt::format("{}.{} has {} entries, expected {}", table, name, column.size(), expected));
}

void check_users(const std::vector<uint32_t>& users, uint32_t user_count, const char* table) {
  for (size_t i = 0; i < users.size(); ++i)
    if (users[i] >= user_count)
      throw Internal(fmt::format("{} row {} refers to user {} of {}", table, i, users[i], user_count));
}

}  // namespace

std::string_view to_string(CoachingAction action) {
  static constexpr std::array<std::string_view, k_coaching_action_count> k_names = {
      "continue_current_behavior", "spending_alert", "budget_suggestion", "savings_nudge", "positive_reinforcement"};
  return k_names[static_cast<size_t>(action)];
}

std::string_view to_string(FeedbackType type) {
  static constexpr std::array<std::string_view, 4> k_names = {"pending", "helpful", "not_helpful", "implemented"};
  return k_names[static_cast<size_t>(type)];
}

void Population::check_invariants() const {
  ledger.check_invariants();
  const size_t n_users = users.size();
  if (n_users != ledger.user_count())
    throw Internal(fmt::format("population has {} user rows but the ledger has {} users", n_users, ledger.user_count()));
  check_size(users.first_name, n_users, "users", "first_name");
  check_size(users.last_name, n_users, "users", "last_name");
  check_size(users.created_day, n_users, "users", "created_day");
  check_size(users.monthly_income, n_users, "users", "monthly_income");
  check_size(users.savings_goal, n_users, "users", "savings_goal");
  check_size(users.risk_tolerance, n_users, "users", "risk_tolerance");
  check_size(users.wallet_balance, n_users, "users", "wallet_balance");

  const size_t n_goals = goals.size();
  check_size(goals.name, n_goals, "goals", "name");
  check_size(goals.target_amount, n_goals, "goals", "target_amount");
  check_size(goals.start_day, n_goals, "goals", "start_day");
  check_size(goals.deadline_day, n_goals, "goals", "deadline_day");
  check_users(goals.user, ledger.user_count(), "goals");

  const size_t n_recs = recommendations.size();
  check_size(recommendations.day, n_recs, "recommendations", "day");
  check_size(recommendations.second, n_recs, "recommendations", "second");
  check_size(recommendations.action, n_recs, "recommendations", "action");
  check_size(recommendations.propensity, n_recs, "recommendations", "propensity");
  check_size(recommendations.confidence, n_recs, "recommendations", "confidence");
  check_size(recommendations.feedback, n_recs, "recommendations", "feedback");
  check_size(recommendations.feedback_day, n_recs, "recommendations", "feedback_day");
  check_users(recommendations.user, ledger.user_count(), "recommendations");
  for (size_t i = 0; i < n_recs; ++i) {
    if (recommendations.action[i] >= k_coaching_action_count)
      throw Internal(fmt::format("recommendations row {}: action {} out of range", i, recommendations.action[i]));
    if (recommendations.feedback[i] > static_cast<uint8_t>(FeedbackType::Implemented))
      throw Internal(fmt::format("recommendations row {}: feedback {} out of range", i, recommendations.feedback[i]));
  }

  const size_t n_purchases = purchases.size();
  check_size(purchases.product, n_purchases, "purchases", "product");
  check_size(purchases.day, n_purchases, "purchases", "day");
  check_size(purchases.quantity, n_purchases, "purchases", "quantity");
  check_size(purchases.total_amount, n_purchases, "purchases", "total_amount");
  check_users(purchases.user, ledger.user_count(), "purchases");
}

}  // namespace fincoach
