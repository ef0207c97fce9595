#include "fincoach/common/text.hpp"

#include <gtest/gtest.h>

namespace fincoach {
namespace {

TEST(Text, TrimAndNormalize) {
  EXPECT_EQ(trim("  Groceries \t"), "Groceries");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(normalize_label(" Groceries "), "groceries");
  EXPECT_EQ(normalize_label("LIDL GB  NOTTINGHA"), "lidl gb nottingha");
  EXPECT_EQ(to_lower_ascii("Dine Out"), "dine out");
  EXPECT_TRUE(iequals_ascii("Savings", "SAVINGS"));
  EXPECT_FALSE(iequals_ascii("Saving", "Savings"));
}

TEST(Text, Utf8Validation) {
  EXPECT_EQ(find_invalid_utf8("plain ascii that is longer than eight bytes"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("Almer\xc3\xad" "a"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("Almer\xed" "a"), 5u);              // Latin-1 í
  EXPECT_EQ(find_invalid_utf8("abc\xc0\xaf"), 3u);             // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xed\xa0\x80"), 0u);            // surrogate
  EXPECT_EQ(find_invalid_utf8("12345678\xe2\x82"), 8u);        // truncated sequence
  EXPECT_EQ(find_invalid_utf8("\xf0\x9f\x92\xb7 money"), std::string_view::npos);
}

TEST(Text, Latin1ToUtf8) {
  EXPECT_EQ(latin1_to_utf8("Almer\xed" "a"), "Almer\xc3\xad" "a");
  EXPECT_EQ(latin1_to_utf8("\xa3" "5"), "\xc2\xa3" "5");
}

TEST(Text, CsvEscape) {
  EXPECT_EQ(csv_escape("plain"), "plain");
  EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_escape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_escape("two\nlines"), "\"two\nlines\"");
}

}  // namespace
}  // namespace fincoach
