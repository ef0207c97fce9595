#include "db/load_checks.hpp"

#include <fmt/format.h>

#include <cmath>

#include "db/table_layout.hpp"
#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/text.hpp"

namespace fincoach::db {
namespace {

// No limit on a TEXT column.
constexpr size_t k_unlimited = 0;

void check_text(std::string_view text, std::string_view column, size_t max_chars, std::string_view where) {
  const size_t bad = find_invalid_utf8(text);
  if (bad != std::string_view::npos)
    throw InvalidInput(fmt::format("{} ({}): not valid UTF-8 at byte {}", column, where, bad));
  if (text.find('\0') != std::string_view::npos)
    throw InvalidInput(fmt::format("{} ({}): holds a NUL byte, which PostgreSQL text cannot store", column, where));
  if (max_chars != k_unlimited && utf8_length(text) > max_chars)
    throw InvalidInput(fmt::format("{} ({}): '{}' is {} characters, longer than its VARCHAR({})", column, where, text,
                                   utf8_length(text), max_chars));
}

void check_dictionary(const StringDictionary& dictionary, std::string_view column, size_t max_chars) {
  for (uint32_t id = 0; id < dictionary.size(); ++id)
    check_text(dictionary.at(id), column, max_chars, "a ledger value");
}

void check_day(int32_t day, std::string_view column, std::string_view where) {
  if (day < first_storable_day() || day > last_storable_day())
    throw InvalidInput(fmt::format("{} ({}): day {} is outside years 1..9999", column, where, day));
}

void check_second(int32_t second, std::string_view column, std::string_view where) {
  if (second != k_unknown_second && (second < 0 || second >= 86400))
    throw InvalidInput(fmt::format("{} ({}): second of day {} is outside 0..86399", column, where, second));
}

void check_money(int64_t minor, int minor_digits, int integer_digits, std::string_view column, std::string_view where) {
  if (!fits_money(minor, minor_digits, integer_digits))
    throw InvalidInput(
        fmt::format("{} ({}): {} minor units do not fit NUMERIC({}, 2)", column, where, minor, integer_digits + 2));
}

void check_unit_interval(float value, std::string_view column, std::string_view where) {
  if (!std::isfinite(value) || value < 0.0f || value > 1.0f)
    throw InvalidInput(fmt::format("{} ({}): {} is outside 0..1", column, where, value));
}

void check_ledger(const Ledger& ledger) {
  if (ledger.minor_digits < 0 || ledger.minor_digits > 2)
    throw InvalidInput(
        fmt::format("transactions.amount is NUMERIC(12, 2): a ledger with {} minor digits ({}) cannot "
                    "be stored exactly",
                    ledger.minor_digits, ledger.currency));
  check_dictionary(ledger.users, "users.external_id", k_unlimited);
  check_dictionary(ledger.raw_categories, "transactions.raw_category", k_unlimited);
  check_dictionary(ledger.type_codes, "transactions.raw_type_code", k_unlimited);
  check_dictionary(ledger.descriptions, "transactions.description", k_unlimited);
  check_dictionary(ledger.merchants, "transactions.merchant_name", 255);
  check_dictionary(ledger.cities, "transactions.location_city", 100);
  check_dictionary(ledger.countries, "transactions.location_country", 100);
  check_dictionary(ledger.source_files, "transactions.source_file", k_unlimited);
  for (size_t r = 0; r < ledger.rows(); ++r) {
    if (ledger.day[r] >= first_storable_day() && ledger.day[r] <= last_storable_day() &&
        (ledger.second[r] == k_unknown_second || (ledger.second[r] >= 0 && ledger.second[r] < 86400)) &&
        fits_money(ledger.amount[r], ledger.minor_digits, k_wide_money_integer_digits) &&
        (ledger.balance[r] == k_no_balance ||
         fits_money(ledger.balance[r], ledger.minor_digits, k_wide_money_integer_digits)))
      continue;  // the common case, checked without building a message
    const std::string where = fmt::format("ledger row {}, user '{}'", r, ledger.users.at(ledger.user[r]));
    check_day(ledger.day[r], "transactions.transaction_date", where);
    check_second(ledger.second[r], "transactions.second_of_day", where);
    check_money(ledger.amount[r], ledger.minor_digits, k_wide_money_integer_digits, "transactions.amount", where);
    if (ledger.balance[r] != k_no_balance)
      check_money(ledger.balance[r], ledger.minor_digits, k_wide_money_integer_digits, "transactions.balance_after",
                  where);
  }
}

void check_users(const Population& p) {
  const int digits = p.ledger.minor_digits;
  for (size_t u = 0; u < p.users.size(); ++u) {
    const std::string where = fmt::format("user '{}'", p.ledger.users.at(static_cast<uint32_t>(u)));
    check_text(p.users.email[u], "users.email", 255, where);
    check_text(p.users.first_name[u], "users.first_name", 100, where);
    check_text(p.users.last_name[u], "users.last_name", 100, where);
    check_text(p.users.risk_tolerance[u], "user_profiles.risk_tolerance", 20, where);
    check_day(p.users.created_day[u], "users.created_at", where);
    check_money(p.users.monthly_income[u], digits, k_narrow_money_integer_digits, "user_profiles.monthly_income",
                where);
    check_money(p.users.savings_goal[u], digits, k_narrow_money_integer_digits, "user_profiles.savings_goal", where);
    check_money(p.users.wallet_balance[u], digits, k_wide_money_integer_digits, "wallets.balance", where);
  }
}

void check_goals(const Population& p) {
  for (size_t g = 0; g < p.goals.size(); ++g) {
    const std::string where = fmt::format("goal {}", g);
    check_text(p.goals.name[g], "user_profiles.financial_goals name", k_unlimited, where);
    check_day(p.goals.start_day[g], "user_profiles.financial_goals start_date", where);
    check_day(p.goals.deadline_day[g], "user_profiles.financial_goals deadline", where);
    // Goal amounts travel as JSON numbers (doubles): keep them exact.
    check_money(p.goals.target_amount[g], p.ledger.minor_digits, k_wide_money_integer_digits,
                "user_profiles.financial_goals target_amount", where);
  }
}

void check_recommendations(const RecommendationLog& log) {
  for (size_t i = 0; i < log.size(); ++i) {
    const std::string where = fmt::format("recommendation {}", i);
    check_day(log.day[i], "recommendation_history.created_at", where);
    check_second(log.second[i], "recommendation_history.second_of_day", where);
    check_unit_interval(log.confidence[i], "recommendation_history.confidence_score", where);
    check_unit_interval(log.propensity[i], "recommendation_history.propensity", where);
    const bool pending = log.feedback[i] == static_cast<uint8_t>(FeedbackType::Pending);
    if (pending && log.feedback_day[i] != -1)
      throw InvalidInput(fmt::format("recommendation_feedback.created_at ({}): feedback is pending but has day {}",
                                     where, log.feedback_day[i]));
    if (!pending && log.feedback_day[i] != -1)
      check_day(log.feedback_day[i], "recommendation_feedback.created_at", where);
  }
}

void check_purchases(const Population& p) {
  for (size_t i = 0; i < p.purchases.size(); ++i) {
    const std::string where = fmt::format("purchase {}", i);
    check_day(p.purchases.day[i], "user_purchases.purchase_date", where);
    check_money(p.purchases.total_amount[i], p.ledger.minor_digits, k_narrow_money_integer_digits,
                "user_purchases.total_amount", where);
  }
}

}  // namespace

size_t utf8_length(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

void check_storable(const Population& population) {
  population.check_invariants();
  check_ledger(population.ledger);
  check_users(population);
  check_goals(population);
  check_recommendations(population.recommendations);
  check_purchases(population);
}

}  // namespace fincoach::db
