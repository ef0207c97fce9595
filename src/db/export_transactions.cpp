// export_transaction_data: the transactions table into a canonical Ledger.
//
// LedgerBuilder keeps the order of a user's rows within a day, so each user's rows must come
// in user_seq order; rows of different users may interleave. The fast read asks for an order
// the database delivers without sorting: SQLite's storage (rowid) order, which is insertion
// order; in PostgreSQL, whose free-space map lets COPY fill pages out of order, the primary
// key's order (ids of loaded rows ascend with user_seq within a user, see derived_uuid). The
// read checks that every user's user_seq only grows; when another writer broke that, the
// table is read again with ORDER BY user_id, user_seq (a sort in the database).

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>

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
  row.raw_category = reader.get_text(k_raw_category);
  row.type_code = reader.get_text(k_raw_type);
  row.description = reader.get_text(k_description);
  row.merchant = reader.get_text(k_merchant);
  row.city = reader.get_text(k_city);
  row.country = reader.get_text(k_country);
  row.source_line = reader.is_null(k_source_line) ? 0 : static_cast<uint32_t>(reader.get_integer(k_source_line));
  return row;
}

// Reads every row into `builder`. Returns false (and stops) when `check_order` is set and a
// user's user_seq does not grow.
bool read_transactions(Database& database, const UserDirectory& directory, LedgerBuilder& builder, bool check_order) {
  const std::string_view fast_order = database.engine() == Engine::Postgres ? "ORDER BY id" : "";
  const std::string_view tail = check_order ? fast_order : "ORDER BY user_id, user_seq";
  auto reader = database.select("transactions", k_select_columns, tail);
  UserResolver users(directory);
  SourceFiles files(builder);
  std::vector<int64_t> last_seq(directory.ids.size(), -1);
  Progress progress("export transactions", 0, "rows");
  while (reader->next()) {
    const uint32_t u = users.resolve(*reader);
    const int64_t seq = reader->get_integer(k_user_seq);
    if (check_order && seq <= last_seq[u]) return false;
    last_seq[u] = seq;
    LedgerRow row = read_row(database, *reader, directory.minor_digits);
    row.user = directory.external_ids[u];
    row.source_file = files.id_of(reader->get_text(k_source_file));
    builder.append(row);
    progress.advance();
  }
  progress.finish();
  return true;
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
  auto builder = std::make_unique<LedgerBuilder>(directory.currency, directory.minor_digits);
  if (!read_transactions(database, directory, *builder, /*check_order=*/true)) {
    spdlog::debug("{}: transactions are not stored in user_seq order; reading them again sorted",
                  database.display_url());
    builder = std::make_unique<LedgerBuilder>(directory.currency, directory.minor_digits);
    read_transactions(database, directory, *builder, /*check_order=*/false);
  }
  Ledger ledger = std::move(*builder).finish();
  add_users_without_rows(ledger, directory.external_ids);
  return ledger;
}

}  // namespace fincoach::db
