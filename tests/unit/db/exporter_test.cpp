// The DataExporter on SQLite: a loaded population comes back equal, field by field.

#include "fincoach/db/exporter.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"
#include "fincoach/db/load.hpp"
#include "fincoach/db/schema.hpp"
#include "unit/db/sample_population.hpp"
#include "unit/db/temp_database.hpp"

namespace fincoach::db {
namespace {

using testing::sample_population;
using testing::TempSqliteFile;

class ExporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = open_database(file_.url());
    migrate(*db_);
  }
  std::string export_error() {
    try {
      export_population(*db_);
    } catch (const InvalidInput& e) {
      return e.what();
    }
    return "(no InvalidInput)";
  }
  TempSqliteFile file_;
  std::unique_ptr<Database> db_;
};

TEST_F(ExporterTest, RoundTripsTheSamplePopulation) {
  const Population original = sample_population();
  load(*db_, original);
  const Population back = export_population(*db_);
  EXPECT_EQ(back.ledger, original.ledger);
  EXPECT_EQ(back.users, original.users);
  EXPECT_EQ(back.goals, original.goals);
  EXPECT_EQ(back.recommendations, original.recommendations);
  EXPECT_EQ(back.purchases, original.purchases);
  EXPECT_EQ(back, original);
  EXPECT_NO_THROW(back.check_invariants());
}

TEST_F(ExporterTest, ExportLedgerAndTheSeparateFunctionsAgree) {
  const Population original = sample_population();
  load(*db_, original);
  EXPECT_EQ(export_ledger(*db_), original.ledger);
  // Each function alone opens its own snapshot.
  const UserExport users = export_user_profiles(*db_);
  EXPECT_EQ(users.directory.currency, "GBP");
  EXPECT_EQ(users.directory.minor_digits, 2);
  ASSERT_EQ(users.directory.external_ids.size(), original.ledger.user_count());
  for (uint32_t u = 0; u < original.ledger.user_count(); ++u)
    EXPECT_EQ(users.directory.external_ids[u], original.ledger.users.at(u));
  EXPECT_EQ(export_transaction_data(*db_, users.directory), original.ledger);
  EXPECT_EQ(export_recommendation_data(*db_, users.directory), original.recommendations);
  EXPECT_EQ(export_purchase_data(*db_, users.directory), original.purchases);
}

TEST_F(ExporterTest, ABareLedgerRoundTrips) {
  const Ledger ledger = testing::sample_ledger();
  load(*db_, population_from_ledger(ledger));
  EXPECT_EQ(export_ledger(*db_), ledger);
}

TEST_F(ExporterTest, RowsStoredOutOfOrderAreReadInUserSeqOrder) {
  const Population original = sample_population();
  load(*db_, original);
  // Rewrite the table in reverse storage order, as another writer might leave it.
  db_->execute(
      "PRAGMA foreign_keys = OFF; BEGIN;"
      "CREATE TEMP TABLE reversed AS SELECT * FROM transactions ORDER BY rowid DESC;"
      "DELETE FROM transactions; INSERT INTO transactions SELECT * FROM reversed; COMMIT",
      "reversing");
  EXPECT_EQ(export_population(*db_), original);
}

TEST_F(ExporterTest, AnEmptyDatabaseExportsAnEmptyPopulation) {
  const Population empty = export_population(*db_);
  EXPECT_EQ(empty.ledger.rows(), 0u);
  EXPECT_EQ(empty.ledger.user_count(), 0u);
  EXPECT_EQ(empty.ledger.currency, "GBP");
  EXPECT_EQ(empty.users.size(), 0u);
  EXPECT_NO_THROW(empty.check_invariants());
}

