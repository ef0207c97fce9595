#include "db/decimal_text.hpp"

#include <charconv>
#include <limits>

namespace fincoach::db {

size_t format_decimal(int64_t minor, int minor_digits, char* out) {
  // Work in unsigned so INT64_MIN has a magnitude.
  const bool negative = minor < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(minor) : static_cast<uint64_t>(minor);
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0 || n <= minor_digits);
  size_t length = 0;
  if (negative) out[length++] = '-';
  for (int i = n - 1; i >= 0; --i) {
    out[length++] = digits[i];
    if (i == minor_digits && i != 0) out[length++] = '.';
  }
  return length;
}

std::optional<int64_t> parse_decimal(std::string_view text, int minor_digits) {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  const size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  if (whole.empty() && fraction.empty()) return std::nullopt;
  uint64_t magnitude = 0;
  constexpr uint64_t k_limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  const auto push_digit = [&](char c) {
    if (c < '0' || c > '9') return false;
    if (magnitude > (k_limit - static_cast<uint64_t>(c - '0')) / 10) return false;
    magnitude = magnitude * 10 + static_cast<uint64_t>(c - '0');
    return true;
  };
  for (char c : whole)
    if (!push_digit(c)) return std::nullopt;
  for (int i = 0; i < minor_digits; ++i)
    if (!push_digit(static_cast<size_t>(i) < fraction.size() ? fraction[static_cast<size_t>(i)] : '0'))
      return std::nullopt;
  for (size_t i = static_cast<size_t>(minor_digits); i < fraction.size(); ++i)
    if (fraction[i] != '0') return std::nullopt;
  const int64_t value = static_cast<int64_t>(magnitude);
  return negative ? -value : value;
}

}  // namespace fincoach::db
