#pragma once
// PostgreSQL COPY text format: one line per row, fields separated by tabs, NULL as \N, and
// backslash escapes for backslash, tab, newline and carriage return. UTF-8 is safe as it is:
// no byte of a multi-byte sequence is an ASCII control character or a backslash.

#include <string>
#include <string_view>
#include <vector>

namespace fincoach::db {

/// Appends `value` to `out` with COPY escapes.
void append_copy_escaped(std::string& out, std::string_view value);

/// One decoded COPY line. `fields[i]` points into the line or into `unescaped`; NULL fields
/// are marked in `nulls`.
struct CopyLine {
  std::vector<std::string_view> fields;
  std::vector<char> nulls;
  std::string unescaped;
};

/// Splits `line` (without its newline) into `out`; returns the number of fields.
/// `out` stays valid while `line` is unchanged.
size_t split_copy_line(std::string_view line, CopyLine& out);

}  // namespace fincoach::db
