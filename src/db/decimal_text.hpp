#pragma once
// Exact decimal text for money columns (PostgreSQL NUMERIC in COPY text): minor units to
// "-1234.50" and back, without a double in between.

#include <cstdint>
#include <optional>
#include <string_view>

namespace fincoach::db {

/// Longest output of format_decimal: sign, 19 digits, point.
constexpr size_t k_decimal_text_max = 22;

/// Writes `minor` with `minor_digits` (0..18) decimals to `out`; returns the length.
size_t format_decimal(int64_t minor, int minor_digits, char* out);

/// Parses "[-]digits[.digits]" into minor units with `minor_digits` decimals. Extra decimals
/// must be zeros ("12.30" with 1 digit is 123; "12.34" with 1 digit fails). nullopt on any
/// other text or on overflow.
std::optional<int64_t> parse_decimal(std::string_view text, int minor_digits);

}  // namespace fincoach::db
