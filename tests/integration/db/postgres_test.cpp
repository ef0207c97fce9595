// The PostgreSQL engine against a real server: the same population round-trips through
// PostgreSQL and SQLite to identical ledgers; failed loads roll back; schema problems and
// constraint violations are named.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/db/exporter.hpp"
#include "fincoach/db/load.hpp"
#include "fincoach/db/schema.hpp"
#include "integration/db/postgres_fixture.hpp"
#include "unit/db/sample_population.hpp"
#include "unit/db/temp_database.hpp"

namespace fincoach::db {
namespace {

using testing::sample_population;

std::string invalid_input_of(auto&& fn) {
  try {
    fn();
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(no InvalidInput)";
}

int64_t count_rows(Database& db, const std::string& table, const std::string& where = "") {
  TransactionGuard tx(db, Access::Read);
  auto r = db.select(table, {"COUNT(*)"}, where);
  r->next();
  return r->get_integer(0);
}

int64_t count_rows_in_open_transaction(Database& db, const std::string& table) {
  auto r = db.select(table, {"COUNT(*)"}, "");
  r->next();
  return r->get_integer(0);
}

class Postgres : public testing::PostgresTest {};

TEST_F(Postgres, EveryColumnTypeSurvivesCopyBothWays) {
  auto db = open_database(url());
  EXPECT_EQ(db->engine(), Engine::Postgres);
  db->execute(
      "CREATE TABLE scratch (id UUID PRIMARY KEY, n BIGINT, f REAL, t TEXT, b BOOLEAN, m NUMERIC(12,2), "
      "ts TIMESTAMP)",
      "creating scratch");
  const std::vector<std::string> columns = {"id", "n", "f", "t", "b", "m", "ts"};
  const std::vector<std::string> texts = {
      "plain", "tab\there", "new\nline\r", "back\\slash \\N", "caf\xc3\xa9 \xe2\x98\x95", ""};
  {
    TransactionGuard tx(*db, Access::Write);
    auto w = db->insert_rows("scratch", columns);
    for (size_t i = 0; i < texts.size() + 1; ++i) {
      w->add_uuid(derived_uuid(user_uuid("u"), RowTag::Transaction, i));
      w->add_integer(i == 0 ? INT64_MIN : static_cast<int64_t>(i));
      w->add_float(1.0f / static_cast<float>(i + 3));
      if (i < texts.size())
        w->add_text(texts[i]);
      else
        w->add_null();
      w->add_bool(i % 2 == 0);
      w->add_money(-99999999999 + static_cast<int64_t>(i), 2);
      w->add_timestamp(days_from_civil(1, 1, 1) + static_cast<int32_t>(i), 86399);
      w->end_row();
    }
    w->finish();
    tx.commit();
  }
  TransactionGuard tx(*db, Access::Read);
  auto r = db->select("scratch", columns, "ORDER BY id");
  for (size_t i = 0; i < texts.size() + 1; ++i) {
    ASSERT_TRUE(r->next());
    EXPECT_EQ(r->get_uuid(0), derived_uuid(user_uuid("u"), RowTag::Transaction, i));
    EXPECT_EQ(r->get_integer(1), i == 0 ? INT64_MIN : static_cast<int64_t>(i));
    EXPECT_EQ(r->get_float(2), 1.0f / static_cast<float>(i + 3));
    EXPECT_EQ(r->is_null(3), i == texts.size());
    if (i < texts.size()) {
      EXPECT_EQ(r->get_text(3), texts[i]);
    }
    EXPECT_EQ(r->get_bool(4), i % 2 == 0);
    EXPECT_EQ(r->get_money(5, 2), -99999999999 + static_cast<int64_t>(i));
    EXPECT_EQ(r->get_day(6), days_from_civil(1, 1, 1) + static_cast<int32_t>(i));
  }
  EXPECT_FALSE(r->next());
}

TEST_F(Postgres, BinaryCopyKeepsEveryDecimalAndIntegerWidth) {
  auto db = open_database(url());
  db->execute(
      "CREATE TABLE scratch (k INTEGER, s SMALLINT, m NUMERIC(12,2), wide NUMERIC, c NUMERIC(5,4), d DOUBLE "
      "PRECISION, v VARCHAR(8))",
      "creating scratch");
  const std::vector<std::string> columns = {"k", "s", "m", "wide", "c", "d", "v"};
  const std::vector<int64_t> money = {0, 1, -1, 5, 99, 100, 10000, 10001, -123456, 999999999999, -999999999999};
  const std::vector<int64_t> wide = {0, INT64_MAX, INT64_MIN + 1, 100000000, -1, 123456789012345678};
  const std::vector<float> confidence = {0.0f, 0.5f, -0.25f, 0.123449f, 0.99995f, 1e-5f, 3.0f};
  const size_t rows = money.size();
  {
    TransactionGuard tx(*db, Access::Write);
    auto w = db->insert_rows("scratch", columns);
    for (size_t i = 0; i < rows; ++i) {
      w->add_integer(i % 2 == 0 ? INT32_MAX - static_cast<int64_t>(i) : INT32_MIN + static_cast<int64_t>(i));
      w->add_integer(-static_cast<int64_t>(i));
      w->add_money(money[i], 2);
      w->add_money(wide[i % wide.size()], static_cast<int>(i % 4) * 3);
      w->add_float(confidence[i % confidence.size()]);
      w->add_float(1.0f / static_cast<float>(i + 1));
      w->add_text(std::string(i % 9, 'x'));
      w->end_row();
    }
    w->finish();
    tx.commit();
  }
  TransactionGuard tx(*db, Access::Read);
  auto r = db->select("scratch", columns, "");
  for (size_t i = 0; i < rows; ++i) {
    ASSERT_TRUE(r->next());
    EXPECT_EQ(r->get_integer(0),
              i % 2 == 0 ? INT32_MAX - static_cast<int64_t>(i) : INT32_MIN + static_cast<int64_t>(i));
    EXPECT_EQ(r->get_integer(1), -static_cast<int64_t>(i));
    EXPECT_EQ(r->get_money(2, 2), money[i]);
    const int scale = static_cast<int>(i % 4) * 3;
    EXPECT_EQ(r->get_money(3, scale), wide[i % wide.size()]) << "row " << i;
    EXPECT_EQ(r->get_text(6), std::string(i % 9, 'x'));
  }
  EXPECT_FALSE(r->next());
  r.reset();
  auto text = db->select("scratch", {"m::text", "wide::text", "c::text"}, "");
  // What the server stored, in its own words: the decimals are exact, and NUMERIC(5,4) rounds
  // a float as it rounds the float's shortest text.
  const std::vector<std::string> rounded = {"0.0000", "0.5000", "-0.2500", "0.1234", "1.0000", "0.0000", "3.0000"};
  for (size_t i = 0; i < rows; ++i) {
    ASSERT_TRUE(text->next());
    const int64_t m = money[i] < 0 ? -money[i] : money[i];
    EXPECT_EQ(text->get_text(0), fmt::format("{}{}.{:02}", money[i] < 0 ? "-" : "", m / 100, m % 100));
    EXPECT_EQ(text->get_text(2), rounded[i % rounded.size()]) << "row " << i;
  }
}

TEST_F(Postgres, TablesWithOtherColumnTypesUseTextCopy) {
  auto db = open_database(url());
  db->execute("CREATE TABLE scratch (id INTEGER, doc JSONB, born DATE, t TEXT)", "creating scratch");
  {
    TransactionGuard tx(*db, Access::Write);
    auto w = db->insert_rows("scratch", {"id", "doc", "born", "t"});
    w->add_integer(7);
    w->add_text(R"({"a": [1, 2]})");
    w->add_text("2024-02-29");
    w->add_text("back\\slash\ttab");
    w->end_row();
    w->finish();
    tx.commit();
  }
  TransactionGuard tx(*db, Access::Read);
  auto r = db->select("scratch", {"id", "doc", "born", "t"}, "");
  ASSERT_TRUE(r->next());
  EXPECT_EQ(r->get_integer(0), 7);
  EXPECT_EQ(r->get_text(1), R"({"a": [1, 2]})");
  EXPECT_EQ(r->get_day(2), days_from_civil(2024, 2, 29));
  EXPECT_EQ(r->get_text(3), "back\\slash\ttab");
  EXPECT_FALSE(r->next());
}

TEST_F(Postgres, AValueTheServerRejectsMidCopyFailsTheLoadAndTheConnectionStaysUsable) {
  auto db = open_database(url());
  db->execute("CREATE TABLE scratch (id INTEGER, v VARCHAR(3))", "creating scratch");
  const std::string error = invalid_input_of([&] {
    TransactionGuard tx(*db, Access::BulkWrite);
    auto w = db->insert_rows("scratch", {"id", "v"});
    for (int i = 0; i < 100000; ++i) {
      w->add_integer(i);
      w->add_text(i == 50000 ? "too long" : "ok");
      w->end_row();
    }
    w->finish();
    tx.commit();
  });
  EXPECT_NE(error.find("value too long"), std::string::npos) << error;
  EXPECT_NE(error.find("scratch"), std::string::npos) << error;
  EXPECT_EQ(count_rows(*db, "scratch"), 0);
  // An abandoned COPY (an exception before finish) leaves the connection usable as well.
  EXPECT_THROW(
      {
        TransactionGuard tx(*db, Access::Write);
        auto w = db->insert_rows("scratch", {"id", "v"});
        w->add_integer(1);
        w->add_text("ok");
        w->end_row();
        throw InvalidInput("stop");
      },
      InvalidInput);
  EXPECT_EQ(count_rows(*db, "scratch"), 0);
}

TEST_F(Postgres, RoundTripsTheSamplePopulation) {
  auto db = open_database(url());
  migrate(*db);
  const Population original = sample_population();
  load(*db, original);
  const Population back = export_population(*db);
  EXPECT_EQ(back.ledger, original.ledger);
  EXPECT_EQ(back.users, original.users);
  EXPECT_EQ(back.goals, original.goals);
  EXPECT_EQ(back.recommendations, original.recommendations);
  EXPECT_EQ(back.purchases, original.purchases);
  EXPECT_EQ(back, original);
}

TEST_F(Postgres, SqliteAndPostgresGiveIdenticalLedgers) {
  const Population original = sample_population();
  auto pg = open_database(url());
  migrate(*pg);
  load(*pg, original);
  testing::TempSqliteFile file;
  auto sqlite = open_database(file.url());
  migrate(*sqlite);
  load(*sqlite, original);
  const Population from_pg = export_population(*pg);
  const Population from_sqlite = export_population(*sqlite);
  EXPECT_EQ(from_pg, from_sqlite);
  EXPECT_EQ(from_pg.ledger, original.ledger);
  EXPECT_EQ(ledger_fingerprint(from_pg.ledger), ledger_fingerprint(from_sqlite.ledger));
  EXPECT_EQ(export_ledger(*pg), export_ledger(*sqlite));
}

TEST_F(Postgres, KeepsTheOriginalTypes) {
  auto db = open_database(url());
  migrate(*db);
  load(*db, sample_population());
  // NUMERIC money in major units, positive amounts, UUID ids.
  EXPECT_EQ(count_rows(*db, "transactions", "WHERE amount = 12.34 AND transaction_type = 'debit'"), 1);
  EXPECT_EQ(count_rows(*db, "transactions", "WHERE amount < 0"), 0);
  EXPECT_EQ(count_rows(*db, "recommendation_history", "WHERE confidence_score = 0.1235"), 1);
  EXPECT_EQ(count_rows(*db, "user_purchases p",
                       "JOIN transactions t ON t.id = p.transaction_id WHERE t.amount = p.total_amount"),
            2);
}

TEST_F(Postgres, ConstraintViolationRollsTheWholeLoadBack) {
  auto db = open_database(url());
  migrate(*db);
  const Population original = sample_population();
  load(*db, original);
  const std::string error = invalid_input_of([&] { load(*db, original); });
  EXPECT_NE(error.find("users_pkey"), std::string::npos) << error;
  EXPECT_NE(error.find("postgresql://postgres:***@"), std::string::npos) << error;
  EXPECT_EQ(export_population(*db), original);
}

TEST_F(Postgres, FailureLateInTheLoadWritesNothingAndRestoresIndexesAndKeys) {
  auto db = open_database(url());
  migrate(*db);
  Population p = sample_population();
  p.users.email[4] = p.users.email[0];
  const std::string error = invalid_input_of([&] { load(*db, p); });
  EXPECT_NE(error.find("users_email_key"), std::string::npos) << error;
  EXPECT_NE(error.find(p.users.email[0]), std::string::npos) << error;  // the duplicated value
  EXPECT_EQ(count_rows(*db, "users"), 0);
  EXPECT_EQ(count_rows(*db, "transactions"), 0);
  EXPECT_EQ(count_rows(*db, "dataset_info"), 0);
  EXPECT_EQ(
      count_rows(*db, "pg_indexes", "WHERE schemaname = current_schema() AND indexname = 'idx_transactions_user_date'"),
      1);
  EXPECT_EQ(count_rows(*db, "pg_constraint",
                       "WHERE conname = 'transactions_user_id_fkey' AND connamespace = "
                       "current_schema()::regnamespace"),
            1);
  // Keys dropped for the load, and the foreign keys referencing them, are back.
  EXPECT_EQ(count_rows(*db, "pg_constraint",
                       "WHERE conname IN ('transactions_pkey', 'users_pkey', 'user_purchases_transaction_id_fkey') "
                       "AND connamespace = current_schema()::regnamespace"),
            3);
  // A later load works and keeps the rebuilt indexes.
  load(*db, sample_population());
  EXPECT_EQ(
      count_rows(*db, "pg_indexes", "WHERE schemaname = current_schema() AND indexname = 'idx_transactions_category'"),
      1);
}

void bulk_write_ids(Database& db, int first, int count) {
  TransactionGuard tx(db, Access::BulkWrite);
  auto w = db.insert_rows("scratch", {"id"});
  for (int id = first; id < first + count; ++id) {
    w->add_integer(id);
    w->end_row();
  }
  w->finish();
  tx.commit();
}

TEST_F(Postgres, ABulkLoadIntoAnEmptyTableWritesItsRowsFrozen) {
  auto db = open_database(url());
  db->execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY); CREATE TABLE other (x INTEGER)", "creating scratch");
  auto reader = open_database(url());
  {
    // A snapshot taken before the load (on another table: a lock on scratch would block it).
    TransactionGuard old_snapshot(*reader, Access::Read);
    EXPECT_EQ(count_rows_in_open_transaction(*reader, "other"), 0);
    bulk_write_ids(*db, 0, 100);
    // Frozen rows are visible to snapshots older than their commit, as after VACUUM FREEZE.
    EXPECT_EQ(count_rows_in_open_transaction(*reader, "scratch"), 100);
  }
  {
    // Into a table holding rows, a bulk load writes ordinary rows: older snapshots miss them.
    TransactionGuard old_snapshot(*reader, Access::Read);
    EXPECT_EQ(count_rows_in_open_transaction(*reader, "other"), 0);
    bulk_write_ids(*db, 100, 100);
    EXPECT_EQ(count_rows_in_open_transaction(*reader, "scratch"), 100);
  }
  EXPECT_EQ(count_rows(*db, "scratch"), 200);
  // The primary key dropped for the first load is back.
  const std::string error = invalid_input_of([&] { bulk_write_ids(*db, 150, 1); });
  EXPECT_NE(error.find("scratch_pkey"), std::string::npos) << error;
}

TEST_F(Postgres, RowsStoredOutOfOrderAreReadInUserSeqOrder) {
  auto db = open_database(url());
  migrate(*db);
  const Population original = sample_population();
  load(*db, original);
  // New ids that no longer ascend with user_seq (as another writer's random UUIDs would), and
  // new row versions at the end of the heap: the export must fall back to sorting.
  db->execute(
      "UPDATE transactions SET id = gen_random_uuid() WHERE id NOT IN "
      "(SELECT transaction_id FROM user_purchases WHERE transaction_id IS NOT NULL)",
      "scrambling ids");
  EXPECT_EQ(export_population(*db), original);
}

TEST_F(Postgres, SchemaVersionTooNewIsNamed) {
  auto db = open_database(url());
  migrate(*db);
  db->execute("INSERT INTO schema_version (version, name) VALUES (7, '007_future')", "test");
  const std::string error = invalid_input_of([&] { export_population(*db); });
  EXPECT_NE(error.find("schema version 7"), std::string::npos) << error;
  const std::string migrate_error = invalid_input_of([&] { migrate(*db); });
  EXPECT_NE(migrate_error.find("schema version 7"), std::string::npos) << migrate_error;
}

TEST_F(Postgres, MissingTableIsNamed) {
  auto db = open_database(url());
  migrate(*db);
  db->execute("DROP TABLE user_purchases", "test");
  const std::string error = invalid_input_of([&] { export_population(*db); });
  EXPECT_NE(error.find("no table 'user_purchases'"), std::string::npos) << error;
  const std::string load_error = invalid_input_of([&] { load(*db, sample_population()); });
  EXPECT_NE(load_error.find("no table 'user_purchases'"), std::string::npos) << load_error;
}

TEST_F(Postgres, EmptySchemaAsksForInit) {
  auto db = open_database(url());
  const std::string error = invalid_input_of([&] { export_population(*db); });
  EXPECT_NE(error.find("fincoach db init"), std::string::npos) << error;
}

TEST_F(Postgres, MigrateIsIdempotent) {
  auto db = open_database(url());
  EXPECT_EQ(migrate(*db).from_version, 0);
  EXPECT_EQ(migrate(*db).from_version, current_schema_version());
  EXPECT_EQ(count_rows(*db, "products"), 40);
  EXPECT_EQ(count_rows(*db, "product_categories"), 8);
  EXPECT_EQ(count_rows(*db, "products", "WHERE price BETWEEN 3.99 AND 199.99"), 40);
}

TEST(PostgresUrl, AnUnreachableServerIsAnIoErrorNamingTheUrl) {
  try {
    open_database("postgresql://postgres:secret@127.0.0.1:1/finance?connect_timeout=2");
    FAIL() << "connected to port 1";
  } catch (const IoError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("postgresql://postgres:***@127.0.0.1:1/finance"), std::string::npos) << message;
    EXPECT_EQ(message.find("secret"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace fincoach::db
