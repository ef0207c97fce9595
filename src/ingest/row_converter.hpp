#pragma once
// Turns the fields of one CSV record into a LedgerRow according to a profile: dates, time,
// amounts, direction, balance, user, type code and raw category. Column indices are resolved
// once from the header; dates and type codes are cached so each distinct value is parsed or
// looked up once, not once per row. App categories are assigned after the ledger is built,
// once per raw-category dictionary id (category_assign.hpp).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fincoach/common/date.hpp"
#include "fincoach/common/ledger.hpp"
#include "fincoach/ingest/profile.hpp"
#include "fincoach/ingest/reject.hpp"
#include "label_cache.hpp"
#include "time_format.hpp"

namespace fincoach::ingest::detail {

/// One problem with one record; `column` indexes the record's fields (npos: the whole row).
struct RowIssue {
  size_t column = std::string_view::npos;
  RejectKind kind = RejectKind::BadNumber;
  std::string message;
};

class RowConverter {
 public:
  explicit RowConverter(const SourceProfile& profile);

  /// Resolves the profile's columns in a header (exact name first, then trimmed and
  /// case-insensitive). Returns the profile's column names that the header lacks.
  std::vector<std::string> bind_header(const std::vector<std::string_view>& header);

  /// Fills `row` from `fields` (the string views point into `fields` or into this object's
  /// caches, valid until the next call). On failure appends to `issues` and returns false.
  bool convert(const std::vector<std::string_view>& fields, std::string_view file_user, LedgerRow& row,
               std::vector<RowIssue>& issues);

 private:
  static constexpr int k_absent = -1;
  /// Type code lookup result: a direction, or unknown to the profile's table.
  enum class TypeLookup : uint8_t { Debit, Credit, Either, Unknown };

  bool read_user(const std::vector<std::string_view>& fields, std::string_view file_user, LedgerRow& row,
                 std::vector<RowIssue>& issues) const;
  bool read_date(const std::vector<std::string_view>& fields, LedgerRow& row, std::vector<RowIssue>& issues);
  bool read_type(const std::vector<std::string_view>& fields, TypeLookup& lookup, LedgerRow& row,
                 std::vector<RowIssue>& issues);
  bool read_amount(const std::vector<std::string_view>& fields, TypeLookup lookup, LedgerRow& row,
                   std::vector<RowIssue>& issues) const;
  bool read_debit_credit(const std::vector<std::string_view>& fields, LedgerRow& row,
                         std::vector<RowIssue>& issues) const;
  bool read_balance(const std::vector<std::string_view>& fields, LedgerRow& row, std::vector<RowIssue>& issues) const;
  /// Parses a number; on failure records a BadNumber issue naming the column's role.
  bool parse_number(const std::vector<std::string_view>& fields, int column, std::string_view role, int64_t& value,
                    std::vector<RowIssue>& issues) const;
  TypeLookup type_lookup(std::string_view code);
  void read_text(const std::vector<std::string_view>& fields, LedgerRow& row) const;

  std::string_view field(const std::vector<std::string_view>& fields, int column) const {
    return column == k_absent ? std::string_view{} : fields[static_cast<size_t>(column)];
  }

  const SourceProfile profile_;  // a copy: the converter may outlive the caller's profile
  std::vector<DateFormat> date_formats_;
  std::vector<TimeFormat> time_format_;  // empty, or the one format of the time column

  struct Columns {
    int date = k_absent, time = k_absent, amount = k_absent, debit = k_absent, credit = k_absent, balance = k_absent,
        category = k_absent, type = k_absent, description = k_absent, merchant = k_absent, city = k_absent,
        country = k_absent, user = k_absent;
  } col_;

  // The last date text and its value: bank files run in date order, so most rows repeat it.
  std::string last_date_text_;
  int32_t last_day_ = 0;
  int32_t last_second_ = k_unknown_second;

  TypeLookup profile_direction(std::string_view code) const;

  // Type codes are a handful of short strings: the first few up to 7 bytes are kept packed in
  // a word each (bytes + length, never 0) in a small hash table; any others go through the
  // label cache.
  static constexpr size_t k_packed_slots = 64;
  static constexpr size_t k_packed_codes = 32;
  struct PackedCode {
    uint64_t key = 0;  // 0: empty slot
    TypeLookup lookup = TypeLookup::Unknown;
  };
  std::vector<PackedCode> packed_codes_ = std::vector<PackedCode>(k_packed_slots);
  size_t packed_count_ = 0;
  LabelCache type_codes_;  // trimmed code → id
  std::vector<TypeLookup> type_entries_;
};

}  // namespace fincoach::ingest::detail
