#include "simulate/calendar.hpp"

#include <algorithm>

#include "fincoach/common/date.hpp"

namespace fincoach::simulate::detail {
namespace {

int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : k_days[month - 1];
}

void set(std::array<float, k_spend_kind_count>& season, SpendKind kind, float factor) {
  season[static_cast<size_t>(kind)] = factor;
}

// Seasonality: Christmas shopping in December before the 25th, a lean January, summer
// evenings out, Black Friday week online.
std::array<float, k_spend_kind_count> season_of(int month, int mday) {
  std::array<float, k_spend_kind_count> season;
  season.fill(1.0f);
  if (month == 12 && mday <= 24) {
    set(season, SpendKind::OnlineShopping, 1.8f);
    set(season, SpendKind::HighStreet, 1.6f);
    set(season, SpendKind::DineOut, 1.2f);
    set(season, SpendKind::Entertainment, 1.2f);
    set(season, SpendKind::Cash, 1.2f);
  } else if (month == 1) {
    season.fill(0.88f);
    set(season, SpendKind::Fitness, 1.5f);  // new year's resolutions
  } else if (month == 7 || month == 8) {
    set(season, SpendKind::DineOut, 1.15f);
    set(season, SpendKind::Entertainment, 1.15f);
    set(season, SpendKind::Transport, 1.1f);
  } else if (month == 11 && mday >= 20) {
    set(season, SpendKind::OnlineShopping, 1.4f);
  }
  return season;
}

float energy_of(int month) {
  if (month == 12 || month <= 2) return 1.35f;
  if (month == 3 || month == 11) return 1.1f;
  if (month >= 6 && month <= 8) return 0.7f;
  return 0.95f;
}

}  // namespace

int32_t add_months(int32_t day, int months) {
  const CivilDate c = civil_from_days(day);
  const int total = c.year * 12 + (c.month - 1) + months;
  const int year = total / 12;
  const int month = total % 12 + 1;
  return days_from_civil(year, month, std::min(c.day, days_in_month(year, month)));
}

Calendar::Calendar(int32_t first_day, int months) : first_day_(first_day), end_day_(add_months(first_day, months)) {
  days_.reserve(static_cast<size_t>(end_day_ - first_day_));
  for (int32_t d = first_day_; d < end_day_; ++d) {
    const CivilDate c = civil_from_days(d);
    CalendarDay day;
    day.weekday = static_cast<uint8_t>(weekday_from_days(d));
    day.mday = static_cast<uint8_t>(c.day);
    day.month = static_cast<uint8_t>(c.month);
    day.month_length = static_cast<uint8_t>(days_in_month(c.year, c.month));
    day.month_end = c.day == day.month_length;
    day.season = season_of(c.month, c.day);
    day.energy = energy_of(c.month);
    days_.push_back(day);
  }
}

}  // namespace fincoach::simulate::detail
