// The SQLite engine: RAII handles over sqlite3 and its statements; bulk writes through one
// prepared INSERT per table, reads through a sqlite3_step loop with column accessors.

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "db/batch_pipeline.hpp"
#include "db/engines.hpp"
#include "db/timestamp_text.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::db {
namespace {

struct SqliteCloser {
  void operator()(sqlite3* handle) const noexcept { sqlite3_close_v2(handle); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// Page-cache sizes in KiB (negative values of PRAGMA cache_size).
constexpr int k_cache_kib = 65536;
constexpr int k_bulk_cache_kib = 1048576;
// The page cache while bulk-loaded indexes are rebuilt: the sorter's run size.
constexpr int k_sorter_run_kib = 16384;
// Pages of new databases: large pages cut the B-tree work of bulk loads and table scans
// (measured: a third less CPU for a 1M-row load than with 4 KiB pages).
constexpr int k_page_size = 65536;

// Failures of the machine or the file, as opposed to a wrong statement or wrong data.
bool is_io_failure(int rc) {
  switch (rc & 0xff) {
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_NOMEM:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
      return true;
    default:
      return false;
  }
}

[[noreturn]] void fail(sqlite3* handle, int rc, std::string_view url, std::string_view what) {
  const std::string message = fmt::format("{}: {}: {}", url, what, sqlite3_errmsg(handle));
  if (is_io_failure(rc)) throw IoError(message);
  throw InvalidInput(message);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Worker threads of SQLite's sorter (it caps them at 8): all cores but the one reading.
int sorter_worker_threads() {
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 2u, 9u)) - 1;
}

// The connection's settings outside bulk loads (begin() changes some for a bulk load).
std::string connection_pragmas() {
  return fmt::format(
      "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-{}; PRAGMA temp_store=MEMORY; "
      "PRAGMA threads=0",
      k_cache_kib);
}

void check_bind(int rc) {
  if (rc != SQLITE_OK) throw Internal(fmt::format("sqlite3_bind failed: {}", sqlite3_errstr(rc)));
}

class SqliteWriter final : public RowWriter {
 public:
  SqliteWriter(sqlite3* handle, Statement statement, std::string table, int columns, const std::string& url)
      : handle_(handle),
        statement_(std::move(statement)),
        table_(std::move(table)),
        columns_(columns),
        url_(url),
        scratch_(static_cast<size_t>(columns)) {}

  void add_null() override { check_bind(sqlite3_bind_null(stmt(), next())); }
  void add_integer(int64_t value) override { check_bind(sqlite3_bind_int64(stmt(), next(), value)); }
  void add_float(float value) override { check_bind(sqlite3_bind_double(stmt(), next(), static_cast<double>(value))); }
  // The text must stay valid until end_row() (SQLITE_STATIC: no copy per field).
  void add_text(std::string_view value) override {
    const char* data = value.data() != nullptr ? value.data() : "";
    check_bind(sqlite3_bind_text(stmt(), next(), data, static_cast<int>(value.size()), SQLITE_STATIC));
  }
  void add_bool(bool value) override { check_bind(sqlite3_bind_int(stmt(), next(), value ? 1 : 0)); }
  void add_money(int64_t minor, int /*minor_digits*/) override { add_integer(minor); }
  void add_uuid(const Uuid& value) override {
    char* out = scratch_[static_cast<size_t>(column_)].data();
    format_uuid(value, out);
    check_bind(sqlite3_bind_text(stmt(), next(), out, static_cast<int>(k_uuid_text_size), SQLITE_STATIC));
  }
  void add_timestamp(int32_t day, int32_t second) override {
    char* out = scratch_[static_cast<size_t>(column_)].data();
    format_timestamp(day, second, out);
    check_bind(sqlite3_bind_text(stmt(), next(), out, static_cast<int>(k_timestamp_text_size), SQLITE_STATIC));
  }
  void end_row() override {
    FINCOACH_ASSERT(column_ == columns_);
    const int rc = sqlite3_step(stmt());
    if (rc != SQLITE_DONE) fail(handle_, rc, url_, fmt::format("inserting row {} into table {}", rows_, table_));
    sqlite3_reset(stmt());
    column_ = 0;
    ++rows_;
  }
  void finish() override { FINCOACH_ASSERT(column_ == 0); }

 private:
  sqlite3_stmt* stmt() const { return statement_.get(); }
  int next() {
    FINCOACH_ASSERT(column_ < columns_);
    return ++column_;  // bind indexes are 1-based
  }

