// The PostgreSQL engine over libpqxx 6.4. Bulk writes use COPY FROM STDIN and reads use COPY
// (query) TO STDOUT, both in text format and with our own (un)escaping: rows are buffered and
// sent in large chunks. libpqxx 6.4's stream_from is unreliable (see DEPENDENCIES.md), so
// the raw-line tablereader/tablewriter are used; they are deprecated in favour of the stream
// classes but are the only public access to raw COPY lines in this version.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <pqxx/pqxx>
#include <pqxx/tablereader>
#include <pqxx/tablewriter>
#include <set>

#include "db/copy_text.hpp"
#include "db/decimal_text.hpp"
#include "db/engines.hpp"
#include "db/timestamp_text.hpp"
#include "fincoach/common/error.hpp"

// The raw-line COPY classes are deprecated in 6.4 (see the file comment).
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace fincoach::db {
namespace {

// COPY data is handed to libpq in chunks of about this size.
constexpr size_t k_copy_chunk_bytes = size_t{1} << 18;

std::string one_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at)) text.replace(at, 1, "; ");
  std::erase(text, '\t');
  return text;
}

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

class PostgresWriter final : public RowWriter {
 public:
  PostgresWriter(pqxx::dbtransaction& transaction, std::string table, const std::vector<std::string>& columns,
                 const std::string& url)
      : table_(std::move(table)), columns_(static_cast<int>(columns.size())), url_(url) {
    translate_errors(url_, what(), [&] {
      writer_ = std::make_unique<pqxx::tablewriter>(transaction, table_, columns.begin(), columns.end());
    });
    buffer_.reserve(k_copy_chunk_bytes + 4096);
  }

  void add_null() override {
    separate();
    buffer_ += "\\N";
  }
  void add_integer(int64_t value) override {
    separate();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    buffer_.append(digits, result.ptr);
  }
  void add_float(float value) override {
    separate();
    char digits[32];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    buffer_.append(digits, result.ptr);
  }
  void add_text(std::string_view value) override {
    separate();
    append_copy_escaped(buffer_, value);
  }
  void add_bool(bool value) override {
    separate();
    buffer_ += value ? 't' : 'f';
  }
  void add_money(int64_t minor, int minor_digits) override {
    separate();
    char text[k_decimal_text_max];
    buffer_.append(text, format_decimal(minor, minor_digits, text));
  }
  void add_uuid(const Uuid& value) override {
    separate();
    char text[k_uuid_text_size];
    format_uuid(value, text);
    buffer_.append(text, k_uuid_text_size);
  }
  void add_timestamp(int32_t day, int32_t second) override {
    separate();
    char text[k_timestamp_text_size];
    format_timestamp(day, second, text);
    buffer_.append(text, k_timestamp_text_size);
  }
  void end_row() override {
    FINCOACH_ASSERT(column_ == columns_);
    buffer_ += '\n';
    column_ = 0;
    if (buffer_.size() >= k_copy_chunk_bytes) flush();
  }
  void finish() override {
    FINCOACH_ASSERT(column_ == 0);
    flush();
    translate_errors(url_, what(), [&] { writer_->complete(); });
  }

 private:
  std::string what() const { return fmt::format("writing table {} (COPY)", table_); }
  void separate() {
    FINCOACH_ASSERT(column_ < columns_);
    if (column_++ != 0) buffer_ += '\t';
  }
  // write_raw_line drops one trailing newline and adds it back, so a chunk of whole lines
  // goes through unchanged.
  void flush() {
    if (buffer_.empty()) return;
    translate_errors(url_, what(), [&] { writer_->write_raw_line(buffer_); });
    buffer_.clear();
  }

  std::unique_ptr<pqxx::tablewriter> writer_;
  std::string table_;
  int columns_;
  int column_ = 0;
  const std::string& url_;
  std::string buffer_;
};

class PostgresReader final : public RowReader {
 public:
  PostgresReader(pqxx::dbtransaction& transaction, std::string table, std::vector<std::string> columns,
                 std::string_view tail, const std::string& url)
      : table_(std::move(table)), columns_(std::move(columns)), url_(url) {
    // tablereader issues "COPY <name> TO STDOUT"; a parenthesised query is a valid name there.
    const std::string query = fmt::format("(SELECT {} FROM {} {})", fmt::join(columns_, ", "), table_, tail);
    translate_errors(url_, what(), [&] { reader_ = std::make_unique<pqxx::tablereader>(transaction, query); });
  }

  bool next() override {
    const bool more = translate_errors(url_, what(), [&] { return reader_->get_raw_line(line_); });
    if (!more) return false;
    if (!line_.empty() && line_.back() == '\n') line_.pop_back();
    ++rows_;
    if (split_copy_line(line_, fields_) != columns_.size())
      throw Internal(fmt::format("{}: {}: a COPY line has {} fields, expected {}", url_, what(), fields_.fields.size(),
                                 columns_.size()));
    return true;
  }
  bool is_null(int column) const override { return fields_.nulls[static_cast<size_t>(column)] != 0; }
  int64_t get_integer(int column) const override {
    int64_t value = 0;
    if (!parse_number(column, value)) bad_value(column, "an integer");
    return value;
  }
  float get_float(int column) const override {
    float value = 0;
    if (!parse_number(column, value)) bad_value(column, "a number");
    return value;
  }
  std::string_view get_text(int column) const override { return field(column); }
  bool get_bool(int column) const override {
    const std::string_view text = field(column);
    if (is_null(column) || (text != "t" && text != "f")) bad_value(column, "a boolean");
    return text == "t";
  }
  int64_t get_money(int column, int minor_digits) const override {
    const auto value = is_null(column) ? std::nullopt : parse_decimal(field(column), minor_digits);
    if (!value) bad_value(column, fmt::format("a decimal with at most {} digits after the point", minor_digits));
    return *value;
  }
  Uuid get_uuid(int column) const override {
    const auto id = is_null(column) ? std::nullopt : parse_uuid(field(column));
    if (!id) bad_value(column, "a UUID");
    return *id;
  }
  int32_t get_day(int column) const override {
    const auto day = is_null(column) ? std::nullopt : parse_timestamp_day(field(column));
    if (!day) bad_value(column, "a timestamp YYYY-MM-DD HH:MM:SS");
    return *day;
  }
  uint64_t row_index() const override { return rows_ - 1; }

