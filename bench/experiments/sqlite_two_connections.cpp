// Experiment (not built by CMake): two connections inserting a half of 1M rows each in parallel,
// the second into a staging file that the first copies over with INSERT … SELECT.
// Build and run: g++ -O2 -o /tmp/sqlite_two_connections sqlite_two_connections.cpp -lsqlite3 -lpthread
//                mkdir -p /tmp/sqlexp && /tmp/sqlite_two_connections SPLIT   (share of rows in the main
//                file: 1.0 = no staging)
// Results: bench/results/db_experiments.md.
#include <sqlite3.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>
#include <unistd.h>

static const char* k_schema = R"(
CREATE TABLE transactions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  wallet_id TEXT NOT NULL,
  transaction_type VARCHAR(20) NOT NULL,
  amount INTEGER NOT NULL,
  category VARCHAR(50) NOT NULL,
  description TEXT NOT NULL,
  merchant_name VARCHAR(255),
  location_city VARCHAR(100),
  location_country VARCHAR(100) DEFAULT 'US',
  balance_after INTEGER NOT NULL,
  transaction_date TEXT DEFAULT CURRENT_TIMESTAMP,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  user_seq BIGINT NOT NULL,
  second_of_day INTEGER,
  balance_known INTEGER DEFAULT 1,
  raw_category TEXT DEFAULT '',
  raw_type_code TEXT DEFAULT '',
  source_file TEXT DEFAULT '',
  source_line INTEGER DEFAULT 0
);
CREATE INDEX idx_transactions_category ON transactions (category);
)";

struct Row {
  char id[37], user[37], wallet[37], date[20];
  int cat;
  long amount, seq, line;
};

static double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
static void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) { fprintf(stderr, "%s: %s\n", sql, err); exit(1); }
}


static void insert_range(sqlite3* db, const std::vector<Row>& rows, size_t b, size_t e, const char** cats, const char** descs) {
  std::string sql = "INSERT INTO transactions (id,user_id,wallet_id,transaction_type,amount,category,description,merchant_name,location_city,location_country,balance_after,transaction_date,user_seq,second_of_day,balance_known,raw_category,raw_type_code,source_file,source_line,created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  sqlite3_stmt* s;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
  for (size_t i = b; i < e; ++i) {
    const Row& r = rows[i];
    int col = 0;
    sqlite3_bind_text(s, ++col, r.id, 36, SQLITE_STATIC);
    sqlite3_bind_text(s, ++col, r.user, 36, SQLITE_STATIC);
    sqlite3_bind_text(s, ++col, r.wallet, 36, SQLITE_STATIC);
    sqlite3_bind_text(s, ++col, "debit", 5, SQLITE_STATIC);
    sqlite3_bind_int64(s, ++col, r.amount);
    sqlite3_bind_text(s, ++col, cats[r.cat], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, ++col, descs[r.cat % 5], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, ++col, "Tesco", 5, SQLITE_STATIC);
    sqlite3_bind_text(s, ++col, "London", 6, SQLITE_STATIC);
    sqlite3_bind_text(s, ++col, "GB", 2, SQLITE_STATIC);
    sqlite3_bind_int64(s, ++col, r.amount * 3);
    sqlite3_bind_text(s, ++col, r.date, 19, SQLITE_STATIC);
    sqlite3_bind_int64(s, ++col, r.seq);
    sqlite3_bind_int64(s, ++col, 45296);
    sqlite3_bind_int64(s, ++col, 1);
    sqlite3_bind_text(s, ++col, "Groceries", 9, SQLITE_STATIC);
    sqlite3_bind_text(s, ++col, "DEB", 3, SQLITE_STATIC);
    sqlite3_bind_text(s, ++col, "statement.csv", 13, SQLITE_STATIC);
    sqlite3_bind_int64(s, ++col, r.line);
    sqlite3_bind_text(s, ++col, "2026-11-22 01:00:00", 19, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); exit(1); }
    sqlite3_reset(s);
  }
  sqlite3_finalize(s);
}
#include <thread>
static sqlite3* open_db(const char* path, const char* journal) {
  sqlite3* db;
  sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE|SQLITE_OPEN_NOMUTEX, nullptr);
  exec(db, "PRAGMA page_size=65536");
  exec(db, journal);
  exec(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=FILE; PRAGMA threads=2");
  return db;
}
int main(int argc, char** argv) {
  double split = atof(argv[1]);
  const char* cats[] = {"groceries", "dining", "transport", "shopping", "bills", "entertainment", "health", "income", "savings", "other"};
  const char* descs[] = {"TESCO STORES 1234", "AMAZON MARKETPLACE", "TFL TRAVEL CHARGE", "NETFLIX.COM", "SALARY ACME LTD"};
  std::vector<Row> rows(1000000);
  for (size_t i = 0; i < rows.size(); ++i) {
    Row& r = rows[i];
    unsigned u = i / 1000;
    snprintf(r.id, 37, "%08x-0000-8000-8000-%012zx", u, i);
    snprintf(r.user, 37, "%08x-0000-8000-8000-000000000000", u);
    snprintf(r.wallet, 37, "%08x-0000-8000-8000-000000000001", u);
    snprintf(r.date, 20, "2024-%02zu-%02zu 12:34:56", 1 + i % 12, 1 + i % 28);
    r.cat = (int)((i * 7919) % 10);
    r.amount = (long)(i % 10000);
    r.seq = (long)(i % 1000);
    r.line = (long)i;
  }
  unlink("/tmp/sqlexp/t.db"); unlink("/tmp/sqlexp/t.db-journal"); unlink("/tmp/sqlexp/stage.db");
  sqlite3* db = open_db("/tmp/sqlexp/t.db", "PRAGMA journal_mode=DELETE");
  std::string schema = k_schema;
  exec(db, schema.c_str());
  exec(db, "DROP INDEX idx_transactions_category");
  sqlite3* st = open_db("/tmp/sqlexp/stage.db", "PRAGMA journal_mode=OFF");
  exec(st, schema.c_str());
  exec(st, "DROP INDEX idx_transactions_category");
  exec(db, "ATTACH '/tmp/sqlexp/stage.db' AS stage");
  size_t half = (size_t)(rows.size() * split);
  double t0 = now();
  exec(db, "BEGIN");
  std::thread other([&] { exec(st, "BEGIN"); insert_range(st, rows, half, rows.size(), cats, descs); exec(st, "COMMIT"); });
  insert_range(db, rows, 0, half, cats, descs);
  double t1a = now();
  other.join();
  double t1 = now();
  exec(db, "INSERT INTO main.transactions SELECT * FROM stage.transactions");
  double t2 = now();
  exec(db, "PRAGMA cache_size=-16384");
  exec(db, "CREATE INDEX idx_transactions_category ON transactions (category)");
  exec(db, "CREATE INDEX idx_transactions_user_date ON transactions (user_id, transaction_date)");
  double t3 = now();
  exec(db, "COMMIT");
  double t4 = now();
  printf("split %.2f: main half %.3f both halves %.3f copy %.3f indexes %.3f commit %.3f total %.3f\n", split, t1a - t0, t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0);
  sqlite3_close(db); sqlite3_close(st);
}
