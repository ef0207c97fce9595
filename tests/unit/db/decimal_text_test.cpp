#include "db/decimal_text.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace fincoach::db {
namespace {

std::string format(int64_t minor, int digits) {
  char out[k_decimal_text_max];
  return std::string(out, format_decimal(minor, digits, out));
}

TEST(DecimalText, FormatsMinorUnits) {
  EXPECT_EQ(format(123450, 2), "1234.50");
  EXPECT_EQ(format(-5, 2), "-0.05");
  EXPECT_EQ(format(0, 2), "0.00");
  EXPECT_EQ(format(7, 0), "7");
  EXPECT_EQ(format(-123, 1), "-12.3");
  EXPECT_EQ(format(std::numeric_limits<int64_t>::min(), 2), "-92233720368547758.08");
}

TEST(DecimalText, ParsesWithExtraZeroDecimals) {
  EXPECT_EQ(parse_decimal("1234.50", 2), 123450);
  EXPECT_EQ(parse_decimal("-0.05", 2), -5);
  EXPECT_EQ(parse_decimal("1234.00", 0), 1234);
  EXPECT_EQ(parse_decimal("12.3", 2), 1230);
  EXPECT_EQ(parse_decimal("12", 2), 1200);
  EXPECT_EQ(parse_decimal("+1.5", 1), 15);
  EXPECT_EQ(parse_decimal(".5", 1), 5);
}

TEST(DecimalText, RejectsLostDigitsGarbageAndOverflow) {
  EXPECT_FALSE(parse_decimal("12.34", 1));
  EXPECT_FALSE(parse_decimal("", 2));
  EXPECT_FALSE(parse_decimal("-", 2));
  EXPECT_FALSE(parse_decimal("1.2.3", 2));
  EXPECT_FALSE(parse_decimal("1e5", 2));
  EXPECT_FALSE(parse_decimal("NaN", 2));
  EXPECT_FALSE(parse_decimal("99999999999999999999", 2));
}

TEST(DecimalText, RoundTrips) {
  for (int64_t v : {0LL, 1LL, -1LL, 99LL, 100LL, -100LL, 999999999999LL, -999999999999LL})
    for (int digits : {0, 1, 2}) EXPECT_EQ(parse_decimal(format(v, digits), digits), v) << v << " " << digits;
}

}  // namespace
}  // namespace fincoach::db
