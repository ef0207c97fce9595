#include "fincoach/common/money.hpp"

#include <gtest/gtest.h>

namespace fincoach {
namespace {

int64_t parse_ok(std::string_view text, DecimalFormat format = {}) {
  int64_t v = 0;
  EXPECT_EQ(parse_minor_units(text, format, v), ParseStatus::Ok) << text;
  return v;
}

ParseStatus status_of(std::string_view text, DecimalFormat format = {}) {
  int64_t v = 0;
  return parse_minor_units(text, format, v);
}

TEST(Money, ParsesMinimalAndSignedForms) {
  EXPECT_EQ(parse_ok("3.11"), 311);
  EXPECT_EQ(parse_ok("0.5"), 50);
  EXPECT_EQ(parse_ok("25"), 2500);
  EXPECT_EQ(parse_ok(" -1000 "), -100000);
  EXPECT_EQ(parse_ok("+7.1"), 710);
  EXPECT_EQ(parse_ok("(12.00)"), -1200);
  EXPECT_EQ(parse_ok(".5"), 50);
  EXPECT_EQ(parse_ok("1.230"), 123);  // trailing zero beyond the minor unit is exact
}

TEST(Money, DecimalCommaAndThousands) {
  const DecimalFormat eu{',', '.', 2};
  EXPECT_EQ(parse_ok("1.234,56", eu), 123456);
  EXPECT_EQ(parse_ok("-12.345.678,9", eu), -1234567890);
  EXPECT_EQ(parse_ok("12,5", eu), 1250);
  const DecimalFormat uk{'.', ',', 2};
  EXPECT_EQ(parse_ok("94,066.01", uk), 9406601);
  EXPECT_EQ(status_of("94,06.01", uk), ParseStatus::Invalid);
  EXPECT_EQ(status_of(",123.00", uk), ParseStatus::Invalid);
  EXPECT_EQ(status_of("1234,567.00", uk), ParseStatus::Invalid);
  const DecimalFormat yen{'.', '\0', 0};
  EXPECT_EQ(parse_ok("1500", yen), 1500);
  EXPECT_EQ(status_of("1500.5", yen), ParseStatus::TooManyDecimals);
}

TEST(Money, RejectsWhatIsNotAnAmount) {
  EXPECT_EQ(status_of(""), ParseStatus::Empty);
  EXPECT_EQ(status_of("   "), ParseStatus::Empty);
  EXPECT_EQ(status_of("£3.00"), ParseStatus::Invalid);
  EXPECT_EQ(status_of("3.1.1"), ParseStatus::Invalid);
  EXPECT_EQ(status_of("1e3"), ParseStatus::Invalid);
  EXPECT_EQ(status_of("-"), ParseStatus::Invalid);
  EXPECT_EQ(status_of("."), ParseStatus::Invalid);
  EXPECT_EQ(status_of("(-5)"), ParseStatus::Invalid);
  EXPECT_EQ(status_of("1.234"), ParseStatus::TooManyDecimals);
  EXPECT_EQ(status_of("99999999999999999999"), ParseStatus::Overflow);
}

TEST(Money, FormatsMinorUnits) {
  EXPECT_EQ(format_minor_units(311), "3.11");
  EXPECT_EQ(format_minor_units(-5), "-0.05");
  EXPECT_EQ(format_minor_units(0), "0.00");
  EXPECT_EQ(format_minor_units(51117892), "511178.92");
  EXPECT_EQ(format_minor_units(1500, 0), "1500");
  EXPECT_EQ(format_minor_units(INT64_MIN), "-92233720368547758.08");
  EXPECT_DOUBLE_EQ(to_major(-250), -2.5);
}

TEST(Money, CurrencyCodes) {
  EXPECT_TRUE(is_currency_code("GBP"));
  EXPECT_FALSE(is_currency_code("gbp"));
  EXPECT_FALSE(is_currency_code("GBPX"));
}

}  // namespace
}  // namespace fincoach
