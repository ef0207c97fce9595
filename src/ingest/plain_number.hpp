#pragma once
// The shape nearly every amount in a bank file has: digits, then optionally the decimal
// separator and at most `minor_digits` digits ("3.11", "25", "0.5"). Parsed inline here; any
// other text (signs, spaces, thousands separators, parentheses, long numbers) goes to the
// general parse_minor_units, which gives the same value for the inputs accepted here.

#include <cstdint>
#include <string_view>

#include "fincoach/common/money.hpp"

namespace fincoach::ingest::detail {

/// False when `text` is not of the plain shape; `out` is then untouched.
inline bool parse_plain_minor_units(std::string_view text, const DecimalFormat& format, int64_t& out) {
  // Twelve characters keep the scaled value far below parse_minor_units' overflow limit.
  constexpr size_t k_max_length = 12;
  const size_t n = text.size();
  if (n == 0 || n > k_max_length) return false;
  int64_t value = 0;
  size_t i = 0;
  for (; i < n && text[i] >= '0' && text[i] <= '9'; ++i) value = value * 10 + (text[i] - '0');
  if (i == 0) return false;
  int fraction_digits = 0;
  if (i < n) {
    if (text[i] != format.decimal_separator || i + 1 == n) return false;
    for (++i; i < n; ++i) {
      if (text[i] < '0' || text[i] > '9' || fraction_digits == format.minor_digits) return false;
      value = value * 10 + (text[i] - '0');
      ++fraction_digits;
    }
  }
  for (; fraction_digits < format.minor_digits; ++fraction_digits) value *= 10;
  out = value;
  return true;
}

}  // namespace fincoach::ingest::detail
