#include "ingest/plain_number.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace fincoach::ingest::detail {
namespace {

TEST(PlainNumber, ParsesThePlainShape) {
  const DecimalFormat uk;
  int64_t v = 0;
  EXPECT_TRUE(parse_plain_minor_units("3.11", uk, v));
  EXPECT_EQ(v, 311);
  EXPECT_TRUE(parse_plain_minor_units("0.5", uk, v));
  EXPECT_EQ(v, 50);
  EXPECT_TRUE(parse_plain_minor_units("25", uk, v));
  EXPECT_EQ(v, 2500);
  const DecimalFormat eu{',', '.', 2};
  EXPECT_TRUE(parse_plain_minor_units("12,5", eu, v));
  EXPECT_EQ(v, 1250);
}

TEST(PlainNumber, LeavesEverythingElseToTheGeneralParser) {
  const DecimalFormat uk{'.', ',', 2};
  int64_t v = 42;
  for (const char* text :
       {"", "-3.11", "+1", " 1", "1 ", "1,234.00", "1.234", ".5", "5.", "(1.00)", "1e5", "1234567890123", "abc"})
    EXPECT_FALSE(parse_plain_minor_units(text, uk, v)) << text;
  EXPECT_EQ(v, 42);
}

// Differential: wherever the fast path answers, it agrees with parse_minor_units.
TEST(PlainNumber, AgreesWithParseMinorUnits) {
  std::mt19937 rng(7);
  const std::string alphabet = "0123456789.,-+ ";
  const DecimalFormat formats[] = {{'.', '\0', 2}, {'.', ',', 2}, {',', '.', 2}, {'.', '\0', 0}, {',', ' ', 3}};
  int answered = 0;
  for (int trial = 0; trial < 200000; ++trial) {
    std::uniform_int_distribution<size_t> length(0, 14);
    std::uniform_int_distribution<size_t> pick(0, trial % 2 == 0 ? 10 : alphabet.size() - 1);
    std::string text(length(rng), '0');
    for (char& c : text) c = alphabet[pick(rng)];
    const DecimalFormat& format = formats[static_cast<size_t>(trial) % std::size(formats)];
    int64_t fast = 0, general = 0;
    if (!parse_plain_minor_units(text, format, fast)) continue;
    ++answered;
    ASSERT_EQ(parse_minor_units(text, format, general), ParseStatus::Ok) << "'" << text << "'";
    ASSERT_EQ(fast, general) << "'" << text << "'";
  }
  EXPECT_GT(answered, 10000);
}

}  // namespace
}  // namespace fincoach::ingest::detail
