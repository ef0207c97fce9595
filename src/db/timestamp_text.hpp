#pragma once
// Timestamps as both engines write them in text: "YYYY-MM-DD HH:MM:SS" (SQLite TEXT columns,
// PostgreSQL COPY with DateStyle ISO). Years 1..9999 only (the loader checks).

#include <cstdint>
#include <optional>
#include <string_view>

#include "fincoach/common/date.hpp"

namespace fincoach::db {

constexpr size_t k_timestamp_text_size = 19;

/// Writes the 19 characters of `day` + `second` (0..86399) to `out`.
inline void format_timestamp(int32_t day, int32_t second, char* out) {
  const CivilDate date = civil_from_days(day);
  const auto put2 = [](char* p, int v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
  };
  const int year = date.year;
  out[0] = static_cast<char>('0' + year / 1000);
  out[1] = static_cast<char>('0' + year / 100 % 10);
  out[2] = static_cast<char>('0' + year / 10 % 10);
  out[3] = static_cast<char>('0' + year % 10);
  out[4] = '-';
  put2(out + 5, date.month);
  out[7] = '-';
  put2(out + 8, date.day);
  out[10] = ' ';
  put2(out + 11, second / 3600);
  out[13] = ':';
  put2(out + 14, second / 60 % 60);
  out[16] = ':';
  put2(out + 17, second % 60);
}

/// The day of "YYYY-MM-DD" optionally followed by ' ' or 'T' and a time; nullopt otherwise.
inline std::optional<int32_t> parse_timestamp_day(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() > 10 && text[10] != ' ' && text[10] != 'T') return std::nullopt;
  int fields[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lengths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f)
    for (size_t i = starts[f]; i < starts[f] + lengths[f]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      fields[f] = fields[f] * 10 + (text[i] - '0');
    }
  if (!is_valid_civil(fields[0], fields[1], fields[2])) return std::nullopt;
  return days_from_civil(fields[0], fields[1], fields[2]);
}

}  // namespace fincoach::db
