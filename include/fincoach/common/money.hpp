#pragma once
// Money is int64_t minor units (pence, cents) plus one ISO currency code per dataset.
// Parsing goes straight from text to minor units: no double ever touches a stored amount.

#include <cstdint>
#include <string>
#include <string_view>

namespace fincoach {

/// How amounts are written in a source.
struct DecimalFormat {
  /// Decimal separator: '.' (UK/US) or ',' (most of Europe).
  char decimal_separator = '.';
  /// Thousands separator accepted between digit groups, or '\0' for none.
  char thousands_separator = '\0';
  /// Digits after the decimal point in the currency's minor unit (2 for GBP, 0 for JPY).
  int minor_digits = 2;
};

enum class ParseStatus : uint8_t { Ok, Empty, Invalid, TooManyDecimals, Overflow };

std::string_view to_string(ParseStatus status);

/// Parses "1,234.5", "-3.11", "+7", "(12.00)" (accounting negative) into minor units.
/// Leading/trailing spaces are ignored; currency symbols are not accepted.
ParseStatus parse_minor_units(std::string_view text, const DecimalFormat& format, int64_t& out);

/// Formats minor units as a plain decimal ("-1234.50" for -123450 with 2 digits).
std::string format_minor_units(int64_t minor, int minor_digits = 2);

/// Minor units as a double in major units, for features and reports only.
inline double to_major(int64_t minor, int minor_digits = 2) {
  double scale = 1.0;
  for (int i = 0; i < minor_digits; ++i) scale *= 10.0;
  return static_cast<double>(minor) / scale;
}

/// True when `code` is three upper-case ASCII letters (ISO 4217 shape).
bool is_currency_code(std::string_view code);

}  // namespace fincoach
