#pragma once
// Time is a posting day (days since 1970-01-01) plus an optional second-of-day (-1 when
// the source carries dates only, as bank exports such as MoneyVis do).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fincoach {

constexpr int32_t k_unknown_second = -1;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

/// Days since 1970-01-01 of a proleptic Gregorian date (no validation).
int32_t days_from_civil(int year, int month, int day);
CivilDate civil_from_days(int32_t days);
/// True when (year, month, day) is a real calendar date.
bool is_valid_civil(int year, int month, int day);
/// 0 = Monday … 6 = Sunday.
int weekday_from_days(int32_t days);
/// "2022-07-25".
std::string format_iso_date(int32_t days);
/// Parses "YYYY-MM-DD"; throws InvalidInput naming `what` on failure.
int32_t parse_iso_date(std::string_view text, std::string_view what);

/// A compiled strftime-like pattern. Supported: %d %m %Y %y (2000+yy when < 70, else 1900+yy)
/// %H %M %S %b (Jan…Dec, case-insensitive) and literal characters. Day/month accept one or
/// two digits when followed by a literal separator ("1/7/2022").
class DateFormat {
 public:
  /// Throws InvalidInput when the pattern has an unknown directive or no year/month/day.
  explicit DateFormat(std::string_view pattern);

  /// Parses `text` fully; returns false on any mismatch or impossible date.
  /// `second` is set when the pattern has %H (else k_unknown_second).
  bool parse(std::string_view text, int32_t& day, int32_t& second) const;

  const std::string& pattern() const { return pattern_; }
  bool has_time() const { return has_time_; }

 private:
  enum class Token : uint8_t { Day, Month, Year4, Year2, Hour, Minute, Second, MonthName, Literal };
  struct Step {
    Token token;
    char literal;
  };
  std::string pattern_;
  std::vector<Step> steps_;
  bool has_time_ = false;
};

}  // namespace fincoach
