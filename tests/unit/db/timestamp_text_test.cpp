#include "db/timestamp_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace fincoach::db {
namespace {

std::string format(int32_t day, int32_t second) {
  char out[k_timestamp_text_size];
  format_timestamp(day, second, out);
  return std::string(out, k_timestamp_text_size);
}

TEST(TimestampText, FormatsIsoDateAndTime) {
  EXPECT_EQ(format(days_from_civil(2022, 7, 25), 0), "2022-07-25 00:00:00");
  EXPECT_EQ(format(days_from_civil(2022, 7, 25), 86399), "2022-07-25 23:59:59");
  EXPECT_EQ(format(days_from_civil(1, 1, 1), 3661), "0001-01-01 01:01:01");
  EXPECT_EQ(format(days_from_civil(9999, 12, 31), 0), "9999-12-31 00:00:00");
}

TEST(TimestampText, ParsesTheDay) {
  EXPECT_EQ(parse_timestamp_day("2022-07-25 13:45:12"), days_from_civil(2022, 7, 25));
  EXPECT_EQ(parse_timestamp_day("2022-07-25"), days_from_civil(2022, 7, 25));
  EXPECT_EQ(parse_timestamp_day("2022-07-25T13:45:12.123"), days_from_civil(2022, 7, 25));
  EXPECT_EQ(parse_timestamp_day("1969-12-31 00:00:00"), -1);
}

TEST(TimestampText, RejectsOtherText) {
  for (const char* text : {"", "2022-7-25", "2022-02-30", "2022/07/25", "2022-07-25x", "yesterday", "22-07-2025"})
    EXPECT_FALSE(parse_timestamp_day(text)) << text;
}

}  // namespace
}  // namespace fincoach::db
