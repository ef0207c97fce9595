#pragma once
// The DataExporter of the enhancement plan: FinCoach tables → the ledger and the side tables.
// Each table is read once, streaming, straight into columns. Every function runs inside the
// caller's transaction, or opens a read-only snapshot of its own when there is none.
// export_population() reads all of them in one snapshot.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fincoach/common/population.hpp"
#include "fincoach/db/database.hpp"

namespace fincoach::db {

/// The database's users in ledger order (byte order of their external ids), plus the facts
/// every export needs to read amounts.
struct UserDirectory {
  std::string currency = "GBP";           ///< dataset_info.currency (else the wallets' one currency)
  int minor_digits = 2;                   ///< dataset_info.minor_digits (else 2)
  std::vector<std::string> external_ids;  ///< by ledger user index
  std::vector<Uuid> ids;                  ///< users.id by ledger user index

  /// Ledger user index of users.id `id`; throws InvalidInput naming `where` when unknown.
  uint32_t index_of(const Uuid& id, std::string_view where) const;

  std::vector<std::pair<Uuid, uint32_t>> by_id;  ///< sorted, for index_of
};

struct UserExport {
  UserDirectory directory;
  UserTable users;
  GoalTable goals;
};

/// users, user_profiles (goals from financial_goals), wallets and dataset_info. A user with
/// no profile gets the original's defaults (income and goal 0, risk "medium"), one with no
/// wallet the original's 1000.00. Two profiles or wallets for one user throw InvalidInput.
UserExport export_user_profiles(Database& database);

/// transactions → Ledger (through LedgerBuilder, so canonical). Users with no transactions
/// are still in the ledger's user list, so the ledger matches the directory.
Ledger export_transaction_data(Database& database, const UserDirectory& directory);

/// user_purchases (+ products for the catalogue index), in the order they were loaded.
PurchaseTable export_purchase_data(Database& database, const UserDirectory& directory);

/// recommendation_history + recommendation_feedback, in the order they were loaded.
RecommendationLog export_recommendation_data(Database& database, const UserDirectory& directory);

/// Everything, in one read-only snapshot.
Population export_population(Database& database);

/// The ledger alone (reads the user tables and transactions).
Ledger export_ledger(Database& database);

}  // namespace fincoach::db
