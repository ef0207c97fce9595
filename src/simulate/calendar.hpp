#pragma once
// The simulated days with what the day loop asks of each: weekday, day of month, month,
// whether it ends a month, and the seasonal multipliers of each spending kind.

#include <array>
#include <cstdint>
#include <vector>

#include "fincoach/simulate/persona.hpp"

namespace fincoach::simulate::detail {

struct CalendarDay {
  uint8_t weekday = 0;  ///< 0 = Monday
  uint8_t mday = 1;     ///< 1..31
  uint8_t month = 1;    ///< 1..12
  uint8_t month_length = 31;
  bool month_end = false;
  /// Multiplier of the discretionary rate of each kind on this day (December, summer, …).
  std::array<float, k_spend_kind_count> season{};
  /// Multiplier of energy bills (winter high, summer low).
  float energy = 1.0f;
};

class Calendar {
 public:
  /// Days [first_day, first_day + `months` calendar months).
  Calendar(int32_t first_day, int months);

  int32_t first_day() const { return first_day_; }
  int32_t end_day() const { return end_day_; }
  int32_t days() const { return end_day_ - first_day_; }
  const CalendarDay& at(int32_t day) const { return days_[static_cast<size_t>(day - first_day_)]; }

 private:
  int32_t first_day_;
  int32_t end_day_;
  std::vector<CalendarDay> days_;
};

/// Adds `months` calendar months to a day, clamping the day of month (31 Jan + 1 = 28/29 Feb).
int32_t add_months(int32_t day, int months);

}  // namespace fincoach::simulate::detail