  sqlite3* handle_;
  Statement statement_;
  std::string table_;
  int columns_;
  int column_ = 0;
  uint64_t rows_ = 0;
  const std::string& url_;
  std::vector<std::array<char, 40>> scratch_;
};

// One batch of rows for SqliteBulkWriter: every value of every row, texts in one store.
struct SqliteRowBatch {
  enum class Kind : uint8_t { Null, Integer, Real, Text };
  struct Value {
    int64_t bits = 0;   ///< Integer: the value; Real: the double's bits; Text: offset in `text`
    uint32_t size = 0;  ///< Text: bytes
    Kind kind = Kind::Null;
  };
  static constexpr size_t k_rows = 2048;
  static constexpr size_t k_text_bytes = size_t{64} << 20;  ///< a batch of long texts goes early
  std::vector<Value> values;                                ///< rows × columns, row by row
  std::string text;
  size_t rows = 0;
  uint64_t first_row = 0;  ///< index in the table's load of the batch's first row

  void clear() {
    values.clear();
    text.clear();
    rows = 0;
  }
};

// The writer of bulk loads: the calling thread formats the values into batches (UUID and
// timestamp texts, copies of the other texts), a second thread binds them and steps the
// INSERT, so the caller's work overlaps SQLite's B-tree work on two cores. The connection is
// used by that thread only until finish() returns. Errors (a constraint violation, say)
// surface at a later end_row() or at finish(), naming the row.
class SqliteBulkWriter final : public RowWriter {
 public:
  SqliteBulkWriter(sqlite3* handle, Statement statement, std::string table, int columns, const std::string& url)
      : handle_(handle),
        statement_(std::move(statement)),
        table_(std::move(table)),
        columns_(static_cast<size_t>(columns)),
        url_(url),
        pipeline_([this](SqliteRowBatch& batch) { insert(batch); }) {}

  void add_null() override { value(); }
  void add_integer(int64_t v) override {
    SqliteRowBatch::Value& slot = value();
    slot.kind = SqliteRowBatch::Kind::Integer;
    slot.bits = v;
  }
  void add_float(float v) override {
    SqliteRowBatch::Value& slot = value();
    slot.kind = SqliteRowBatch::Kind::Real;
    slot.bits = std::bit_cast<int64_t>(static_cast<double>(v));
  }
  void add_text(std::string_view v) override { text_slot(v.size()).append(v); }
  void add_bool(bool v) override { add_integer(v ? 1 : 0); }
  void add_money(int64_t minor, int /*minor_digits*/) override { add_integer(minor); }
  void add_uuid(const Uuid& v) override {
    std::string& text = text_slot(k_uuid_text_size);
    text.resize(text.size() + k_uuid_text_size);
    format_uuid(v, text.data() + text.size() - k_uuid_text_size);
  }
  void add_timestamp(int32_t day, int32_t second) override {
    std::string& text = text_slot(k_timestamp_text_size);
    text.resize(text.size() + k_timestamp_text_size);
    format_timestamp(day, second, text.data() + text.size() - k_timestamp_text_size);
  }
  void end_row() override {
    FINCOACH_ASSERT(column_ == columns_);
    column_ = 0;
    ++rows_;
    SqliteRowBatch& batch = pipeline_.batch();
    if (++batch.rows >= SqliteRowBatch::k_rows || batch.text.size() >= SqliteRowBatch::k_text_bytes) pipeline_.submit();
  }
  void finish() override {
    FINCOACH_ASSERT(column_ == 0);
    pipeline_.drain();
  }

 private:
  SqliteRowBatch::Value& value() {
    FINCOACH_ASSERT(column_ < columns_);
    SqliteRowBatch& batch = pipeline_.batch();
    if (batch.values.empty()) batch.first_row = rows_;
    ++column_;
    return batch.values.emplace_back();
  }
  // A text value of `size` bytes; returns the store to append them to.
  std::string& text_slot(size_t size) {
    SqliteRowBatch::Value& slot = value();
    std::string& text = pipeline_.batch().text;
    if (text.size() + size > INT32_MAX)
      throw InvalidInput(fmt::format("{}: a text of {} bytes for table {}", url_, size, table_));
    slot.kind = SqliteRowBatch::Kind::Text;
    slot.bits = static_cast<int64_t>(text.size());
    slot.size = static_cast<uint32_t>(size);
    return text;
  }
  // On the pipeline's thread.
  void insert(const SqliteRowBatch& batch) {
    sqlite3_stmt* s = statement_.get();
    const SqliteRowBatch::Value* v = batch.values.data();
    for (size_t row = 0; row < batch.rows; ++row) {
      for (int column = 1; column <= static_cast<int>(columns_); ++column, ++v) bind(s, column, *v, batch.text);
      const int rc = sqlite3_step(s);
      if (rc != SQLITE_DONE)
        fail(handle_, rc, url_, fmt::format("inserting row {} into table {}", batch.first_row + row, table_));
      sqlite3_reset(s);
    }
  }
  static void bind(sqlite3_stmt* s, int column, const SqliteRowBatch::Value& v, const std::string& text) {
    switch (v.kind) {
      case SqliteRowBatch::Kind::Null:
        return check_bind(sqlite3_bind_null(s, column));
      case SqliteRowBatch::Kind::Integer:
        return check_bind(sqlite3_bind_int64(s, column, v.bits));
      case SqliteRowBatch::Kind::Real:
        return check_bind(sqlite3_bind_double(s, column, std::bit_cast<double>(v.bits)));
      case SqliteRowBatch::Kind::Text:
        return check_bind(sqlite3_bind_text(s, column, text.data() + v.bits, static_cast<int>(v.size), SQLITE_STATIC));
    }
  }

