#include "fincoach/common/date.hpp"

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach {

// Howard Hinnant's civil-date algorithms (public domain), exact over the whole int32 range
// we use.
int32_t days_from_civil(int year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int yoe = year - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(int32_t days) {
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

bool is_valid_civil(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int limit = (month == 2 && leap) ? 29 : k_days[month - 1];
  return day <= limit;
}

int weekday_from_days(int32_t days) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const int w = (days + 3) % 7;
  return w < 0 ? w + 7 : w;
}

std::string format_iso_date(int32_t days) {
  const CivilDate c = civil_from_days(days);
  return fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day);
}

int32_t parse_iso_date(std::string_view text, std::string_view what) {
  static const DateFormat iso("%Y-%m-%d");
  int32_t day = 0;
  int32_t second = 0;
  if (!iso.parse(text, day, second))
    throw InvalidInput(fmt::format("{}: '{}' is not a date in YYYY-MM-DD form", what, text));
  return day;
}

DateFormat::DateFormat(std::string_view pattern) : pattern_(pattern) {
  bool has_year = false, has_month = false, has_day = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') {
      steps_.push_back({Token::Literal, pattern[i]});
      continue;
    }
    if (++i == pattern.size()) throw InvalidInput(fmt::format("date format '{}' ends with '%'", pattern));
    switch (pattern[i]) {
      case 'd': steps_.push_back({Token::Day, 0}); has_day = true; break;
      case 'm': steps_.push_back({Token::Month, 0}); has_month = true; break;
      case 'b': steps_.push_back({Token::MonthName, 0}); has_month = true; break;
      case 'Y': steps_.push_back({Token::Year4, 0}); has_year = true; break;
      case 'y': steps_.push_back({Token::Year2, 0}); has_year = true; break;
      case 'H': steps_.push_back({Token::Hour, 0}); has_time_ = true; break;
      case 'M': steps_.push_back({Token::Minute, 0}); break;
      case 'S': steps_.push_back({Token::Second, 0}); break;
      case '%': steps_.push_back({Token::Literal, '%'}); break;
      default:
        throw InvalidInput(fmt::format("date format '{}': unknown directive '%{}' (supported: %d %m %b %Y %y %H %M %S)",
                                       pattern, pattern[i]));
    }
  }
  if (!has_year || !has_month || !has_day)
    throw InvalidInput(fmt::format("date format '{}' needs a year, a month and a day", pattern));
}

namespace {

// Reads 1–2 digits when `flexible`, else exactly `width` digits.
bool read_number(std::string_view text, size_t& pos, int width, bool flexible, int& value) {
  value = 0;
  int read = 0;
  while (read < width && pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    value = value * 10 + (text[pos] - '0');
    ++pos;
    ++read;
  }
  return read == width || (flexible && read >= 1);
}

bool read_month_name(std::string_view text, size_t& pos, int& month) {
  static constexpr std::string_view k_months = "janfebmaraprmayjunjulaugsepoctnovdec";
  if (pos + 3 > text.size()) return false;
  char name[3];
  for (int k = 0; k < 3; ++k) {
    char c = text[pos + static_cast<size_t>(k)];
    name[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  for (int m = 0; m < 12; ++m) {
    if (k_months.substr(static_cast<size_t>(m) * 3, 3) == std::string_view(name, 3)) {
      month = m + 1;
      pos += 3;
      return true;
    }
  }
  return false;
}

}  // namespace

bool DateFormat::parse(std::string_view text, int32_t& day, int32_t& second) const {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  size_t pos = 0;
  for (size_t k = 0; k < steps_.size(); ++k) {
    const Step& step = steps_[k];
    // One or two digits are fine when a literal separator (or the end) follows.
    const bool flexible = k + 1 == steps_.size() || steps_[k + 1].token == Token::Literal;
    bool ok = true;
    switch (step.token) {
      case Token::Literal: ok = pos < text.size() && text[pos++] == step.literal; break;
      case Token::Day: ok = read_number(text, pos, 2, flexible, d); break;
      case Token::Month: ok = read_number(text, pos, 2, flexible, mo); break;
      case Token::MonthName: ok = read_month_name(text, pos, mo); break;
      case Token::Year4: ok = read_number(text, pos, 4, false, y); break;
      case Token::Year2:
        ok = read_number(text, pos, 2, false, y);
        y += y < 70 ? 2000 : 1900;
        break;
      case Token::Hour: ok = read_number(text, pos, 2, flexible, h) && h < 24; break;
      case Token::Minute: ok = read_number(text, pos, 2, false, mi) && mi < 60; break;
      case Token::Second: ok = read_number(text, pos, 2, false, s) && s < 60; break;
    }
    if (!ok) return false;
  }
  if (pos != text.size() || !is_valid_civil(y, mo, d)) return false;
  day = days_from_civil(y, mo, d);
  second = has_time_ ? h * 3600 + mi * 60 + s : k_unknown_second;
  return true;
}

}  // namespace fincoach
