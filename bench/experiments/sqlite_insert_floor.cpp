// Experiment (not built by CMake): how fast SQLite alone inserts 1M pre-formatted rows into the
// transactions table with fincoach's bulk-load settings, and what each index strategy costs.
// Build and run: g++ -O2 -o /tmp/sqlite_insert_floor sqlite_insert_floor.cpp -lsqlite3
//                mkdir -p /tmp/sqlexp && /tmp/sqlite_insert_floor VARIANT [ARG]   (PS=page size, env)
// Variants: 0 category index maintained, (user_id, transaction_date) rebuilt, temp_store=MEMORY;
//           1 both rebuilt; 2 = 1 + PRAGMA threads=2; 3 = 1 but (user_id, date) maintained;
//           4 = 2 + 32 MiB cache for the rebuilds; 5 = 2 + temp_store=FILE and ARG KiB cache for the
//           rebuilds (fincoach's choice: 16384); 6 = 5 on a WITHOUT ROWID table; 7 = 5 with
//           threads=1; 8 = temp_store=FILE and a 16 MiB cache from the start.
// With variants 0-4, ARG is the rows per INSERT statement (multi-row VALUES).
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

int main(int argc, char** argv) {
  int variant = atoi(argv[1]);
  if (getenv("NOMEMSTAT") && *getenv("NOMEMSTAT")) sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  int per_stmt = argc > 2 ? atoi(argv[2]) : 1;
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
  unlink("/tmp/sqlexp/t.db");
  unlink("/tmp/sqlexp/t.db-journal");
  sqlite3* db;
  sqlite3_open_v2("/tmp/sqlexp/t.db", &db, SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE|SQLITE_OPEN_NOMUTEX, nullptr);
  exec(db, (std::string("PRAGMA page_size=") + (getenv("PS") ? getenv("PS") : "65536") + "; PRAGMA journal_mode").c_str());
  exec(db, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY");
  std::string schema = k_schema;
  if (variant == 6) schema.replace(schema.find(");\nCREATE INDEX"), 2, ") WITHOUT ROWID;");
  exec(db, schema.c_str());
  if (variant >= 1) exec(db, "DROP INDEX idx_transactions_category");
  if (variant >= 2) exec(db, variant == 7 ? "PRAGMA threads=1" : "PRAGMA threads=2");
  if (variant == 8) exec(db, "PRAGMA temp_store=FILE; PRAGMA cache_size=-16384");
  if (variant == 3) exec(db, "CREATE INDEX idx_transactions_user_date ON transactions (user_id, transaction_date)");
  std::string sql = "INSERT INTO transactions (id,user_id,wallet_id,transaction_type,amount,category,description,merchant_name,location_city,location_country,balance_after,transaction_date,user_seq,second_of_day,balance_known,raw_category,raw_type_code,source_file,source_line,created_at) VALUES ";
  for (int k = 0; k < (variant >= 5 ? 1 : per_stmt); ++k) sql += std::string(k ? "," : "") + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  sqlite3_stmt* s;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); return 1; }
  double t0 = now();
  exec(db, "BEGIN IMMEDIATE");
  int col = 0, in_stmt = 0;
  for (const Row& r : rows) {
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
    if (++in_stmt == (variant >= 5 ? 1 : per_stmt)) {
      if (sqlite3_step(s) != SQLITE_DONE) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); return 1; }
      sqlite3_reset(s);
      col = 0;
      in_stmt = 0;
    }
  }
  double t1 = now();
  if (variant == 4) exec(db, "PRAGMA cache_size=-32768");
  if (variant >= 5 && variant != 8) { char b[100]; snprintf(b, 100, "PRAGMA temp_store=FILE; PRAGMA cache_size=-%d", per_stmt); exec(db, b); }
  if (variant >= 1) exec(db, "CREATE INDEX idx_transactions_category ON transactions (category)");
  double t2 = now();
  if (variant != 3) exec(db, "CREATE INDEX idx_transactions_user_date ON transactions (user_id, transaction_date)");
  double t3 = now();
  exec(db, "COMMIT");
  double t4 = now();
  printf("variant %d per_stmt %d: insert %.3f cat %.3f date %.3f commit %.3f total %.3f\n", variant, per_stmt, t1 - t0,
         t2 - t1, t3 - t2, t4 - t3, t4 - t0);
  sqlite3_close(db);
}
