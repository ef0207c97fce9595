// export_transaction_data: the transactions table into a canonical Ledger.
//
// LedgerBuilder keeps the order of a user's rows within a day, so each user's rows must be
// appended in user_seq order; rows of different users may interleave. The table is read in
// storage order (a plain scan, no sort or index walk in the database) and every row's user
// and user_seq are noted. Loaded rows are stored almost in that order, but not exactly (in
// PostgreSQL the free-space map lets COPY fill an earlier page; another writer may append
// rows anywhere); when some user's user_seq goes back, the appended rows are reordered by
// (user, user_seq) before the ledger is finished.
//
// Reading (the database, parsing numbers) and appending (interning seven texts per row into
// the ledger's dictionaries) run on two threads.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>

#include "db/batch_pipeline.hpp"
#include "db/export_support.hpp"
#include "db/table_layout.hpp"
#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/ledger.hpp"
#include "fincoach/common/progress.hpp"
#include "fincoach/db/exporter.hpp"

namespace fincoach::db {
namespace {

// Column positions in the SELECT below.
enum Column : int {
  k_user_id,
  k_type,
  k_amount,
  k_category,
  k_description,
  k_merchant,
  k_city,
  k_country,
  k_balance,
  k_balance_known,
  k_date,
  k_second,
  k_raw_category,
  k_raw_type,
  k_source_file,
  k_source_line,
  k_user_seq,
};
const std::vector<std::string> k_select_columns = {
    "user_id",       "transaction_type", "amount",        "category",      "description",      "merchant_name",
    "location_city", "location_country", "balance_after", "balance_known", "transaction_date", "second_of_day",
    "raw_category",  "raw_type_code",    "source_file",   "source_line",   "user_seq"};

[[noreturn]] void bad_value(const Database& database, const RowReader& reader, std::string_view column,
                            std::string_view value, std::string_view expected) {
  throw InvalidInput(fmt::format("{}: transactions.{} row {}: '{}' is not {}", database.display_url(), column,
                                 reader.row_index(), value, expected));
}

// The 11 app-category names compared directly: far cheaper than the general parser per row.
AppCategory parse_category(const Database& database, const RowReader& reader) {
  const std::string_view text = reader.get_text(k_category);
  for (AppCategory category : all_app_categories())
    if (to_string(category) == text) return category;
  const auto parsed = app_category_from_string(text);
  if (!parsed) bad_value(database, reader, "category", text, "a FinCoach category");
  return *parsed;
}

// Resolves users.id → ledger user index. Rows come grouped by user, so the id's text is
// compared with the previous row's and parsed only when it changes.
class UserResolver {
 public:
  explicit UserResolver(const UserDirectory& directory) : directory_(directory) {}
  uint32_t resolve(const RowReader& reader) {
    if (!has_last_ || reader.get_text(k_user_id) != last_text_) {
      last_index_ = directory_.index_of(reader.get_uuid(k_user_id), "transactions.user_id");
      last_text_.assign(reader.get_text(k_user_id));
      has_last_ = true;
    }
    return last_index_;
  }

 private:
  const UserDirectory& directory_;
  std::string last_text_;
  uint32_t last_index_ = 0;
  bool has_last_ = false;
};

// Source-file ids, remembering the last path (rows of one file come together).
class SourceFiles {
 public:
  explicit SourceFiles(LedgerBuilder& builder) : builder_(builder) {}
  uint32_t id_of(std::string_view path) {
    if (path.empty()) return 0;
    if (path != last_path_) {
      last_id_ = builder_.add_source_file(path);
      last_path_.assign(path);
    }
    return last_id_;
  }

 private:
  LedgerBuilder& builder_;
  std::string last_path_;
  uint32_t last_id_ = 0;
};

LedgerRow read_row(const Database& database, const RowReader& reader, int minor_digits) {
  LedgerRow row;
  const int64_t magnitude = reader.get_money(k_amount, minor_digits);
  const std::string_view type = reader.get_text(k_type);
  if (type == "credit")
    row.amount = magnitude;
  else if (type == "debit")
    row.amount = -magnitude;
  else
    bad_value(database, reader, "transaction_type", type, "'credit' or 'debit'");
  row.day = reader.get_day(k_date);
  row.second = reader.is_null(k_second) ? k_unknown_second : static_cast<int32_t>(reader.get_integer(k_second));
  const bool balance_known = reader.is_null(k_balance_known) || reader.get_bool(k_balance_known);
  row.balance = balance_known ? reader.get_money(k_balance, minor_digits) : k_no_balance;
  row.category = parse_category(database, reader);
  row.source_line = reader.is_null(k_source_line) ? 0 : static_cast<uint32_t>(reader.get_integer(k_source_line));
  return row;
}

// Rows read but not yet appended: the reading thread parses the numbers and copies the texts
// here; the appending thread interns the texts into the builder.
struct RowBatch {
  static constexpr size_t k_rows = 4096;
  // A batch of long texts goes early (and its offsets stay far from 32 bits).
  static constexpr size_t k_text_bytes = size_t{64} << 20;
  // The text columns of a row, in the order they are stored in `text`.
  static constexpr std::array<int, 7> k_text_columns = {k_raw_category, k_raw_type, k_description, k_merchant,
                                                        k_city,         k_country,  k_source_file};
  std::vector<LedgerRow> rows;     ///< text views are empty until the append thread sets them
  std::vector<uint32_t> users;     ///< ledger user index of each row
  std::vector<uint32_t> text_end;  ///< end offset in `text` of each row's 7 texts
  std::string text;

