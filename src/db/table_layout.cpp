#include "db/table_layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::db {

bool fits_money(int64_t minor, int minor_digits, int integer_digits) {
  // |minor| < 10^(integer_digits + minor_digits); at most 10^12 here, far from overflow.
  int64_t limit = 1;
  for (int i = 0; i < integer_digits + minor_digits; ++i) limit *= 10;
  return minor > -limit && minor < limit;
}

int32_t first_storable_day() {
  return days_from_civil(1, 1, 1);
}
int32_t last_storable_day() {
  return days_from_civil(9999, 12, 31);
}

std::vector<uint64_t> index_within_user(const std::vector<uint32_t>& users, uint32_t user_count) {
  std::vector<uint64_t> next(user_count, 0);
  std::vector<uint64_t> index(users.size());
  for (size_t i = 0; i < users.size(); ++i) index[i] = next[users[i]]++;
  return index;
}

std::vector<uint32_t> order_by_user(const std::vector<uint32_t>& users, uint32_t user_count) {
  // Counting sort: stable and linear.
  std::vector<uint32_t> start(static_cast<size_t>(user_count) + 1, 0);
  for (uint32_t u : users) ++start[u + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<uint32_t> order(users.size());
  for (size_t i = 0; i < users.size(); ++i) order[start[users[i]]++] = static_cast<uint32_t>(i);
  return order;
}

std::vector<Uuid> make_user_ids(const Ledger& ledger) {
  const uint32_t n = ledger.user_count();
  std::vector<Uuid> ids(n);
  for (uint32_t u = 0; u < n; ++u) ids[u] = user_uuid(ledger.users.at(u));
  std::vector<uint32_t> by_id(n);
  std::iota(by_id.begin(), by_id.end(), 0u);
  std::sort(by_id.begin(), by_id.end(), [&](uint32_t a, uint32_t b) { return ids[a] < ids[b]; });
  for (uint32_t r = 1; r < n; ++r)
    if (ids[by_id[r]] == ids[by_id[r - 1]])
      throw InvalidInput(fmt::format("users '{}' and '{}' map to the same users.id {}", ledger.users.at(by_id[r - 1]),
                                     ledger.users.at(by_id[r]), to_string(ids[by_id[r]])));
  return ids;
}

std::string_view recommendation_text(CoachingAction action) {
  switch (action) {
    case CoachingAction::ContinueCurrentBehavior:
      return "Keep monitoring your financial health: your current habits are on track.";
    case CoachingAction::SpendingAlert:
      return "Your spending is running ahead of your income this week.";
    case CoachingAction::BudgetSuggestion:
      return "Try a weekly spending limit and put the rest of your income aside.";
    case CoachingAction::SavingsNudge:
      return "Consider setting aside part of your balance for savings.";
    case CoachingAction::PositiveReinforcement:
      return "Great job: your savings rate is healthy.";
  }
  return "";
}

namespace columns {
const std::vector<std::string> k_users = {"id",        "email",      "password_hash", "first_name",
                                          "last_name", "created_at", "is_active",     "external_id"};
const std::vector<std::string> k_user_profiles = {"id",           "user_id",        "monthly_income",
                                                  "savings_goal", "risk_tolerance", "financial_goals"};
const std::vector<std::string> k_wallets = {"id", "user_id", "balance", "currency"};
const std::vector<std::string> k_transactions = {
    "id",          "user_id",       "wallet_id",     "transaction_type", "amount",        "category",
    "description", "merchant_name", "location_city", "location_country", "balance_after", "transaction_date",
    "user_seq",    "second_of_day", "balance_known", "raw_category",     "raw_type_code", "source_file",
    "source_line", "created_at"};
const std::vector<std::string> k_recommendation_history = {"id",
                                                           "user_id",
                                                           "recommendation_text",
                                                           "action_type",
                                                           "confidence_score",
                                                           "created_at",
                                                           "feedback_status",
                                                           "log_seq",
                                                           "second_of_day",
                                                           "propensity",
                                                           "confidence_exact"};
const std::vector<std::string> k_recommendation_feedback = {"id", "recommendation_id", "user_id", "feedback_type",
                                                            "created_at"};
const std::vector<std::string> k_user_purchases = {"id",       "user_id",      "product_id",    "transaction_id",
                                                   "quantity", "total_amount", "purchase_date", "log_seq"};
}  // namespace columns

}  // namespace fincoach::db
