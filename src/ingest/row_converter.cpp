#include "row_converter.hpp"

#include <fmt/format.h>

#include "fincoach/common/money.hpp"
#include "fincoach/common/text.hpp"
#include "plain_number.hpp"

namespace fincoach::ingest::detail {
namespace {

int find_column(const std::vector<std::string_view>& header, const std::string& name) {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  for (size_t i = 0; i < header.size(); ++i)
    if (iequals_ascii(trim(header[i]), trim(name))) return static_cast<int>(i);
  return -1;
}

std::string describe_decimal(const DecimalFormat& d) {
  return fmt::format("decimal separator '{}', thousands {}", d.decimal_separator,
                     d.thousands_separator == '\0' ? std::string("none") : fmt::format("'{}'", d.thousands_separator));
}

int64_t magnitude(int64_t v) {
  return v < 0 ? -v : v;
}

bool is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// Most fields have no surrounding space: look at both ends before the general trim.
std::string_view strip(std::string_view text) {
  if (text.empty() || (!is_space(text.front()) && !is_space(text.back()))) return text;
  return trim(text);
}

}  // namespace

RowConverter::RowConverter(const SourceProfile& profile) : profile_(profile) {
  for (const std::string& pattern : profile.date_formats) date_formats_.emplace_back(pattern);
  if (!profile.columns.time.empty()) time_format_.emplace_back(profile.time_format);
}

std::vector<std::string> RowConverter::bind_header(const std::vector<std::string_view>& header) {
  const ColumnNames& names = profile_.columns;
  std::vector<std::string> missing;
  const std::pair<const std::string*, int*> roles[] = {
      {&names.date, &col_.date},         {&names.time, &col_.time},     {&names.amount, &col_.amount},
      {&names.debit, &col_.debit},       {&names.credit, &col_.credit}, {&names.balance, &col_.balance},
      {&names.category, &col_.category}, {&names.type, &col_.type},     {&names.description, &col_.description},
      {&names.merchant, &col_.merchant}, {&names.city, &col_.city},     {&names.country, &col_.country},
      {&names.user, &col_.user}};
  for (const auto& [name, index] : roles) {
    *index = k_absent;
    if (name->empty()) continue;
    *index = find_column(header, *name);
    if (*index == k_absent) missing.push_back(*name);
  }
  return missing;
}

bool RowConverter::convert(const std::vector<std::string_view>& fields, std::string_view file_user, LedgerRow& row,
                           std::vector<RowIssue>& issues) {
  TypeLookup lookup = TypeLookup::Either;
  // Every check runs, so a row with two problems reports both.
  bool ok = read_user(fields, file_user, row, issues);
  ok &= read_date(fields, row, issues);
  ok &= read_type(fields, lookup, row, issues);
  ok &= read_amount(fields, lookup, row, issues);
  ok &= read_balance(fields, row, issues);
  if (!ok) return false;

  row.raw_category = field(fields, col_.category);  // mapped later, once per distinct label
  row.category = AppCategory::Other;
  read_text(fields, row);
  return true;
}

bool RowConverter::read_user(const std::vector<std::string_view>& fields, std::string_view file_user, LedgerRow& row,
                             std::vector<RowIssue>& issues) const {
  if (col_.user == k_absent) {
    row.user = file_user;
    return true;
  }
  row.user = strip(field(fields, col_.user));
  if (!row.user.empty()) return true;
  issues.push_back({static_cast<size_t>(col_.user), RejectKind::MissingUser, "user id is empty"});
  return false;
}

bool RowConverter::read_date(const std::vector<std::string_view>& fields, LedgerRow& row,
                             std::vector<RowIssue>& issues) {
  const std::string_view text = strip(field(fields, col_.date));
  bool ok = true;
  if (!text.empty() && same_bytes(text, last_date_text_)) {
    row.day = last_day_;
    row.second = last_second_;
  } else {
    ok = false;
    for (const DateFormat& format : date_formats_)
      if (format.parse(text, row.day, row.second)) {
        ok = true;
        break;
      }
    if (ok) {
      last_date_text_.assign(text);
      last_day_ = row.day;
      last_second_ = row.second;
    } else {
      issues.push_back({static_cast<size_t>(col_.date), RejectKind::BadDate,
                        text.empty() ? std::string("date is empty")
                                     : fmt::format("date '{}' matches none of the formats {}", text,
                                                   fmt::join(profile_.date_formats, ", "))});
    }
  }
  if (col_.time == k_absent) return ok;
  const std::string_view time = strip(field(fields, col_.time));
  if (time.empty()) return ok;  // a missing time of day is allowed: the second stays unknown
  int32_t second = k_unknown_second;
  if (time_format_.front().parse(time, second)) {
    row.second = second;
    return ok;
  }
  issues.push_back({static_cast<size_t>(col_.time), RejectKind::BadDate,
                    fmt::format("time '{}' does not match the format {}", time, profile_.time_format)});
  return false;
}

bool RowConverter::read_type(const std::vector<std::string_view>& fields, TypeLookup& lookup, LedgerRow& row,
                             std::vector<RowIssue>& issues) {
  if (col_.type == k_absent) {
    row.type_code = {};
    return true;
  }
  row.type_code = strip(field(fields, col_.type));
  const auto column = static_cast<size_t>(col_.type);
  if (row.type_code.empty() && profile_.require_type) {
    issues.push_back({column, RejectKind::UnknownTypeCode, "type code is empty but the profile requires one"});
    return false;
  }
  lookup = type_lookup(row.type_code);
  const bool needed = profile_.reject_unknown_type_codes || profile_.amount_layout == AmountLayout::UnsignedWithType;
  if (lookup != TypeLookup::Unknown || !needed) return true;
  issues.push_back({column, RejectKind::UnknownTypeCode,
                    fmt::format("type code '{}' is not in the profile's type_directions table", row.type_code)});
  return false;
}

bool RowConverter::read_amount(const std::vector<std::string_view>& fields, TypeLookup lookup, LedgerRow& row,
                               std::vector<RowIssue>& issues) const {
  if (profile_.amount_layout == AmountLayout::DebitCredit) return read_debit_credit(fields, row, issues);
  const auto column = static_cast<size_t>(col_.amount);
  if (strip(field(fields, col_.amount)).empty()) {
    issues.push_back({column, RejectKind::NoAmount, "amount is empty"});
    return false;
  }
  int64_t value = 0;
  if (!parse_number(fields, col_.amount, "amount", value, issues)) return false;
  if (profile_.amount_layout == AmountLayout::Signed) {
    row.amount = profile_.invert_sign ? -value : value;
    return true;
  }
  // Unsigned with type: the code gives the sign (an unknown code was reported by read_type).
  if (lookup == TypeLookup::Unknown || lookup == TypeLookup::Either) return false;
  row.amount = lookup == TypeLookup::Debit ? -magnitude(value) : magnitude(value);
  return true;
}

// Exactly one of the two columns carries the amount; the column gives the direction, whatever
// sign is written in it. A zero in one column counts as empty (some banks write 0.00 there).
bool RowConverter::read_debit_credit(const std::vector<std::string_view>& fields, LedgerRow& row,
                                     std::vector<RowIssue>& issues) const {
  const std::string_view debit_text = strip(field(fields, col_.debit));
  const std::string_view credit_text = strip(field(fields, col_.credit));
  const auto debit_column = static_cast<size_t>(col_.debit);
  if (debit_text.empty() && credit_text.empty()) {
    issues.push_back({debit_column, RejectKind::NoAmount, "both the debit and the credit amount are empty"});
    return false;
  }
  int64_t debit = 0, credit = 0;
  bool ok = debit_text.empty() || parse_number(fields, col_.debit, "debit amount", debit, issues);
  ok &= credit_text.empty() || parse_number(fields, col_.credit, "credit amount", credit, issues);
  if (!ok) return false;
  if (debit != 0 && credit != 0) {
    issues.push_back({debit_column, RejectKind::BothAmounts,
                      fmt::format("debit '{}' and credit '{}' are both filled", debit_text, credit_text)});
    return false;
  }
  row.amount = magnitude(credit) - magnitude(debit);
  return true;
}

bool RowConverter::read_balance(const std::vector<std::string_view>& fields, LedgerRow& row,
                                std::vector<RowIssue>& issues) const {
  row.balance = k_no_balance;
  if (col_.balance == k_absent || strip(field(fields, col_.balance)).empty()) return true;
  return parse_number(fields, col_.balance, "balance", row.balance, issues);
}

bool RowConverter::parse_number(const std::vector<std::string_view>& fields, int column, std::string_view role,
                                int64_t& value, std::vector<RowIssue>& issues) const {
  const std::string_view text = field(fields, column);
  if (parse_plain_minor_units(text, profile_.decimal, value)) return true;
  const ParseStatus status = parse_minor_units(text, profile_.decimal, value);
  if (status == ParseStatus::Ok) return true;
  issues.push_back({static_cast<size_t>(column), RejectKind::BadNumber,
                    fmt::format("{} '{}' is {} ({}, {} minor digits)", role, trim(text), to_string(status),
                                describe_decimal(profile_.decimal), profile_.decimal.minor_digits)});
  return false;
}

RowConverter::TypeLookup RowConverter::type_lookup(std::string_view code) {
  if (code.size() < 8) {
    // The length byte is 1..8, so a packed key is never 0 (the empty-slot mark).
    uint64_t key = uint64_t{code.size() + 1} << 56;
    for (size_t i = 0; i < code.size(); ++i) key |= uint64_t{static_cast<unsigned char>(code[i])} << (8 * i);
    size_t slot = static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> 58);  // 6 bits: 64 slots
    while (packed_codes_[slot].key != 0) {
      if (packed_codes_[slot].key == key) return packed_codes_[slot].lookup;
      slot = (slot + 1) % k_packed_slots;
    }
    if (packed_count_ < k_packed_codes) {
      ++packed_count_;
      packed_codes_[slot] = {key, profile_direction(code)};
      return packed_codes_[slot].lookup;
    }
  }
  bool added = false;
  const uint32_t id = type_codes_.id(code, added);
  if (added) type_entries_.push_back(profile_direction(code));
  return type_entries_[id];
}

RowConverter::TypeLookup RowConverter::profile_direction(std::string_view code) const {
  const auto it = profile_.type_directions.find(std::string(code));
  if (it == profile_.type_directions.end()) return TypeLookup::Unknown;
  switch (it->second) {
    case Direction::Debit:
      return TypeLookup::Debit;
    case Direction::Credit:
      return TypeLookup::Credit;
    case Direction::Either:
      return TypeLookup::Either;
  }
  return TypeLookup::Unknown;
}

void RowConverter::read_text(const std::vector<std::string_view>& fields, LedgerRow& row) const {
  row.description = field(fields, col_.description);
  const std::string_view merchant = field(fields, col_.merchant);
  row.merchant = strip(merchant).empty() ? row.description : merchant;
  row.city = field(fields, col_.city);
  row.country = field(fields, col_.country);
}

}  // namespace fincoach::ingest::detail