  void clear() {
    rows.clear();
    users.clear();
    text_end.clear();
    text.clear();
  }
  void add(const RowReader& reader, const LedgerRow& row, uint32_t user) {
    rows.push_back(row);
    users.push_back(user);
    for (int column : k_text_columns) {
      text.append(reader.get_text(column));
      text_end.push_back(static_cast<uint32_t>(text.size()));
    }
  }
  bool full() const { return rows.size() >= k_rows || text.size() >= k_text_bytes; }
};

// Appends a batch to the builder: the texts' views are set from the batch's text store.
class BatchAppender {
 public:
  BatchAppender(LedgerBuilder& builder, const UserDirectory& directory)
      : builder_(builder), directory_(directory), files_(builder) {}
  void operator()(RowBatch& batch) {
    const char* text = batch.text.data();
    uint32_t at = 0;
    const auto next_text = [&](size_t i) {
      const std::string_view view(text + at, batch.text_end[i] - at);
      at = batch.text_end[i];
      return view;
    };
    for (size_t r = 0; r < batch.rows.size(); ++r) {
      LedgerRow& row = batch.rows[r];
      const size_t first = r * RowBatch::k_text_columns.size();
      row.user = directory_.external_ids[batch.users[r]];
      row.raw_category = next_text(first);
      row.type_code = next_text(first + 1);
      row.description = next_text(first + 2);
      row.merchant = next_text(first + 3);
      row.city = next_text(first + 4);
      row.country = next_text(first + 5);
      row.source_file = files_.id_of(next_text(first + 6));
      builder_.append(row);
    }
  }

 private:
  LedgerBuilder& builder_;
  const UserDirectory& directory_;
  SourceFiles files_;
};

// The ledger user and user_seq of every row in the order it was read, to restore each
// user's user_seq order when the storage order broke it.
class ArrivalOrder {
 public:
  explicit ArrivalOrder(size_t users) : last_seq_(users, -1) {}
  void add(uint32_t user, int64_t seq) {
    if (seq <= last_seq_[user]) in_order_ = false;
    last_seq_[user] = seq;
    users_.push_back(user);
    seqs_.push_back(seq);
  }
  bool in_order() const { return in_order_; }
  /// Row indices grouped by user (in any user order: LedgerBuilder orders users), each user's
  /// rows by user_seq, rows of equal user_seq in the order read.
  std::vector<uint32_t> user_seq_order() const {
    const std::vector<uint32_t> order = order_by_user(users_, static_cast<uint32_t>(last_seq_.size()));
    std::vector<uint32_t> sorted(order);
    for (size_t begin = 0; begin < sorted.size();) {
      size_t end = begin + 1;
      while (end < sorted.size() && users_[sorted[end]] == users_[sorted[begin]]) ++end;
      std::stable_sort(sorted.begin() + static_cast<std::ptrdiff_t>(begin),
                       sorted.begin() + static_cast<std::ptrdiff_t>(end),
                       [&](uint32_t a, uint32_t b) { return seqs_[a] < seqs_[b]; });
      begin = end;
    }
    return sorted;
  }

 private:
  std::vector<int64_t> last_seq_;
  std::vector<uint32_t> users_;
  std::vector<int64_t> seqs_;
  bool in_order_ = true;
};

// Reads every row into `builder` in storage order, then restores user_seq order if needed.
void read_transactions(Database& database, const UserDirectory& directory, LedgerBuilder& builder) {
  auto reader = database.select("transactions", k_select_columns, "");
  UserResolver users(directory);
  ArrivalOrder arrival(directory.ids.size());
  Progress progress("export transactions", 0, "rows");
  {
    BatchPipeline<RowBatch> appender(BatchAppender(builder, directory));
    while (reader->next()) {
      const uint32_t u = users.resolve(*reader);
      arrival.add(u, reader->get_integer(k_user_seq));
      RowBatch& batch = appender.batch();
      batch.add(*reader, read_row(database, *reader, directory.minor_digits), u);
      if (batch.full()) {
        progress.advance(batch.rows.size());
        appender.submit();
      }
    }
    progress.advance(appender.filling() != nullptr ? appender.filling()->rows.size() : 0);
    appender.drain();
  }
  progress.finish();
  if (!arrival.in_order()) {
    spdlog::debug("{}: transactions are not stored in user_seq order; reordering them", database.display_url());
    builder.reorder_rows(arrival.user_seq_order());
  }
}

// Adds users that have no rows (LedgerBuilder only knows users it saw in a row), keeping the
// byte order of ids, so ledger.users equals the directory.
void add_users_without_rows(Ledger& ledger, const std::vector<std::string>& external_ids) {
  if (ledger.user_count() == external_ids.size()) return;
  StringDictionary users;
  for (const std::string& id : external_ids) users.intern(id);
  std::vector<uint32_t> remap(ledger.user_count());
  for (uint32_t u = 0; u < ledger.user_count(); ++u) remap[u] = *users.find(ledger.users.at(u));
  for (uint32_t& u : ledger.user) u = remap[u];
  ledger.users = std::move(users);
  ledger.user_offsets.assign(static_cast<size_t>(ledger.users.size()) + 1, 0);
  for (uint32_t u : ledger.user) ++ledger.user_offsets[u + 1];
  for (size_t u = 1; u < ledger.user_offsets.size(); ++u) ledger.user_offsets[u] += ledger.user_offsets[u - 1];
}

}  // namespace

Ledger export_transaction_data(Database& database, const UserDirectory& directory) {
  ReadScope scope(database);
  LedgerBuilder builder(directory.currency, directory.minor_digits);
  read_transactions(database, directory, builder);
  Ledger ledger = std::move(builder).finish();
  add_users_without_rows(ledger, directory.external_ids);
  return ledger;
}

}  // namespace fincoach::db