 private:
  std::string what() const { return fmt::format("reading table {} (COPY)", table_); }
  std::string_view field(int column) const { return fields_.fields[static_cast<size_t>(column)]; }
  template <typename T>
  bool parse_number(int column, T& value) const {
    if (is_null(column)) return false;
    const std::string_view text = field(column);
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
  }
  [[noreturn]] void bad_value(int column, std::string_view expected) const {
    const std::string found = is_null(column) ? "NULL" : fmt::format("'{}'", field(column));
    throw InvalidInput(fmt::format("{}: {}.{} row {}: expected {}, found {}", url_, table_,
                                   columns_[static_cast<size_t>(column)], row_index(), expected, found));
  }

  std::unique_ptr<pqxx::tablereader> reader_;
  std::string table_;
  std::vector<std::string> columns_;
  const std::string& url_;
  std::string line_;
  CopyLine fields_;
  uint64_t rows_ = 0;
};

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(const DatabaseUrl& url) : display_(url.display) {
    connection_ =
        translate_errors(display_, "connecting", [&] { return std::make_unique<pqxx::connection>(url.target); });
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
    // Indexes first: validating a foreign key can use them.
    for (const Deferred& index : dropped_indexes_)
      execute(index.definition, fmt::format("rebuilding index {} of table {}", index.name, index.table));
    for (const Deferred& key : dropped_foreign_keys_)
      execute(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", key.table, key.name, key.definition),
              fmt::format("re-validating foreign key {} of table {}", key.name, key.table));
    translate_errors(display_, "committing", [&] { transaction_->commit(); });
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

  std::unique_ptr<RowWriter> insert_rows(std::string_view table, const std::vector<std::string>& columns,
                                         std::string_view /*grouped_by*/) override {
    FINCOACH_ASSERT(transaction_ && access_ != Access::Read && !columns.empty());
    if (access_ == Access::BulkWrite && bulk_tables_.insert(std::string(table)).second && table_is_empty(table))
      defer_indexes_and_keys(std::string(table));
    return std::make_unique<PostgresWriter>(*transaction_, std::string(table), columns, display_);
  }

  std::unique_ptr<RowReader> select(std::string_view table, const std::vector<std::string>& columns,
                                    std::string_view tail) override {
    FINCOACH_ASSERT(transaction_);
    return std::make_unique<PostgresReader>(*transaction_, std::string(table), columns, tail, display_);
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
  struct Deferred {
    std::string table;
    std::string name;
    std::string definition;
  };

  pqxx::result query(const std::string& sql, std::string_view what) {
    return translate_errors(display_, what, [&] {
      if (transaction_) return transaction_->exec(sql);
      pqxx::nontransaction autocommit(*connection_);
      return autocommit.exec(sql);
    });
  }

  // An empty table's foreign keys and its indexes that back no constraint are dropped now
  // and recreated by commit(): one sort and one anti-join instead of per-row work.
  void defer_indexes_and_keys(const std::string& table) {
    const std::string quoted = connection_->quote(table);
    const pqxx::result keys = query(fmt::format("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                                                "WHERE conrelid = to_regclass({}) AND contype = 'f' ORDER BY conname",
                                                quoted),
                                    fmt::format("listing the foreign keys of table {}", table));
    for (const auto& row : keys) {
      Deferred key{table, row[0].c_str(), row[1].c_str()};
      execute(fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", table, key.name),
              fmt::format("dropping foreign key {} for the bulk load", key.name));
      dropped_foreign_keys_.push_back(std::move(key));
    }
    const pqxx::result indexes = query(
        fmt::format("SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                    "WHERE x.indrelid = to_regclass({}) AND NOT EXISTS "
                    "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname",
                    quoted),
        fmt::format("listing the indexes of table {}", table));
    for (const auto& row : indexes) {
      Deferred index{table, row[0].c_str(), row[1].c_str()};
      execute(fmt::format("DROP INDEX {}", index.name), fmt::format("dropping index {} for the bulk load", index.name));
      dropped_indexes_.push_back(std::move(index));
    }
  }

  void reset() noexcept {
    transaction_.reset();
    bulk_tables_.clear();
    dropped_indexes_.clear();
    dropped_foreign_keys_.clear();
  }

  std::string display_;
  std::unique_ptr<pqxx::connection> connection_;
  std::unique_ptr<pqxx::dbtransaction> transaction_;
  Access access_ = Access::Read;
  std::set<std::string> bulk_tables_;
  std::vector<Deferred> dropped_indexes_;
  std::vector<Deferred> dropped_foreign_keys_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const DatabaseUrl& url) {
  return std::make_unique<PostgresDatabase>(url);
}

}  // namespace fincoach::db
