#pragma once
// A small hand-built population that exercises every column the database layer stores:
// UUID and non-UUID user ids (one upper-case UUID, one with non-ASCII text), a user with no
// transactions, rows without balance or time, several rows on one day with their times out
// of order, text with tabs, newlines and backslashes, every side table with rows out of
// user order, feedback of every kind, purchases with and without a matching ledger row.
// Shared by the SQLite unit tests and the PostgreSQL integration tests.

#include <algorithm>
#include <string>
#include <vector>

#include "fincoach/common/date.hpp"
#include "fincoach/common/ledger.hpp"
#include "fincoach/common/population.hpp"

namespace fincoach::db::testing {

inline constexpr const char* k_uuid_user = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
inline constexpr const char* k_upper_uuid_user = "ABCDEF00-0000-4000-8000-000000000001";
inline constexpr const char* k_unicode_user = "jos\xc3\xa9-\xf0\x9f\x99\x82";  // "josé-🙂"
inline constexpr const char* k_file_user = "moneyvis";
inline constexpr const char* k_quiet_user = "quiet";  // no transactions

// Adds users without rows to a finished ledger, keeping ids in byte order.
inline void add_user_without_rows(Ledger& ledger, const std::string& id) {
  std::vector<std::string> ids;
  for (uint32_t u = 0; u < ledger.user_count(); ++u) ids.emplace_back(ledger.users.at(u));
  ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  StringDictionary users;
  for (const std::string& s : ids) users.intern(s);
  for (uint32_t& u : ledger.user) u = *users.find(ledger.users.at(u));
  ledger.users = std::move(users);
  ledger.user_offsets.assign(ledger.users.size() + 1, 0);
  for (uint32_t u : ledger.user) ++ledger.user_offsets[u + 1];
  for (size_t u = 1; u < ledger.user_offsets.size(); ++u) ledger.user_offsets[u] += ledger.user_offsets[u - 1];
}

inline Ledger sample_ledger() {
  LedgerBuilder b("GBP", 2);
  const uint32_t file = b.add_source_file("data/2022 statement.csv");
  const int32_t d0 = days_from_civil(2022, 7, 25);
  auto row = [&](const char* user, int32_t day, int32_t second, int64_t amount, int64_t balance, AppCategory category,
                 const char* raw_category, const char* type, const char* description, const char* merchant,
                 const char* city, const char* country, uint32_t source_file, uint32_t line) {
    LedgerRow r;
    r.user = user;
    r.day = day;
    r.second = second;
    r.amount = amount;
    r.balance = balance;
    r.category = category;
    r.raw_category = raw_category;
    r.type_code = type;
    r.description = description;
    r.merchant = merchant;
    r.city = city;
    r.country = country;
    r.source_file = source_file;
    r.source_line = line;
    b.append(r);
  };
  // MoneyVis-like: dates only, running balance, from a file.
  row(k_file_user, d0, -1, 250000, 300000, AppCategory::Income, "Paycheck", "BGC", "SALARY ACME LTD", "", "", "", file,
      2);
  row(k_file_user, d0, -1, -1234, 298766, AppCategory::Groceries, "Groceries", "DEB", "TESCO STORES 1234", "Tesco",
      "London", "GB", file, 3);
  row(k_file_user, d0 + 1, -1, 0, 298766, AppCategory::Other, "", "", "zero amount", "", "", "", file, 4);
  row(k_file_user, d0 + 2, -1, -99999999999, -99999701233, AppCategory::Bills, "Mortgage", "DD",
      "tab\there, newline\nthere, back\\slash", "Bank\\Co", "", "", file, 5);
  // Times known, out of order within the day, no balance.
  row(k_uuid_user, d0, 50000, -450, k_no_balance, AppCategory::DineOut, "Eating out", "debit", "Coffee", "Pret",
      "Leeds", "GB", 0, 0);
  row(k_uuid_user, d0, 3600, -1999, k_no_balance, AppCategory::Shopping, "Clothes", "debit", "T-shirt", "Urban Threads",
      "Leeds", "GB", 0, 0);
  row(k_uuid_user, d0, 86399, 1000, k_no_balance, AppCategory::Income, "Refund", "credit", "Refund", "Urban Threads",
      "Leeds", "GB", 0, 0);
  row(k_uuid_user, d0 - 400, 0, -1099, k_no_balance, AppCategory::Entertainment, "Fun", "debit", "Cinema", "Odeon",
      "York", "GB", 0, 0);
  // Upper-case UUID id (not canonical) and non-ASCII text.
  row(k_upper_uuid_user, d0 + 10, 43200, -2340, 5000, AppCategory::Transport, "Travel", "FPO",
      "Train \xe2\x80\x94 caf\xc3\xa9 \xe2\x98\x95", "National Rail", "Z\xc3\xbcrich", "CH", 0, 0);
  row(k_unicode_user, d0 + 20, -1, -399, k_no_balance, AppCategory::Groceries, "Groceries", "POS", "Organic Bananas",
      "FreshMart", "M\xc3\xa1laga", "ES", 0, 0);
  row(k_unicode_user, d0 + 20, -1, -19999, 100, AppCategory::Shopping, "Electronics", "POS",
      "Purchase: Wireless Headphones x1", "TechWorld", "", "ES", 0, 0);
  row(k_unicode_user, d0 + 21, 61, 500000, 500100, AppCategory::Savings, "Savings", "TFR", "To savings", "", "", "", 0,
      0);
  Ledger ledger = std::move(b).finish();
  add_user_without_rows(ledger, k_quiet_user);
  return ledger;
}

inline Population sample_population() {
  Population p;
  p.ledger = sample_ledger();
  const uint32_t n = p.ledger.user_count();
  for (uint32_t u = 0; u < n; ++u) {
    const std::string id(p.ledger.users.at(u));
    p.users.email.push_back("user" + std::to_string(u) + "@example.com");
    p.users.first_name.push_back(u % 2 == 0 ? "Ren\xc3\xa9" : "Ann");
    p.users.last_name.push_back(u == 1 ? "" : "O'Brien\tTab");
    p.users.created_day.push_back(days_from_civil(2021, 1, 1) + static_cast<int32_t>(u));
    p.users.monthly_income.push_back(250000 + u);
    p.users.savings_goal.push_back(u == 0 ? 0 : 99999999);
    p.users.risk_tolerance.push_back(u % 3 == 0 ? "low" : u % 3 == 1 ? "medium" : "high");
    p.users.wallet_balance.push_back(u == 2 ? -5000 : 100000 * u);
  }
  // Goals: out of user order, one user with two.
  const int32_t d0 = days_from_civil(2022, 1, 1);
  const auto goal = [&](uint32_t user, const char* name, int64_t target, int32_t start, int32_t deadline) {
    p.goals.user.push_back(user);
    p.goals.name.push_back(name);
    p.goals.target_amount.push_back(target);
    p.goals.start_day.push_back(start);
    p.goals.deadline_day.push_back(deadline);
  };
  goal(3, "Holiday \xf0\x9f\x8f\x96", 150050, d0, d0 + 180);
  goal(0, "Emergency fund", 99999999999, d0 - 10, d0 + 365);
  goal(3, "New \"bike\"", 1, d0 + 5, d0 + 6);
  goal(1, "Car", 1200000, d0, d0 + 700);
  // Coaching log: interleaved users, every feedback kind, times unknown and known.
  const auto rec = [&](uint32_t user, int32_t day, int32_t second, CoachingAction action, float propensity,
                       float confidence, FeedbackType feedback, int32_t feedback_day) {
    p.recommendations.user.push_back(user);
    p.recommendations.day.push_back(day);
    p.recommendations.second.push_back(second);
    p.recommendations.action.push_back(static_cast<uint8_t>(action));
    p.recommendations.propensity.push_back(propensity);
    p.recommendations.confidence.push_back(confidence);
    p.recommendations.feedback.push_back(static_cast<uint8_t>(feedback));
    p.recommendations.feedback_day.push_back(feedback_day);
  };
  rec(2, d0, 3600, CoachingAction::SavingsNudge, 0.1f, 0.6f, FeedbackType::Helpful, d0 + 1);
  rec(0, d0, 7200, CoachingAction::SpendingAlert, 1.0f / 3.0f, 0.8f, FeedbackType::Pending, -1);
  rec(2, d0 + 7, -1, CoachingAction::PositiveReinforcement, 0.85f, 0.9f, FeedbackType::NotHelpful, d0 + 9);
  rec(4, d0 + 7, 0, CoachingAction::ContinueCurrentBehavior, 0.05f, 0.123456789f, FeedbackType::Implemented, d0 + 30);
  rec(1, d0 + 14, 86399, CoachingAction::BudgetSuggestion, 0.5f, 0.7f, FeedbackType::Helpful, -1);
  rec(2, d0 + 14, 100, CoachingAction::SavingsNudge, 0.2f, 0.0f, FeedbackType::Pending, -1);
  rec(0, d0 + 14, 100, CoachingAction::SavingsNudge, 1.0f, 1.0f, FeedbackType::Implemented, d0 + 14);
  // Purchases: the headphones match a ledger debit (same user, day, amount), the others not.
  const auto purchase = [&](uint32_t user, uint32_t product, int32_t day, int32_t quantity, int64_t total) {
    p.purchases.user.push_back(user);
    p.purchases.product.push_back(product);
    p.purchases.day.push_back(day);
    p.purchases.quantity.push_back(quantity);
    p.purchases.total_amount.push_back(total);
  };
  const uint32_t unicode_user = *p.ledger.users.find(k_unicode_user);
  purchase(unicode_user, 20, days_from_civil(2022, 7, 25) + 20, 1, 19999);  // Wireless Headphones
  purchase(0, 0, d0, 3, 1197);
  purchase(unicode_user, 0, days_from_civil(2022, 7, 25) + 20, 1, 399);
  purchase(1, 39, d0 + 40, 2, 17000);
  p.check_invariants();
  return p;
}

}  // namespace fincoach::db::testing
