#include "ingest/time_format.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"

namespace fincoach::ingest::detail {
namespace {

int32_t parse(const char* pattern, const char* text) {
  int32_t second = -7;
  return TimeFormat(pattern).parse(text, second) ? second : -1;
}

TEST(TimeFormat, ParsesCommonPatterns) {
  EXPECT_EQ(parse("%H:%M:%S", "13:45:10"), 13 * 3600 + 45 * 60 + 10);
  EXPECT_EQ(parse("%H:%M", "08:05"), 8 * 3600 + 5 * 60);
  EXPECT_EQ(parse("%H:%M", "8:05"), 8 * 3600 + 5 * 60);  // one-digit hour before a separator
  EXPECT_EQ(parse("%H%M%S", "235959"), 86399);
  EXPECT_EQ(parse("%H", "00"), 0);
}

TEST(TimeFormat, RejectsMismatches) {
  EXPECT_EQ(parse("%H:%M", "24:00"), -1);
  EXPECT_EQ(parse("%H:%M", "12:60"), -1);
  EXPECT_EQ(parse("%H:%M:%S", "12:00:60"), -1);
  EXPECT_EQ(parse("%H:%M", "12:00:00"), -1);  // trailing text
  EXPECT_EQ(parse("%H:%M", "12-00"), -1);
  EXPECT_EQ(parse("%H%M", "815"), -1);  // no separator: two digits each
  EXPECT_EQ(parse("%H:%M", ""), -1);
}

TEST(TimeFormat, BadPatternsThrow) {
  EXPECT_THROW(TimeFormat("%M:%S"), InvalidInput);
  EXPECT_THROW(TimeFormat("%H:%Q"), InvalidInput);
  EXPECT_THROW(TimeFormat("%H%"), InvalidInput);
  EXPECT_NO_THROW(TimeFormat("%H%%"));
}

}  // namespace
}  // namespace fincoach::ingest::detail
