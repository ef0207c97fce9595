// The SQLite engine through the Database interface, on a scratch table.

#include <gtest/gtest.h>

#include <fstream>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/db/database.hpp"
#include "unit/db/temp_database.hpp"

namespace fincoach::db {
namespace {

using testing::TempSqliteFile;

const std::vector<std::string> k_columns = {"id", "n", "f", "t", "b", "m", "ts"};

void create_scratch(Database& db) {
  db.execute(
      "CREATE TABLE scratch (id TEXT PRIMARY KEY, n INTEGER, f REAL, t TEXT, b INTEGER, m INTEGER, ts TEXT);"
      "CREATE INDEX idx_scratch_n ON scratch (n)",
      "creating scratch");
}

void write_rows(Database& db, int count, int first = 0) {
  auto w = db.insert_rows("scratch", k_columns);
  for (int i = first; i < first + count; ++i) {
    w->add_uuid(derived_uuid(user_uuid("u"), RowTag::Transaction, static_cast<uint64_t>(i)));
    w->add_integer(i);
    w->add_float(0.1f * static_cast<float>(i));
    if (i % 2 == 0)
      w->add_text("caf\xc3\xa9\t\\");
    else
      w->add_null();
    w->add_bool(i % 3 == 0);
    w->add_money(-12345 - i, 2);
    w->add_timestamp(days_from_civil(2022, 7, 25), 3661);
    w->end_row();
  }
  w->finish();
}

TEST(SqliteDatabase, WritesAndReadsEveryType) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  EXPECT_EQ(db->engine(), Engine::Sqlite);
  create_scratch(*db);
  TransactionGuard tx(*db, Access::Write);
  write_rows(*db, 4);
  auto r = db->select("scratch", k_columns, "ORDER BY n");
  int i = 0;
  while (r->next()) {
    EXPECT_EQ(r->row_index(), static_cast<uint64_t>(i));
    EXPECT_EQ(r->get_uuid(0), derived_uuid(user_uuid("u"), RowTag::Transaction, static_cast<uint64_t>(i)));
    EXPECT_EQ(r->get_integer(1), i);
    EXPECT_EQ(r->get_float(2), 0.1f * static_cast<float>(i));
    EXPECT_EQ(r->is_null(3), i % 2 != 0);
    EXPECT_EQ(r->get_text(3), i % 2 == 0 ? "caf\xc3\xa9\t\\" : "");
    EXPECT_EQ(r->get_bool(4), i % 3 == 0);
    EXPECT_EQ(r->get_money(5, 2), -12345 - i);
    EXPECT_EQ(r->get_day(6), days_from_civil(2022, 7, 25));
    EXPECT_EQ(r->get_text(6), "2022-07-25 01:01:01");
    ++i;
  }
  EXPECT_EQ(i, 4);
  r.reset();
  tx.commit();
}

TEST(SqliteDatabase, RollbackUndoesWrites) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  create_scratch(*db);
  {
    TransactionGuard tx(*db, Access::BulkWrite);
    write_rows(*db, 10);
  }  // no commit
  TransactionGuard tx(*db, Access::Read);
  EXPECT_TRUE(db->table_is_empty("scratch"));
  EXPECT_EQ(db->table_names(), std::vector<std::string>{"scratch"});
}

bool index_exists(Database& db, const std::string& name) {
  auto r = db.select("sqlite_master", {"name"}, "WHERE type = 'index' AND name = '" + name + "'");
  return r->next();
}

TEST(SqliteDatabase, BulkWriteIntoAnEmptyTableRebuildsItsIndexesAtCommit) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  create_scratch(*db);
  {
    TransactionGuard tx(*db, Access::BulkWrite);
    write_rows(*db, 5000);
    EXPECT_FALSE(index_exists(*db, "idx_scratch_n"));  // dropped while the rows go in
    tx.commit();
  }
  TransactionGuard tx(*db, Access::Read);
  EXPECT_TRUE(index_exists(*db, "idx_scratch_n"));
  auto check = db->select("pragma_integrity_check", {"integrity_check"}, "");
  ASSERT_TRUE(check->next());
  EXPECT_EQ(check->get_text(0), "ok");
  auto by_index = db->select("scratch INDEXED BY idx_scratch_n", {"n"}, "WHERE n >= 4990 ORDER BY n");
  int expected = 4990;
  while (by_index->next()) EXPECT_EQ(by_index->get_integer(0), expected++);
  EXPECT_EQ(expected, 5000);
}

