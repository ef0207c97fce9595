// The PostgreSQL engine over libpqxx 6.4 for connections, transactions and queries; COPY goes
// through raw libpq on the same connection (db/postgres_copy.hpp): binary COPY FROM STDIN for
// bulk writes and binary COPY (query) TO STDOUT for reads, each with a text fallback for
// column types it cannot encode. libpqxx 6.4 has no binary COPY (its tablewriter appends a
// newline to every chunk) and its stream_from is unreliable (see DEPENDENCIES.md).

#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <pqxx/pqxx>
#include <set>

#include "db/engines.hpp"
#include "db/postgres_copy.hpp"
#include "fincoach/common/error.hpp"

// inhibit_reactivation is deprecated in 6.4 (reactivation goes away in 7), but is what keeps
// the raw handle valid here.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace fincoach::db {
namespace {

// Runs `fn`, turning libpqxx's exceptions into ours: SQL errors (constraint violations,
// missing tables, bad SQL) are the input's fault, connection trouble is an IoError.
template <typename Fn>
auto translate_errors(std::string_view url, std::string_view what, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const pqxx::sql_error& e) {
    const std::string message = fmt::format("{}: {}: {}", url, what, one_line(e.what()));
    const std::string& state = e.sqlstate();
    if (state.starts_with("08") || state.starts_with("53") || state.starts_with("57") || state.starts_with("58"))
      throw IoError(message);
    throw InvalidInput(message);
  } catch (const pqxx::broken_connection& e) {
    throw IoError(fmt::format("{}: {}: {}", url, what, one_line(e.what())));
  } catch (const pqxx::failure& e) {
    throw IoError(fmt::format("{}: {}: {}", url, what, one_line(e.what())));
  } catch (const pqxx::usage_error& e) {
    throw Internal(fmt::format("{}: {}: {}", url, what, one_line(e.what())));
  }
}

// A libpqxx connection that also hands out its libpq handle, for COPY through raw libpq
// (libpqxx 6.4 has no public accessor; a connection policy sees the handle it creates).
class HandleCapturingPolicy final : public pqxx::connect_direct {
 public:
  explicit HandleCapturingPolicy(const std::string& options) : pqxx::connect_direct(options) {}
  handle do_startconnect(handle original) override { return handle_ = pqxx::connect_direct::do_startconnect(original); }
  handle do_completeconnect(handle original) override {
    return handle_ = pqxx::connect_direct::do_completeconnect(original);
  }
  handle do_dropconnect(handle original) noexcept override {
    handle_ = nullptr;
    return pqxx::connect_direct::do_dropconnect(original);
  }
  handle do_disconnect(handle original) noexcept override {
    handle_ = nullptr;
    return pqxx::connect_direct::do_disconnect(original);
  }
  PGconn* raw() const { return handle_; }

 private:
  handle handle_ = nullptr;
};

class RawHandleConnection final : public pqxx::connection_base {
 public:
  // connection_base only keeps the policy's address until init() (as basic_connection does).
  explicit RawHandleConnection(const std::string& options) : pqxx::connection_base(policy_), policy_(options) {
    init();
    // A silent reconnect would leave raw() pointing at a closed handle.
    inhibit_reactivation(true);
  }
  ~RawHandleConnection() noexcept { close(); }
  RawHandleConnection(const RawHandleConnection&) = delete;
  RawHandleConnection& operator=(const RawHandleConnection&) = delete;

  PGconn* raw() const { return policy_.raw(); }

 private:
  HandleCapturingPolicy policy_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(const DatabaseUrl& url) : display_(url.display) {
    connection_ =
        translate_errors(display_, "connecting", [&] { return std::make_unique<RawHandleConnection>(url.target); });
    // Text formats the readers rely on: ISO dates, shortest exact floats, UTF-8. Scans run in
    // one process from the table's first block (no parallel workers interleaving their rows,
    // no synchronized scan starting mid-table). No JIT: bulk COPY queries gain nothing from it
    // and pay its compile time.
    execute(
        "SET client_min_messages = warning; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1; "
        "SET client_encoding = 'UTF8'; SET synchronize_seqscans = off; SET max_parallel_workers_per_gather = 0; "
        "SET jit = off",
        "configuring the session");
  }
  ~PostgresDatabase() override { rollback(); }

