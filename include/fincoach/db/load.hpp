#pragma once
// Loading a population (or a bare ledger) into a FinCoach database. How each Population
// column maps onto the schema is in docs/database.md.

#include <cstdint>

#include "fincoach/common/population.hpp"
#include "fincoach/db/database.hpp"

namespace fincoach::db {

struct LoadStats {
  uint64_t users = 0;  ///< rows in users (and in user_profiles, and in wallets)
  uint64_t transactions = 0;
  uint64_t goals = 0;            ///< goals written into user_profiles.financial_goals
  uint64_t recommendations = 0;  ///< rows in recommendation_history
  uint64_t feedback = 0;         ///< rows in recommendation_feedback
  uint64_t purchases = 0;
  double seconds = 0;

  /// Rows written to all tables (goals are inside profile rows and not counted again).
  uint64_t rows() const { return 3 * users + transactions + recommendations + feedback + purchases; }
};

/// Writes `population` in ONE bulk transaction: on any failure (a value the schema cannot
/// hold, a constraint violation such as a user already in the database) nothing is written
/// and the error names the table, column or constraint. The database must have the current
/// schema (migrate() first). Values are checked before anything is sent, so SQLite and
/// PostgreSQL accept and reject the same populations.
LoadStats load(Database& database, const Population& population);

/// A population for a bare ledger: per user, email "<id>@fincoach.invalid" (the id itself
/// when it already holds an '@'), empty names, created on the first transaction day, income
/// and savings goal 0, risk "medium", wallet balance = the last known running balance (else
/// the sum of the user's amounts); no goals, recommendations or purchases.
Population population_from_ledger(Ledger ledger);

}  // namespace fincoach::db