TEST(SqliteDatabase, BulkWriteKeepsTheIndexesOfATableWithRowsAndRollsDropsBack) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  create_scratch(*db);
  {
    TransactionGuard tx(*db, Access::BulkWrite);
    write_rows(*db, 10);
    tx.commit();
  }
  {
    TransactionGuard tx(*db, Access::BulkWrite);
    write_rows(*db, 10, 10);
    EXPECT_TRUE(index_exists(*db, "idx_scratch_n"));  // the table had rows: maintained row by row
    tx.commit();
  }
  db->execute("DELETE FROM scratch", "emptying scratch");
  {
    TransactionGuard tx(*db, Access::BulkWrite);
    write_rows(*db, 10);
    EXPECT_FALSE(index_exists(*db, "idx_scratch_n"));
  }  // rolled back
  TransactionGuard tx(*db, Access::Read);
  EXPECT_TRUE(index_exists(*db, "idx_scratch_n"));
  EXPECT_TRUE(db->table_is_empty("scratch"));
}

TEST(SqliteDatabase, ConstraintViolationNamesTheColumn) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  create_scratch(*db);
  TransactionGuard tx(*db, Access::Write);
  write_rows(*db, 1);
  try {
    write_rows(*db, 1);
    FAIL() << "duplicate key accepted";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("scratch.id"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("into table scratch"), std::string::npos) << e.what();
  }
}

TEST(SqliteDatabase, BulkWriteRoundTripsAcrossBatchesAndNamesTheRowOfAViolation) {
  // Bulk writes are inserted by a second thread in batches: values must arrive intact across
  // batch boundaries, and a violation in a later batch must name its row and undo everything.
  TempSqliteFile file;
  auto db = open_database(file.url());
  create_scratch(*db);
  {
    TransactionGuard tx(*db, Access::BulkWrite);
    write_rows(*db, 5000);
    tx.commit();
  }
  {
    TransactionGuard tx(*db, Access::Read);
    auto r = db->select("scratch", k_columns, "ORDER BY n");
    int i = 0;
    while (r->next()) {
      EXPECT_EQ(r->get_uuid(0), derived_uuid(user_uuid("u"), RowTag::Transaction, static_cast<uint64_t>(i)));
      EXPECT_EQ(r->get_integer(1), i);
      EXPECT_EQ(r->get_float(2), 0.1f * static_cast<float>(i));
      EXPECT_EQ(r->is_null(3), i % 2 != 0);
      EXPECT_EQ(r->get_money(5, 2), -12345 - i);
      ++i;
    }
    EXPECT_EQ(i, 5000);
  }
  db->execute("DELETE FROM scratch WHERE n <> 4500", "keeping one row");
  try {
    TransactionGuard tx(*db, Access::BulkWrite);
    write_rows(*db, 6000);  // row 4500 has the id of the row kept
    tx.commit();
    FAIL() << "duplicate key accepted";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("row 4500 into table scratch"), std::string::npos) << e.what();
  }
  TransactionGuard tx(*db, Access::Read);
  auto count = db->select("scratch", {"COUNT(*)"}, "");
  ASSERT_TRUE(count->next());
  EXPECT_EQ(count->get_integer(0), 1);
}

TEST(SqliteDatabase, BadValuesNameTableColumnAndRow) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  create_scratch(*db);
  db->execute("INSERT INTO scratch (id, n, m, ts) VALUES ('not-a-uuid', 'abc', 12.5, '2022-13-01')", "insert");
  TransactionGuard tx(*db, Access::Read);
  auto r = db->select("scratch", k_columns, "");
  ASSERT_TRUE(r->next());
  const auto expect_error = [&](auto&& read, const std::string& needle) {
    try {
      read();
      ADD_FAILURE() << "no error for " << needle;
    } catch (const InvalidInput& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  expect_error([&] { r->get_uuid(0); }, "scratch.id row 0: expected a UUID, found 'not-a-uuid'");
  expect_error([&] { r->get_integer(1); }, "scratch.n row 0: expected an integer");
  expect_error([&] { r->get_money(5, 2); }, "scratch.m row 0: expected integer minor units, found '12.5'");
  expect_error([&] { r->get_day(6); }, "scratch.ts row 0: expected a timestamp");
  expect_error([&] { r->get_bool(4); }, "scratch.b row 0: expected 0 or 1, found NULL");
}

TEST(SqliteDatabase, MustExistRefusesAMissingFile) {
  TempSqliteFile file;
  try {
    open_database(file.url(), OpenMode::MustExist);
    FAIL() << "opened a missing file";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find(file.path()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(file.path()));
}

TEST(SqliteDatabase, AFileThatIsNotADatabaseIsNamed) {
  TempSqliteFile file;
  std::ofstream(file.path()) << "this is not a database, just some text that is long enough to fill a header....\n";
  try {
    open_database(file.url());
    FAIL() << "opened a text file";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find(file.path()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not a database"), std::string::npos) << e.what();
  }
}

TEST(SqliteDatabase, BadSqlNamesWhatItWasDoing) {
  TempSqliteFile file;
  auto db = open_database(file.url());
  try {
    db->execute("SELEC 1", "running the test statement");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("running the test statement"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace fincoach::db
