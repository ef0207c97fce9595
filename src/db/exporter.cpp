#include "fincoach/db/exporter.hpp"

#include "fincoach/db/schema.hpp"

namespace fincoach::db {

Population export_population(Database& database) {
  TransactionGuard snapshot(database, Access::Read);
  check_schema(database);
  UserExport users = export_user_profiles(database);
  Population population;
  population.ledger = export_transaction_data(database, users.directory);
  population.recommendations = export_recommendation_data(database, users.directory);
  population.purchases = export_purchase_data(database, users.directory);
  population.users = std::move(users.users);
  population.goals = std::move(users.goals);
  snapshot.commit();
  return population;
}

Ledger export_ledger(Database& database) {
  TransactionGuard snapshot(database, Access::Read);
  check_schema(database);
  const UserExport users = export_user_profiles(database);
  Ledger ledger = export_transaction_data(database, users.directory);
  snapshot.commit();
  return ledger;
}

}  // namespace fincoach::db
