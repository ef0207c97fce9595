#pragma once
// Small string helpers shared by the stages.

#include <string>
#include <string_view>

namespace fincoach {

std::string_view trim(std::string_view text);
/// ASCII lower-case copy.
std::string to_lower_ascii(std::string_view text);
/// Trim, ASCII case fold, and collapse runs of white space to one space.
std::string normalize_label(std::string_view text);
bool iequals_ascii(std::string_view a, std::string_view b);
/// Index of the first byte that is not valid UTF-8, or npos.
size_t find_invalid_utf8(std::string_view text);
/// Latin-1 bytes to UTF-8.
std::string latin1_to_utf8(std::string_view text);
/// Quotes a field for CSV output when it needs it (RFC 4180).
std::string csv_escape(std::string_view field);

}  // namespace fincoach
