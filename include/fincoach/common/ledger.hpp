#pragma once
// The ledger: a columnar table (struct of arrays) of all transactions, sorted by
// (user, day, original order), with per-user offsets (CSR) and dictionary-encoded strings.
// See docs/ledger.md.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "fincoach/common/category.hpp"
#include "fincoach/common/dictionary.hpp"

namespace fincoach {

/// Balance column value when the source has no running balance.
constexpr int64_t k_no_balance = std::numeric_limits<int64_t>::min();

struct Ledger {
  /// ISO 4217 code of every amount in this ledger.
  std::string currency = "GBP";
  /// Digits of the minor unit (2: amounts are in pence/cents).
  int minor_digits = 2;

  // One entry per row.
  std::vector<uint32_t> user;          ///< index into `users`
  std::vector<int32_t> day;            ///< days since 1970-01-01
  std::vector<int32_t> second;         ///< second of day, k_unknown_second when absent
  std::vector<int64_t> amount;         ///< signed minor units: credit +, debit −
  std::vector<int64_t> balance;        ///< balance after the row, k_no_balance when absent
  std::vector<uint8_t> category;       ///< AppCategory
  std::vector<uint32_t> raw_category;  ///< index into `raw_categories` (as the source wrote it)
  std::vector<uint32_t> type_code;     ///< index into `type_codes` ("DEB", "BP", "debit", …)
  std::vector<uint32_t> description;   ///< index into `descriptions`
  std::vector<uint32_t> merchant;      ///< index into `merchants`
  std::vector<uint32_t> city;          ///< index into `cities`
  std::vector<uint32_t> country;       ///< index into `countries`
  std::vector<uint32_t> source_file;   ///< index into `source_files` ("" when not from a file)
  std::vector<uint32_t> source_line;   ///< 1-based physical line in that file (0: not from a file)

  /// Rows of user u are [user_offsets[u], user_offsets[u + 1]); size = users.size() + 1.
  std::vector<uint64_t> user_offsets{0};

  StringDictionary users;  ///< external user ids ("moneyvis", a UUID, …)
  StringDictionary raw_categories;
  StringDictionary type_codes;
  StringDictionary descriptions;
  StringDictionary merchants;
  StringDictionary cities;
  StringDictionary countries;
  StringDictionary source_files;

  size_t rows() const { return day.size(); }
  uint32_t user_count() const { return users.size(); }
  uint64_t user_begin(uint32_t u) const { return user_offsets[u]; }
  uint64_t user_end(uint32_t u) const { return user_offsets[u + 1]; }
  AppCategory app_category(size_t row) const { return static_cast<AppCategory>(category[row]); }

  /// Throws Internal when columns disagree in length, rows are unsorted, offsets are wrong
  /// or an id is out of its dictionary's range.
  void check_invariants() const;

  bool operator==(const Ledger& other) const = default;
};

/// One row as producers hand it over; strings are copied into dictionaries on append.
struct LedgerRow {
  std::string_view user;
  int32_t day = 0;
  int32_t second = -1;
  int64_t amount = 0;
  int64_t balance = k_no_balance;
  AppCategory category = AppCategory::Other;
  std::string_view raw_category;
  std::string_view type_code;
  std::string_view description;
  std::string_view merchant;
  std::string_view city;
  std::string_view country;
  uint32_t source_file = 0;  ///< id returned by add_source_file; 0: not from a file
  uint32_t source_line = 0;
};

/// Accumulates rows in any order and produces a canonical Ledger: rows stably sorted by
/// (user, day), users numbered in byte order of their ids, and every dictionary numbered in
/// order of first appearance in the sorted rows. So the same transactions give the same
/// ledger whatever source or order they came from.
class LedgerBuilder {
 public:
  explicit LedgerBuilder(std::string currency = "GBP", int minor_digits = 2);

  uint32_t add_source_file(std::string_view path);
  void append(const LedgerRow& row);
  /// Reverses rows [begin, end) (a newest-first file becomes oldest-first).
  void reverse_rows(size_t begin, size_t end);
  /// Drops rows [begin, rows()) (used to discard a failed file's partial rows).
  void truncate(size_t rows);
  /// Puts the rows in `order`, a permutation of [0, rows()): row i becomes the old row
  /// order[i] (a reader that got rows out of their source order restores it).
  void reorder_rows(const std::vector<uint32_t>& order);
  size_t rows() const { return ledger_.rows(); }
  void reserve(size_t rows);

  Ledger finish() &&;

 private:
  Ledger ledger_;
};

}  // namespace fincoach
