#pragma once
// One interface over the two engines that speak the FinCoach schema: SQLite (the embedded
// default, a file) and PostgreSQL (libpqxx). Load and export are written once against it;
// each engine brings its fast bulk path (SQLite: prepared statements in one transaction, fed
// by a formatting thread; PostgreSQL: binary COPY). See docs/database.md.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fincoach/db/uuid.hpp"

namespace fincoach::db {

enum class Engine : uint8_t { Sqlite, Postgres };
/// "sqlite", "postgresql".
std::string_view to_string(Engine engine);

/// Where a database lives. Accepted forms: a file path, `sqlite:PATH` (also SQLAlchemy's
/// `sqlite:///relative` and `sqlite:////absolute`), `postgresql://user:pass@host:port/db`
/// (or `postgres://`, with libpq's `?key=value` parameters).
struct DatabaseUrl {
  Engine engine = Engine::Sqlite;
  /// SQLite: the file path; PostgreSQL: the URL as libpq takes it.
  std::string target;
  /// The URL for messages and logs, with any password replaced by "***".
  std::string display;
};

/// Throws InvalidInput naming the URL when it is empty, has an unknown scheme, or is a
/// malformed PostgreSQL URL.
DatabaseUrl parse_database_url(std::string_view url);

enum class OpenMode : uint8_t {
  /// Create an empty SQLite file when there is none (init, load).
  CreateIfMissing,
  /// The SQLite file must exist (export): a typo never leaves an empty file behind.
  MustExist,
};

enum class Access : uint8_t {
  /// A consistent read-only snapshot (SQLite: deferred transaction in WAL mode;
  /// PostgreSQL: REPEATABLE READ READ ONLY).
  Read,
  /// An ordinary read-write transaction.
  Write,
  /// A write transaction tuned for bulk loading. SQLite: synchronous=OFF, foreign-key
  /// enforcement off, a larger page cache and a rollback journal instead of the WAL (when no
  /// other connection holds the file) for its duration; rows are inserted by a second thread
  /// (errors surface at a later end_row() or at finish()). PostgreSQL: no wait for the
  /// WAL flush at commit, more memory for index builds. Both: indexes (and, in PostgreSQL,
  /// foreign keys) of an empty table may be dropped before its rows are written and rebuilt
  /// (re-validated) at commit, inside the same transaction (see insert_rows).
  BulkWrite,
};

/// Streams rows into one table inside the current transaction. Values are given column by
/// column in the order the writer was opened with, then end_row().
class RowWriter {
 public:
  virtual ~RowWriter() = default;
  virtual void add_null() = 0;
  virtual void add_integer(int64_t value) = 0;
  virtual void add_float(float value) = 0;
  virtual void add_text(std::string_view value) = 0;
  virtual void add_bool(bool value) = 0;
  /// Money in minor units with `minor_digits` decimals: SQLite stores the integer,
  /// PostgreSQL the decimal (NUMERIC).
  virtual void add_money(int64_t minor, int minor_digits) = 0;
  virtual void add_uuid(const Uuid& value) = 0;
  /// A timestamp `day` (days since 1970-01-01) + `second` of that day.
  virtual void add_timestamp(int32_t day, int32_t second) = 0;
  virtual void end_row() = 0;
  /// Sends what is buffered; errors such as constraint violations surface here at the latest.
  virtual void finish() = 0;
};

/// Reads the rows of one query. Accessors are valid until the next call to next(). A value
/// that does not parse, or a NULL where one is not allowed, throws InvalidInput naming
/// table.column and the row.
class RowReader {
 public:
  virtual ~RowReader() = default;
  virtual bool next() = 0;
  virtual bool is_null(int column) const = 0;
  virtual int64_t get_integer(int column) const = 0;
  virtual float get_float(int column) const = 0;
  /// "" for NULL.
  virtual std::string_view get_text(int column) const = 0;
  virtual bool get_bool(int column) const = 0;
  virtual int64_t get_money(int column, int minor_digits) const = 0;
  virtual Uuid get_uuid(int column) const = 0;
  /// The day of a timestamp column (days since 1970-01-01).
  virtual int32_t get_day(int column) const = 0;
  /// 0-based index of the current row.
  virtual uint64_t row_index() const = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  virtual Engine engine() const = 0;
  /// The URL with the password hidden, for messages.
  virtual const std::string& display_url() const = 0;

  /// Runs SQL that returns no rows (may hold several statements). Errors throw
  /// InvalidInput (constraint violations, bad SQL) or IoError (connection), naming `what`.
  virtual void execute(std::string_view sql, std::string_view what) = 0;

  virtual void begin(Access access) = 0;
  virtual void commit() = 0;
  /// Never throws: a rollback that fails is logged (the engine discards the transaction).
  virtual void rollback() noexcept = 0;
  virtual bool in_transaction() const = 0;

  /// Bulk insert into `table`; the columns are given by name. In a BulkWrite into an empty
  /// table, the indexes that back no constraint are dropped and rebuilt at commit: one sort
  /// instead of per-row index work. PostgreSQL also defers the table's keys and the foreign
  /// keys of and to it, and writes the rows frozen (docs/database.md, "Speed").
  virtual std::unique_ptr<RowWriter> insert_rows(std::string_view table, const std::vector<std::string>& columns) = 0;
  /// `SELECT columns FROM table [tail]`, where `tail` is e.g. "ORDER BY id" or "".
  virtual std::unique_ptr<RowReader> select(std::string_view table, const std::vector<std::string>& columns,
                                            std::string_view tail) = 0;

  /// Tables of the current schema (PostgreSQL: the first schema of search_path).
  virtual std::vector<std::string> table_names() = 0;
  virtual bool table_is_empty(std::string_view table) = 0;
};

/// Opens (connects to) the database at `url`. Throws InvalidInput for a bad URL or a missing
/// SQLite file under MustExist, IoError when the engine cannot open or connect.
std::unique_ptr<Database> open_database(std::string_view url, OpenMode mode = OpenMode::CreateIfMissing);

/// Rolls back on scope exit unless commit() was called: a failed load leaves the database
/// as it was.
class TransactionGuard {
 public:
  TransactionGuard(Database& database, Access access) : database_(database) { database_.begin(access); }
  ~TransactionGuard() {
    if (!committed_) database_.rollback();
  }
  TransactionGuard(const TransactionGuard&) = delete;
  TransactionGuard& operator=(const TransactionGuard&) = delete;
  void commit() {
    database_.commit();
    committed_ = true;
  }

 private:
  Database& database_;
  bool committed_ = false;
};

}  // namespace fincoach::db