TEST_F(ExporterTest, RowsWrittenByTheOriginalBackendGetItsDefaults) {
  // Two users registered through the original API (no external id, no dataset_info): one with
  // a profile but no wallet yet, one with a USD wallet and a transaction.
  db_->execute(
      "INSERT INTO users (id, email, password_hash, first_name, last_name, created_at) VALUES "
      "('11111111-2222-4333-8444-555555555555', 'a@b.c', 'x', 'A', 'B', '2024-03-01 10:00:00'),"
      "('22222222-2222-4333-8444-555555555555', 'b@b.c', 'x', 'C', 'D', NULL);"
      "INSERT INTO user_profiles (id, user_id) VALUES "
      "('11111111-2222-4333-8444-000000000001', '11111111-2222-4333-8444-555555555555');"
      "INSERT INTO wallets (id, user_id, currency) VALUES "
      "('22222222-2222-4333-8444-000000000003', '22222222-2222-4333-8444-555555555555', 'USD');"
      "INSERT INTO transactions (id, user_id, wallet_id, transaction_type, amount, category, description, "
      "balance_after, transaction_date, user_seq) VALUES ('22222222-2222-4333-8444-000000000002', "
      "'22222222-2222-4333-8444-555555555555', '22222222-2222-4333-8444-000000000003', 'debit', 1250, 'groceries', "
      "'Lidl', 98750, '2024-03-02 09:30:00', 0)",
      "writing like the original backend");
  const Population p = export_population(*db_);
  EXPECT_NO_THROW(p.check_invariants());
  ASSERT_EQ(p.users.size(), 2u);
  EXPECT_EQ(p.ledger.currency, "USD");  // the wallets' one currency
  EXPECT_EQ(p.ledger.users.at(0), "11111111-2222-4333-8444-555555555555");
  EXPECT_EQ(p.users.risk_tolerance[0], "medium");
  EXPECT_EQ(p.users.wallet_balance[0], 100000);  // the original's lazily created 1000.00
  EXPECT_EQ(p.users.created_day[0], days_from_civil(2024, 3, 1));
  EXPECT_EQ(p.users.risk_tolerance[1], "medium");  // no profile at all
  EXPECT_EQ(p.users.wallet_balance[1], 100000);    // the column default
  ASSERT_EQ(p.ledger.rows(), 1u);
  EXPECT_EQ(p.ledger.user[0], 1u);
  EXPECT_EQ(p.ledger.amount[0], -1250);
  EXPECT_EQ(p.ledger.balance[0], 98750);
  EXPECT_EQ(p.ledger.second[0], k_unknown_second);
  EXPECT_EQ(p.ledger.cities.at(p.ledger.city[0]), "");
}

TEST_F(ExporterTest, BadValuesNameTableColumnAndRow) {
  load(*db_, sample_population());
  db_->execute("UPDATE transactions SET category = 'crypto' WHERE description = 'Coffee'", "test");
  std::string error = export_error();
  EXPECT_NE(error.find("transactions.category"), std::string::npos) << error;
  EXPECT_NE(error.find("'crypto'"), std::string::npos) << error;
  db_->execute("UPDATE transactions SET category = 'dine_out', transaction_type = 'other' WHERE description = 'Coffee'",
               "test");
  error = export_error();
  EXPECT_NE(error.find("transactions.transaction_type"), std::string::npos) << error;
  db_->execute(
      "UPDATE transactions SET transaction_type = 'debit'; "
      "UPDATE recommendation_history SET action_type = 'unknown' WHERE log_seq = 3",
      "test");
  error = export_error();
  EXPECT_NE(error.find("recommendation_history.action_type"), std::string::npos) << error;
  EXPECT_NE(error.find("'unknown'"), std::string::npos) << error;
}

TEST_F(ExporterTest, ReferencesToUnknownUsersAreNamed) {
  load(*db_, sample_population());
  db_->execute("PRAGMA foreign_keys = OFF; UPDATE user_purchases SET user_id = '99999999-9999-4999-8999-999999999999'",
               "test");
  const std::string error = export_error();
  EXPECT_NE(error.find("user_purchases.user_id"), std::string::npos) << error;
  EXPECT_NE(error.find("99999999-9999-4999-8999-999999999999"), std::string::npos) << error;
}

}  // namespace
}  // namespace fincoach::db
