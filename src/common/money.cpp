#include "fincoach/common/money.hpp"

#include <limits>

#include "fincoach/common/text.hpp"

namespace fincoach {
namespace {

constexpr int64_t k_max_minor = std::numeric_limits<int64_t>::max() / 10 - 10;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Strips a sign or accounting parentheses; returns false when they are unbalanced.
bool take_sign(std::string_view& text, bool& negative) {
  negative = false;
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
    negative = true;
    text = trim(text.substr(1, text.size() - 2));
  }
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    if (negative) return false;  // "(-5)" is ambiguous: reject
    negative = text.front() == '-';
    text = trim(text.substr(1));
  }
  return true;
}

// Integer part with optional thousands separators, each followed by exactly three digits.
ParseStatus parse_integer_part(std::string_view digits, char thousands, int64_t& value) {
  value = 0;
  int since_separator = -1;  // -1: no separator seen yet
  int leading_digits = 0;
  for (char c : digits) {
    if (thousands != '\0' && c == thousands) {
      if ((since_separator == -1 && leading_digits == 0) || (since_separator != -1 && since_separator != 3))
        return ParseStatus::Invalid;
      if (since_separator == -1 && leading_digits > 3) return ParseStatus::Invalid;
      since_separator = 0;
      continue;
    }
    if (!is_digit(c)) return ParseStatus::Invalid;
    if (value > k_max_minor) return ParseStatus::Overflow;
    value = value * 10 + (c - '0');
    if (since_separator == -1) ++leading_digits;
    else ++since_separator;
  }
  if (since_separator != -1 && since_separator != 3) return ParseStatus::Invalid;
  return ParseStatus::Ok;
}

}  // namespace

std::string_view to_string(ParseStatus status) {
  switch (status) {
    case ParseStatus::Ok: return "ok";
    case ParseStatus::Empty: return "empty";
    case ParseStatus::Invalid: return "not a number";
    case ParseStatus::TooManyDecimals: return "too many decimal digits";
    case ParseStatus::Overflow: return "out of range";
  }
  return "?";
}

ParseStatus parse_minor_units(std::string_view text, const DecimalFormat& format, int64_t& out) {
  text = trim(text);
  if (text.empty()) return ParseStatus::Empty;
  bool negative = false;
  if (!take_sign(text, negative) || text.empty()) return ParseStatus::Invalid;

  const size_t point = text.find(format.decimal_separator);
  const std::string_view int_part = text.substr(0, point);
  const std::string_view frac_part =
      point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  if (int_part.empty() && frac_part.empty()) return ParseStatus::Invalid;
  if (point != std::string_view::npos && frac_part.empty() && int_part.empty()) return ParseStatus::Invalid;

  int64_t value = 0;
  if (const ParseStatus s = parse_integer_part(int_part, format.thousands_separator, value); s != ParseStatus::Ok)
    return s;
  int frac_digits = 0;
  for (char c : frac_part) {
    if (!is_digit(c)) return ParseStatus::Invalid;
    if (frac_digits == format.minor_digits) {
      if (c != '0') return ParseStatus::TooManyDecimals;  // "1.230" is fine, "1.234" is not
      continue;
    }
    if (value > k_max_minor) return ParseStatus::Overflow;
    value = value * 10 + (c - '0');
    ++frac_digits;
  }
  for (; frac_digits < format.minor_digits; ++frac_digits) {
    if (value > k_max_minor) return ParseStatus::Overflow;
    value *= 10;
  }
  out = negative ? -value : value;
  return ParseStatus::Ok;
}

std::string format_minor_units(int64_t minor, int minor_digits) {
  const bool negative = minor < 0;
  // Work in unsigned so INT64_MIN formats correctly.
  uint64_t magnitude = negative ? ~static_cast<uint64_t>(minor) + 1 : static_cast<uint64_t>(minor);
  std::string digits = std::to_string(magnitude);
  if (minor_digits > 0) {
    const auto width = static_cast<size_t>(minor_digits) + 1;
    if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    digits.insert(digits.size() - static_cast<size_t>(minor_digits), 1, '.');
  }
  return negative ? "-" + digits : digits;
}

bool is_currency_code(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

}  // namespace fincoach