  sqlite3* handle_;
  Statement statement_;
  std::string table_;
  size_t columns_;
  size_t column_ = 0;
  uint64_t rows_ = 0;
  const std::string& url_;
  BatchPipeline<SqliteRowBatch> pipeline_;  // last: its thread stops before the rest goes
};

class SqliteReader final : public RowReader {
 public:
  SqliteReader(sqlite3* handle, Statement statement, std::string table, std::vector<std::string> columns,
               const std::string& url)
      : handle_(handle),
        statement_(std::move(statement)),
        table_(std::move(table)),
        columns_(std::move(columns)),
        url_(url) {}

  bool next() override {
    const int rc = sqlite3_step(statement_.get());
    if (rc == SQLITE_ROW) {
      ++rows_;
      return true;
    }
    if (rc == SQLITE_DONE) return false;
    fail(handle_, rc, url_, fmt::format("reading table {}", table_));
  }
  bool is_null(int column) const override { return type(column) == SQLITE_NULL; }
  int64_t get_integer(int column) const override {
    if (type(column) != SQLITE_INTEGER) bad_value(column, "an integer");
    return sqlite3_column_int64(statement_.get(), column);
  }
  float get_float(int column) const override {
    const int t = type(column);
    if (t != SQLITE_FLOAT && t != SQLITE_INTEGER) bad_value(column, "a number");
    return static_cast<float>(sqlite3_column_double(statement_.get(), column));
  }
  std::string_view get_text(int column) const override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_.get(), column));
    if (text == nullptr) return {};
    return {text, static_cast<size_t>(sqlite3_column_bytes(statement_.get(), column))};
  }
  bool get_bool(int column) const override {
    if (type(column) != SQLITE_INTEGER) bad_value(column, "0 or 1");
    const int64_t value = sqlite3_column_int64(statement_.get(), column);
    if (value != 0 && value != 1) bad_value(column, "0 or 1");
    return value == 1;
  }
  int64_t get_money(int column, int /*minor_digits*/) const override {
    if (type(column) != SQLITE_INTEGER) bad_value(column, "integer minor units");
    return sqlite3_column_int64(statement_.get(), column);
  }
  Uuid get_uuid(int column) const override {
    const auto id = type(column) == SQLITE_TEXT ? parse_uuid(get_text(column)) : std::nullopt;
    if (!id) bad_value(column, "a UUID");
    return *id;
  }
  int32_t get_day(int column) const override {
    const auto day = type(column) == SQLITE_TEXT ? parse_timestamp_day(get_text(column)) : std::nullopt;
    if (!day) bad_value(column, "a timestamp YYYY-MM-DD HH:MM:SS");
    return *day;
  }
  uint64_t row_index() const override { return rows_ - 1; }

 private:
  int type(int column) const { return sqlite3_column_type(statement_.get(), column); }
  [[noreturn]] void bad_value(int column, std::string_view expected) const {
    const std::string found = is_null(column) ? "NULL" : fmt::format("'{}'", get_text(column));
    throw InvalidInput(fmt::format("{}: {}.{} row {}: expected {}, found {}", url_, table_,
                                   columns_[static_cast<size_t>(column)], row_index(), expected, found));
  }

  sqlite3* handle_;
  Statement statement_;
  std::string table_;
  std::vector<std::string> columns_;
  const std::string& url_;
  uint64_t rows_ = 0;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(SqliteHandle handle, std::string display) : handle_(std::move(handle)), display_(std::move(display)) {
    sqlite3_busy_timeout(handle_.get(), 5000);
    // Only takes effect on a new, empty file (before journal_mode=WAL writes the header).
    exec(fmt::format("PRAGMA page_size={}", k_page_size), "opening the database");
    // journal_mode reads the file header first: a file that is not a database fails here.
    exec("PRAGMA journal_mode=WAL", "opening the database");
    exec(connection_pragmas(), "configuring the connection");
  }
  ~SqliteDatabase() override {
    if (in_transaction_) rollback();
  }

  Engine engine() const override { return Engine::Sqlite; }
  const std::string& display_url() const override { return display_; }

  void execute(std::string_view sql, std::string_view what) override { exec(std::string(sql), what); }

  void begin(Access access) override {
    FINCOACH_ASSERT(!in_transaction_);
    if (access == Access::BulkWrite) {
      // temp_store=FILE: SQLite's sorter uses worker threads only when it may spill to files.
      exec(fmt::format("PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-{}; "
                       "PRAGMA temp_store=FILE; PRAGMA threads={}",
                       k_bulk_cache_kib, sorter_worker_threads()),
           "preparing a bulk load");
      rollback_journal_ = use_rollback_journal();
    }
    access_ = access;
    in_transaction_ = true;
    exec(access == Access::Read ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE", "starting a transaction");
  }

  void commit() override {
    FINCOACH_ASSERT(in_transaction_);
    // The sorter cuts its input into runs the size of the page cache: a small cache gives
    // runs its worker threads sort while this thread reads on (measured on 1M rows: the two
    // rebuilds of the transactions table take 0.65 s instead of 0.95 s).
    if (!dropped_indexes_.empty())
      exec(fmt::format("PRAGMA cache_size=-{}", k_sorter_run_kib), "preparing the index rebuilds");
    for (const DroppedIndex& index : dropped_indexes_) {
      const auto start = std::chrono::steady_clock::now();
      exec(index.sql, fmt::format("rebuilding index {} of table {}", index.name, index.table));
      spdlog::debug("{}: rebuilt index {} in {:.3f} s", display_, index.name, seconds_since(start));
    }
    dropped_indexes_.clear();
    const auto start = std::chrono::steady_clock::now();
    exec("COMMIT", "committing");
    spdlog::debug("{}: COMMIT in {:.3f} s", display_, seconds_since(start));
    end_transaction();
  }

  void rollback() noexcept override {
    if (!in_transaction_) return;
    char* error = nullptr;
    if (sqlite3_exec(handle_.get(), "ROLLBACK", nullptr, nullptr, &error) != SQLITE_OK)
      spdlog::warn("{}: rollback: {}", display_, error != nullptr ? error : "unknown error");
    sqlite3_free(error);
    dropped_indexes_.clear();
    end_transaction_noexcept();
  }

  bool in_transaction() const override { return in_transaction_; }

  std::unique_ptr<RowWriter> insert_rows(std::string_view table, const std::vector<std::string>& columns) override {
    FINCOACH_ASSERT(in_transaction_ && access_ != Access::Read && !columns.empty());
    if (access_ == Access::BulkWrite && bulk_tables_.insert(std::string(table)).second && table_is_empty(table))
      defer_indexes(table);
    std::string sql = fmt::format("INSERT INTO {} ({}) VALUES (", table, fmt::join(columns, ", "));
    for (size_t i = 0; i < columns.size(); ++i) sql += i == 0 ? "?" : ", ?";
    sql += ")";
    Statement statement = prepare(sql, fmt::format("writing table {}", table));
    if (access_ == Access::BulkWrite)
      return std::make_unique<SqliteBulkWriter>(handle_.get(), std::move(statement), std::string(table),
                                                static_cast<int>(columns.size()), display_);
    return std::make_unique<SqliteWriter>(handle_.get(), std::move(statement), std::string(table),
                                          static_cast<int>(columns.size()), display_);
  }

  std::unique_ptr<RowReader> select(std::string_view table, const std::vector<std::string>& columns,
                                    std::string_view tail) override {
    const std::string sql = fmt::format("SELECT {} FROM {} {}", fmt::join(columns, ", "), table, tail);
    return std::make_unique<SqliteReader>(handle_.get(), prepare(sql, fmt::format("reading table {}", table)),
                                          std::string(table), columns, display_);
  }

  std::vector<std::string> table_names() override {
    std::vector<std::string> names;
    Statement s = prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", "listing tables");
    while (step_row(s.get(), "listing tables"))
      names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0)));
    return names;
  }

  bool table_is_empty(std::string_view table) override {
    const std::string what = fmt::format("reading table {}", table);
    Statement s = prepare(fmt::format("SELECT 1 FROM {} LIMIT 1", table), what);
    return !step_row(s.get(), what);
  }

 private:
  struct DroppedIndex {
    std::string table;
    std::string name;
    std::string sql;
  };

  void exec(const std::string& sql, std::string_view what) {
    const int rc = sqlite3_exec(handle_.get(), sql.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) fail(handle_.get(), rc, display_, what);
  }

  Statement prepare(const std::string& sql, std::string_view what) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v2(handle_.get(), sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr);
    Statement statement(raw);
    if (rc != SQLITE_OK) fail(handle_.get(), rc, display_, what);
    return statement;
  }

  bool step_row(sqlite3_stmt* statement, std::string_view what) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail(handle_.get(), rc, display_, what);
    return false;
  }

  // An empty table's indexes with SQL text (those behind PRIMARY KEY / UNIQUE constraints
  // have none) are dropped now and rebuilt by commit(): one threaded sort instead of a B-tree
  // descent per row (measured on 1M rows: 0.3 s per index rebuilt against 0.6 s maintained).
  void defer_indexes(std::string_view table) {
    const std::string what = fmt::format("listing the indexes of table {}", table);
    Statement s = prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL "
        "ORDER BY name",
        what);
    check_bind(sqlite3_bind_text(s.get(), 1, table.data(), static_cast<int>(table.size()), SQLITE_TRANSIENT));
    std::vector<DroppedIndex> found;
    while (step_row(s.get(), what))
      found.push_back({std::string(table), reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0)),
                       reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 1))});
    for (DroppedIndex& index : found) {
      exec(fmt::format("DROP INDEX {}", index.name), fmt::format("dropping index {} for the bulk load", index.name));
      dropped_indexes_.push_back(std::move(index));
    }
  }

  // A bulk load runs with a rollback journal instead of the WAL: pages appended beyond the
  // file's original end are not journaled (a rollback truncates them away), so the new rows
  // are written once instead of to the WAL and again by the checkpoint. Switching needs the
  // only connection to the file; when others hold it, the load stays in WAL mode.
  bool use_rollback_journal() {
    Statement s = prepare("PRAGMA journal_mode=DELETE", "preparing a bulk load");
    const int rc = sqlite3_step(s.get());
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) return false;  // another connection
    if (rc != SQLITE_ROW) fail(handle_.get(), rc, display_, "preparing a bulk load");
    return std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0))) == "delete";
  }

  void end_transaction() {
    in_transaction_ = false;
    bulk_tables_.clear();
    if (access_ == Access::BulkWrite) {
      // Back to WAL while synchronous is still OFF: with NORMAL, the switch would first sync
      // the whole freshly written file.
      if (rollback_journal_) exec("PRAGMA journal_mode=WAL", "ending a bulk load");
      rollback_journal_ = false;
      exec(connection_pragmas(), "ending a bulk load");
    }
  }

  void end_transaction_noexcept() noexcept {
    in_transaction_ = false;
    bulk_tables_.clear();
    if (access_ == Access::BulkWrite) {
      if (rollback_journal_ &&
          sqlite3_exec(handle_.get(), "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr) != SQLITE_OK)
        spdlog::warn("{}: cannot return to WAL mode after a failed bulk load: {}", display_,
                     sqlite3_errmsg(handle_.get()));
      rollback_journal_ = false;
      sqlite3_exec(handle_.get(), connection_pragmas().c_str(), nullptr, nullptr, nullptr);
    }
  }

  SqliteHandle handle_;
  std::string display_;
  Access access_ = Access::Read;
  bool in_transaction_ = false;
  bool rollback_journal_ = false;
  std::set<std::string> bulk_tables_;
  std::vector<DroppedIndex> dropped_indexes_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const DatabaseUrl& url, OpenMode mode) {
  const bool in_memory = url.target == ":memory:";
  if (mode == OpenMode::MustExist && !in_memory && !std::filesystem::exists(url.target))
    throw InvalidInput(fmt::format("database file '{}' does not exist (create it with: fincoach db init {})",
                                   url.target, url.display));
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == OpenMode::CreateIfMissing ? SQLITE_OPEN_CREATE : 0);
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(url.target.c_str(), &raw, flags, nullptr);
  SqliteHandle handle(raw);
  if (rc != SQLITE_OK)
    throw IoError(fmt::format("cannot open SQLite database {}: {}", url.display,
                              raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_extended_result_codes(handle.get(), 1);
  return std::make_unique<SqliteDatabase>(std::move(handle), url.display);
}

}  // namespace fincoach::db