  Engine engine() const override { return Engine::Postgres; }
  const std::string& display_url() const override { return display_; }

  void execute(std::string_view sql, std::string_view what) override {
    translate_errors(display_, what, [&] {
      if (transaction_) {
        transaction_->exec(std::string(sql));
      } else {
        pqxx::nontransaction autocommit(*connection_);
        autocommit.exec(std::string(sql));
      }
    });
  }

  void begin(Access access) override {
    FINCOACH_ASSERT(!transaction_);
    translate_errors(display_, "starting a transaction", [&] {
      if (access == Access::Read)
        transaction_ = std::make_unique<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(*connection_);
      else
        transaction_ = std::make_unique<pqxx::work>(*connection_);
    });
    access_ = access;
    // A bulk load's commit need not wait for the WAL flush (a crash loses the load, never
    // corrupts), and its index builds sort in memory.
    if (access == Access::BulkWrite)
      execute("SET LOCAL synchronous_commit = off; SET LOCAL maintenance_work_mem = '512MB'", "preparing a bulk load");
  }

  void commit() override {
    FINCOACH_ASSERT(transaction_);
    // Keys and indexes first: a foreign key needs its referenced key, and its validation can
    // use the indexes.
    restore(dropped_unique_keys_, "key");
    restore(dropped_indexes_, "index");
    restore(dropped_foreign_keys_, "foreign key");
    const auto start = std::chrono::steady_clock::now();
    translate_errors(display_, "committing", [&] { transaction_->commit(); });
    spdlog::debug("{}: COMMIT in {:.3f} s", display_, seconds_since(start));
    reset();
  }

  void rollback() noexcept override {
    if (!transaction_) return;
    try {
      transaction_->abort();
    } catch (const std::exception& e) {
      spdlog::warn("{}: rollback: {}", display_, e.what());
    }
    reset();
  }

  bool in_transaction() const override { return transaction_ != nullptr; }

  std::unique_ptr<RowWriter> insert_rows(std::string_view table, const std::vector<std::string>& columns) override {
    FINCOACH_ASSERT(transaction_ && access_ != Access::Read && !columns.empty());
    const std::string name(table);
    if (access_ == Access::BulkWrite && bulk_tables_.insert(name).second && table_is_empty(name))
      take_over_empty_table(name);
    return make_copy_writer(raw_handle(), name, columns, column_types(table, columns), truncated_tables_.contains(name),
                            display_);
  }

  std::unique_ptr<RowReader> select(std::string_view table, const std::vector<std::string>& columns,
                                    std::string_view tail) override {
    FINCOACH_ASSERT(transaction_);
    return make_copy_reader(raw_handle(), std::string(table), columns, tail, display_);
  }

