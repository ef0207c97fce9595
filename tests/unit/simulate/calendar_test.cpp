#include "simulate/calendar.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/date.hpp"

namespace fincoach::simulate::detail {
namespace {

TEST(AddMonths, ClampsTheDayOfMonth) {
  EXPECT_EQ(format_iso_date(add_months(days_from_civil(2024, 1, 31), 1)), "2024-02-29");
  EXPECT_EQ(format_iso_date(add_months(days_from_civil(2023, 1, 31), 1)), "2023-02-28");
  EXPECT_EQ(format_iso_date(add_months(days_from_civil(2024, 11, 15), 3)), "2025-02-15");
  EXPECT_EQ(format_iso_date(add_months(days_from_civil(2024, 1, 1), 120)), "2034-01-01");
}

TEST(Calendar, CoversWholeMonthsWithWeekdaysAndMonthEnds) {
  const int32_t first = days_from_civil(2024, 1, 1);  // a Monday
  const Calendar cal(first, 12);
  EXPECT_EQ(cal.days(), 366);
  EXPECT_EQ(cal.end_day(), days_from_civil(2025, 1, 1));
  EXPECT_EQ(cal.at(first).weekday, 0);
  EXPECT_EQ(cal.at(first + 5).weekday, 5);
  EXPECT_TRUE(cal.at(days_from_civil(2024, 2, 29)).month_end);
  EXPECT_FALSE(cal.at(days_from_civil(2024, 2, 28)).month_end);
  EXPECT_EQ(cal.at(days_from_civil(2024, 2, 29)).month_length, 29);
}

TEST(Calendar, SeasonsRaiseDecemberShoppingAndWinterEnergy) {
  const Calendar cal(days_from_civil(2024, 1, 1), 12);
  const auto online = static_cast<size_t>(SpendKind::OnlineShopping);
  EXPECT_GT(cal.at(days_from_civil(2024, 12, 10)).season[online], cal.at(days_from_civil(2024, 10, 10)).season[online]);
  EXPECT_EQ(cal.at(days_from_civil(2024, 12, 27)).season[online], 1.0f);  // after Christmas
  EXPECT_LT(cal.at(days_from_civil(2024, 1, 10)).season[static_cast<size_t>(SpendKind::DineOut)], 1.0f);
  EXPECT_GT(cal.at(days_from_civil(2024, 1, 10)).energy, cal.at(days_from_civil(2024, 7, 10)).energy);
}

}  // namespace
}  // namespace fincoach::simulate::detail
