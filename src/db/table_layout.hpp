#pragma once
// What load and export share: the columns each one writes and reads, the limits the
// schema's types impose, and the per-user numbering behind derived ids.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fincoach/common/population.hpp"
#include "fincoach/db/uuid.hpp"

namespace fincoach::db {

/// users.password_hash of every loaded user: not a hash, so nobody can log in with it.
constexpr std::string_view k_no_password = "!";

/// Digits of a NUMERIC(precision, 2) column's integer part, as used by the schema.
constexpr int k_wide_money_integer_digits = 10;   // NUMERIC(12,2): balances, amounts
constexpr int k_narrow_money_integer_digits = 8;  // NUMERIC(10,2): incomes, prices, totals

/// True when `minor` (with `minor_digits` decimals) fits a NUMERIC column with that many
/// integer digits.
bool fits_money(int64_t minor, int minor_digits, int integer_digits);

/// Days of 0001-01-01 and 9999-12-31: the range both engines' timestamps share.
int32_t first_storable_day();
int32_t last_storable_day();

/// For each entry of `users`, its index among the entries of the same user (0, 1, ...).
std::vector<uint64_t> index_within_user(const std::vector<uint32_t>& users, uint32_t user_count);

/// Entry indices grouped by user in ledger user order, stable within a user. Rows are
/// written user by user: the ids of one user's rows ascend (derived_uuid), so each user's
/// rows append to the primary-key index, and an export reads them back in ledger order.
std::vector<uint32_t> order_by_user(const std::vector<uint32_t>& users, uint32_t user_count);

/// users.id of every ledger user (user_uuid of the external id). Throws InvalidInput when
/// two external ids map to one UUID (naming both).
std::vector<Uuid> make_user_ids(const Ledger& ledger);

/// A short text per coaching action for recommendation_history.recommendation_text.
std::string_view recommendation_text(CoachingAction action);

namespace columns {
extern const std::vector<std::string> k_users;
extern const std::vector<std::string> k_user_profiles;
extern const std::vector<std::string> k_wallets;
extern const std::vector<std::string> k_transactions;
extern const std::vector<std::string> k_recommendation_history;
extern const std::vector<std::string> k_recommendation_feedback;
extern const std::vector<std::string> k_user_purchases;
}  // namespace columns

}  // namespace fincoach::db