  std::vector<std::string> table_names() override {
    const pqxx::result rows = query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE' ORDER BY table_name",
        "listing tables");
    std::vector<std::string> names;
    for (const auto& row : rows) names.push_back(row[0].c_str());
    return names;
  }

  bool table_is_empty(std::string_view table) override {
    return query(fmt::format("SELECT 1 FROM {} LIMIT 1", table), fmt::format("reading table {}", table)).empty();
  }

 private:
  // A key, index or foreign key dropped for a bulk load, and the SQL that creates it again.
  struct Deferred {
    std::string table;
    std::string name;
    std::string restore_sql;
  };

  void restore(const std::vector<Deferred>& dropped, std::string_view kind) {
    for (const Deferred& object : dropped) {
      const auto start = std::chrono::steady_clock::now();
      execute(object.restore_sql, fmt::format("restoring {} {} of table {}", kind, object.name, object.table));
      spdlog::debug("{}: restored {} {} in {:.3f} s", display_, kind, object.name, seconds_since(start));
    }
  }

  pqxx::result query(const std::string& sql, std::string_view what) {
    return translate_errors(display_, what, [&] {
      if (transaction_) return transaction_->exec(sql);
      pqxx::nontransaction autocommit(*connection_);
      return autocommit.exec(sql);
    });
  }

  PGconn* raw_handle() const {
    PGconn* handle = connection_->raw();
    if (handle == nullptr) throw IoError(fmt::format("{}: the connection is closed", display_));
    return handle;
  }

  // The type of each of `columns` of `table`, for binary COPY.
  std::vector<PgType> column_types(std::string_view table, const std::vector<std::string>& columns) {
    const pqxx::result rows = query(fmt::format("SELECT attname, atttypid FROM pg_attribute WHERE attrelid = "
                                                "to_regclass({}) AND attnum > 0 AND NOT attisdropped",
                                                connection_->quote(std::string(table))),
                                    fmt::format("listing the columns of table {}", table));
    std::vector<PgType> types(columns.size(), PgType::Other);
    for (const auto& row : rows)
      for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == row[0].c_str()) types[i] = pg_type_of_oid(row[1].as<uint32_t>());
    return types;
  }

  // An empty table of a bulk load is taken over until commit: locked, its keys, foreign keys
  // and indexes dropped (commit() rebuilds each with one sort or one anti-join instead of
  // per-row work; measured on 1.9M rows, COPY and a primary-key rebuild take 3.7 s where COPY
  // maintaining the key takes 4.4 s), and truncated, so that COPY may write the rows frozen:
  // the first read then sets no hint bits (in psql, reading the 1.9M rows took 1.5 s instead
  // of 2.4 s; fincoach's export, bound by its own parsing, gains little).
  // As with any COPY FREEZE, sessions whose snapshots are older than the commit see the rows.
  void take_over_empty_table(const std::string& table) {
    execute(fmt::format("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE", table), fmt::format("locking table {}", table));
    if (!table_is_empty(table)) return;  // rows committed between the first look and the lock
    const std::string oid = fmt::format("to_regclass({})", connection_->quote(table));
    // Foreign keys of the table and those referencing it (which would block dropping its keys).
    drop_constraints(fmt::format("contype = 'f' AND (conrelid = {0} OR confrelid = {0})", oid), "foreign key",
                     dropped_foreign_keys_);
    drop_constraints(fmt::format("contype IN ('p', 'u') AND conrelid = {}", oid), "key", dropped_unique_keys_);
    const pqxx::result indexes = query(
        fmt::format("SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                    "WHERE x.indrelid = {} AND NOT EXISTS "
                    "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname",
                    oid),
        fmt::format("listing the indexes of table {}", table));
    for (const auto& row : indexes) {
      Deferred index{table, row[0].c_str(), row[1].c_str()};
      execute(fmt::format("DROP INDEX {}", index.name), fmt::format("dropping index {} for the bulk load", index.name));
      dropped_indexes_.push_back(std::move(index));
    }
    execute(fmt::format("TRUNCATE {}", table), fmt::format("truncating the empty table {} for the bulk load", table));
    truncated_tables_.insert(table);
  }

  // Drops the constraints `where` selects from pg_constraint, remembering each for commit().
  // A primary key comes back first, as it was created: a duplicate row then still fails on
  // it rather than on another unique key.
  void drop_constraints(const std::string& where, std::string_view kind, std::vector<Deferred>& dropped) {
    const pqxx::result rows = query(fmt::format("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                                                "FROM pg_constraint WHERE {} ORDER BY 1, contype <> 'p', 2",
                                                where),
                                    fmt::format("listing the {}s to defer", kind));
    for (const auto& row : rows) {
      Deferred constraint{
          row[0].c_str(), row[1].c_str(),
          fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", row[0].c_str(), row[1].c_str(), row[2].c_str())};
      execute(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", constraint.table, constraint.name),
              fmt::format("dropping {} {} for the bulk load", kind, constraint.name));
      dropped.push_back(std::move(constraint));
    }
  }

  void reset() noexcept {
    transaction_.reset();
    bulk_tables_.clear();
    truncated_tables_.clear();
    dropped_unique_keys_.clear();
    dropped_indexes_.clear();
    dropped_foreign_keys_.clear();
  }

  std::string display_;
  std::unique_ptr<RawHandleConnection> connection_;
  std::unique_ptr<pqxx::dbtransaction> transaction_;
  Access access_ = Access::Read;
  std::set<std::string> bulk_tables_;
  std::set<std::string> truncated_tables_;
  std::vector<Deferred> dropped_unique_keys_;
  std::vector<Deferred> dropped_indexes_;
  std::vector<Deferred> dropped_foreign_keys_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const DatabaseUrl& url) {
  return std::make_unique<PostgresDatabase>(url);
}

}  // namespace fincoach::db
