#include "fincoach/common/date.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"

namespace fincoach {
namespace {

TEST(Date, CivilRoundTripOverFourCenturies) {
  // Differential: the closed-form conversion agrees with stepping one day at a time.
  int y = 1900, m = 1, d = 1;
  for (int32_t days = days_from_civil(1900, 1, 1); days < days_from_civil(2300, 1, 1); ++days) {
    const CivilDate c = civil_from_days(days);
    ASSERT_EQ(c.year, y);
    ASSERT_EQ(c.month, m);
    ASSERT_EQ(c.day, d);
    if (!is_valid_civil(y, m, ++d)) {
      d = 1;
      if (++m == 13) m = 1, ++y;
    }
  }
}

TEST(Date, KnownAnchors) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(format_iso_date(days_from_civil(2015, 7, 27)), "2015-07-27");
  EXPECT_EQ(weekday_from_days(days_from_civil(2022, 7, 25)), 0);  // a Monday
  EXPECT_EQ(weekday_from_days(days_from_civil(1969, 12, 28)), 6);  // a Sunday before the epoch
  EXPECT_FALSE(is_valid_civil(2023, 2, 29));
  EXPECT_TRUE(is_valid_civil(2024, 2, 29));
  EXPECT_FALSE(is_valid_civil(1900, 2, 29));
  EXPECT_TRUE(is_valid_civil(2000, 2, 29));
}

TEST(DateFormat, ParsesTheBankFormats) {
  int32_t day = 0, second = 0;
  ASSERT_TRUE(DateFormat("%d/%m/%Y").parse("25/07/2022", day, second));
  EXPECT_EQ(day, days_from_civil(2022, 7, 25));
  EXPECT_EQ(second, k_unknown_second);
  ASSERT_TRUE(DateFormat("%d/%m/%Y").parse("1/7/2022", day, second));
  EXPECT_EQ(day, days_from_civil(2022, 7, 1));
  ASSERT_TRUE(DateFormat("%y%m%d").parse("220725", day, second));
  EXPECT_EQ(day, days_from_civil(2022, 7, 25));
  ASSERT_TRUE(DateFormat("%y%m%d").parse("991231", day, second));
  EXPECT_EQ(day, days_from_civil(1999, 12, 31));
  ASSERT_TRUE(DateFormat("%Y-%m-%d %H:%M:%S").parse("2024-02-29 23:59:58", day, second));
  EXPECT_EQ(day, days_from_civil(2024, 2, 29));
  EXPECT_EQ(second, 23 * 3600 + 59 * 60 + 58);
  ASSERT_TRUE(DateFormat("%d %b %Y").parse("03 Mar 2021", day, second));
  EXPECT_EQ(day, days_from_civil(2021, 3, 3));
}

TEST(DateFormat, RejectsImpossibleOrMalformedDates) {
  int32_t day = 0, second = 0;
  const DateFormat dmy("%d/%m/%Y");
  for (const char* bad : {"31/02/2022", "29/02/2023", "00/01/2022", "12/13/2022", "2022-07-25", "25/07/22",
                          "25/07/2022 ", "", "25//2022", "aa/bb/cccc"})
    EXPECT_FALSE(dmy.parse(bad, day, second)) << bad;
  EXPECT_FALSE(DateFormat("%y%m%d").parse("22725", day, second));
  EXPECT_FALSE(DateFormat("%Y-%m-%d %H:%M:%S").parse("2024-01-01 24:00:00", day, second));
}

TEST(DateFormat, PatternErrorsNameThePattern) {
  EXPECT_THROW(DateFormat("%d/%m"), InvalidInput);
  EXPECT_THROW(DateFormat("%d/%m/%Q"), InvalidInput);
  EXPECT_THROW(DateFormat("%d/%m/%Y%"), InvalidInput);
  try {
    DateFormat("%d-%q-%Y");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("%q"), std::string::npos);
  }
}

TEST(Date, ParseIsoDateNamesWhatWasWrong) {
  EXPECT_EQ(parse_iso_date("2022-07-25", "--as-of"), days_from_civil(2022, 7, 25));
  try {
    parse_iso_date("25/07/2022", "--as-of");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("--as-of"), std::string::npos);
  }
}

}  // namespace
}  // namespace fincoach
