#include "fincoach/db/load.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"
#include "fincoach/db/exporter.hpp"
#include "fincoach/db/schema.hpp"
#include "unit/db/sample_population.hpp"
#include "unit/db/temp_database.hpp"

namespace fincoach::db {
namespace {

using testing::sample_population;
using testing::TempSqliteFile;

int64_t count_rows(Database& db, const std::string& table, const std::string& where = "") {
  TransactionGuard tx(db, Access::Read);
  auto r = db.select(table, {"COUNT(*)"}, where);
  r->next();
  return r->get_integer(0);
}

std::string load_error(Database& db, const Population& p) {
  try {
    load(db, p);
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(no InvalidInput)";
}

class LoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = open_database(file_.url());
    migrate(*db_);
  }
  TempSqliteFile file_;
  std::unique_ptr<Database> db_;
};

TEST_F(LoadTest, WritesEveryTable) {
  const Population p = sample_population();
  const LoadStats stats = load(*db_, p);
  EXPECT_EQ(stats.users, 5u);
  EXPECT_EQ(stats.transactions, p.ledger.rows());
  EXPECT_EQ(stats.goals, 4u);
  EXPECT_EQ(stats.recommendations, 7u);
  EXPECT_EQ(stats.feedback, 5u);
  EXPECT_EQ(stats.purchases, 4u);
  EXPECT_EQ(stats.rows(), 15u + 12u + 7u + 5u + 4u);
  EXPECT_EQ(count_rows(*db_, "users"), 5);
  EXPECT_EQ(count_rows(*db_, "user_profiles"), 5);
  EXPECT_EQ(count_rows(*db_, "wallets"), 5);
  EXPECT_EQ(count_rows(*db_, "transactions"), 12);
  EXPECT_EQ(count_rows(*db_, "recommendation_history"), 7);
  EXPECT_EQ(count_rows(*db_, "recommendation_feedback"), 5);
  EXPECT_EQ(count_rows(*db_, "user_purchases"), 4);
}

TEST_F(LoadTest, KeepsTheOriginalSchemasConventions) {
  load(*db_, sample_population());
  // Amounts stored positive, the sign in transaction_type; app categories by name.
  EXPECT_EQ(count_rows(*db_, "transactions", "WHERE amount < 0"), 0);
  EXPECT_EQ(count_rows(*db_, "transactions", "WHERE transaction_type = 'credit'"), 3);
  EXPECT_EQ(count_rows(*db_, "transactions", "WHERE category = 'dine_out'"), 1);
  // Canonical UUID ids are the users.id itself; other ids are kept in external_id.
  EXPECT_EQ(count_rows(*db_, "users", "WHERE external_id IS NULL AND id = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'"), 1);
  EXPECT_EQ(
      count_rows(*db_, "users", "WHERE external_id = 'moneyvis' AND id = '" + to_string(user_uuid("moneyvis")) + "'"),
      1);
  EXPECT_EQ(count_rows(*db_, "transactions", "WHERE second_of_day IS NULL"), 6);
  EXPECT_EQ(count_rows(*db_, "transactions", "WHERE balance_known = 0 AND balance_after = 0"), 5);
  EXPECT_EQ(count_rows(*db_, "transactions", "WHERE merchant_name IS NULL"), 3);
  // The headphones purchase points at its ledger debit; the others have no matching row.
  EXPECT_EQ(count_rows(*db_, "user_purchases p",
                       "JOIN transactions t ON t.id = p.transaction_id "
                       "WHERE t.description = 'Purchase: Wireless Headphones x1' AND t.amount = p.total_amount"),
            1);
  EXPECT_EQ(count_rows(*db_, "user_purchases", "WHERE transaction_id IS NULL"), 2);
  // Feedback rows point at their recommendation and share its status.
  EXPECT_EQ(count_rows(*db_, "recommendation_feedback f",
                       "JOIN recommendation_history h ON h.id = f.recommendation_id "
                       "WHERE h.feedback_status = f.feedback_type AND h.user_id = f.user_id"),
            5);
  EXPECT_EQ(count_rows(*db_, "dataset_info", "WHERE key = 'currency' AND value = 'GBP'"), 1);
}

TEST_F(LoadTest, ConstraintViolationLeavesTheDatabaseAsItWas) {
  const Population p = sample_population();
  load(*db_, p);
  const std::string error = load_error(*db_, p);  // the same users again
  EXPECT_NE(error.find("UNIQUE constraint failed: users."), std::string::npos) << error;
  EXPECT_NE(error.find("into table users"), std::string::npos) << error;
  EXPECT_NE(error.find(file_.path()), std::string::npos) << error;
  EXPECT_EQ(count_rows(*db_, "transactions"), 12);
  EXPECT_EQ(export_population(*db_), p);
}

TEST_F(LoadTest, FailureLateInTheLoadWritesNothing) {
  Population p = sample_population();
  p.users.email[4] = p.users.email[0];  // users_email_key, found after the first user rows
  const std::string error = load_error(*db_, p);
  EXPECT_NE(error.find("users.email"), std::string::npos) << error;
  EXPECT_EQ(count_rows(*db_, "users"), 0);
  EXPECT_EQ(count_rows(*db_, "transactions"), 0);
  EXPECT_EQ(count_rows(*db_, "dataset_info"), 0);
  // The bulk load's dropped indexes are back.
  EXPECT_EQ(count_rows(*db_, "sqlite_master", "WHERE name = 'idx_transactions_user_date'"), 1);
}

std::string journal_mode(Database& db) {
  TransactionGuard tx(db, Access::Read);
  auto r = db.select("pragma_journal_mode", {"journal_mode"}, "");
  r->next();
  return std::string(r->get_text(0));
}

TEST_F(LoadTest, AFailureAfterTheTransactionsRollsBackTheRowsAppendedWithoutAJournal) {
  // The bulk load runs with a rollback journal that does not journal pages appended beyond the
  // file's end; a failure after the transactions were written must still leave nothing.
  const Population first = sample_population();
  load(*db_, first);
  Ledger other_users = first.ledger;  // the same rows for users of other names
  StringDictionary names;
  for (uint32_t u = 0; u < other_users.user_count(); ++u) names.intern("second-" + std::string(other_users.users.at(u)));
  other_users.users = std::move(names);
  Population p = population_from_ledger(std::move(other_users));
  p.purchases.user.push_back(0);
  p.purchases.product.push_back(1000000);  // not in the catalogue: found after the transactions
  p.purchases.day.push_back(p.ledger.day[0]);
  p.purchases.quantity.push_back(1);
  p.purchases.total_amount.push_back(100);
  const std::string error = load_error(*db_, p);
  EXPECT_NE(error.find("catalogue"), std::string::npos) << error;
  EXPECT_EQ(count_rows(*db_, "transactions"), 12);
  EXPECT_EQ(export_population(*db_), first);
  EXPECT_EQ(journal_mode(*db_), "wal");
  TransactionGuard tx(*db_, Access::Read);
  auto check = db_->select("pragma_integrity_check", {"integrity_check"}, "");
  ASSERT_TRUE(check->next());
  EXPECT_EQ(check->get_text(0), "ok");
}

TEST_F(LoadTest, TheDatabaseStaysInWalModeWithOrWithoutOtherConnections) {
  auto reader = open_database(file_.url());  // holds the file: the load cannot leave WAL mode
  load(*db_, sample_population());
  EXPECT_EQ(journal_mode(*db_), "wal");
  EXPECT_EQ(count_rows(*reader, "transactions"), 12);
  reader.reset();
  TempSqliteFile other;
  auto alone = open_database(other.url());
  migrate(*alone);
  load(*alone, sample_population());
  EXPECT_EQ(journal_mode(*alone), "wal");
  EXPECT_EQ(export_population(*alone), sample_population());
}

TEST_F(LoadTest, OneCurrencyPerDatabase) {
  load(*db_, sample_population());
  Population dollars = population_from_ledger(Ledger{});
  dollars.ledger.currency = "USD";
  const std::string error = load_error(*db_, dollars);
  EXPECT_NE(error.find("dataset_info.currency = 'GBP'"), std::string::npos) << error;
  EXPECT_NE(error.find("'USD'"), std::string::npos) << error;
}

TEST_F(LoadTest, NeedsTheSchema) {
  TempSqliteFile other;
  auto empty = open_database(other.url());
  const std::string error = load_error(*empty, sample_population());
  EXPECT_NE(error.find("fincoach db init"), std::string::npos) << error;
}

TEST(PopulationFromLedger, GivesEveryUserDefaults) {
  Ledger ledger = testing::sample_ledger();
  const Population p = population_from_ledger(ledger);
  ASSERT_EQ(p.users.size(), ledger.user_count());
  EXPECT_NO_THROW(p.check_invariants());
  const uint32_t moneyvis = *ledger.users.find("moneyvis");
  EXPECT_EQ(p.users.email[moneyvis], "moneyvis@fincoach.invalid");
  EXPECT_EQ(p.users.risk_tolerance[moneyvis], "medium");
  EXPECT_EQ(p.users.monthly_income[moneyvis], 0);
  EXPECT_EQ(p.users.wallet_balance[moneyvis], -99999701233);  // last known running balance
  const uint32_t uuid_user = *ledger.users.find(testing::k_uuid_user);
  EXPECT_EQ(p.users.wallet_balance[uuid_user], -450 - 1999 + 1000 - 1099);  // no balance: the sum
  EXPECT_EQ(p.users.created_day[uuid_user], ledger.day[ledger.user_begin(uuid_user)]);
  const uint32_t quiet = *ledger.users.find(testing::k_quiet_user);
  EXPECT_EQ(p.users.wallet_balance[quiet], 0);
  EXPECT_TRUE(p.goals.size() == 0 && p.recommendations.size() == 0 && p.purchases.size() == 0);
}

}  // namespace
}  // namespace fincoach::db
