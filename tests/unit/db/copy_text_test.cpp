#include "db/copy_text.hpp"

#include <gtest/gtest.h>

namespace fincoach::db {
namespace {

TEST(CopyText, EscapesBackslashTabNewlineAndCarriageReturn) {
  std::string out;
  append_copy_escaped(out, "a\tb\nc\rd\\e caf\xc3\xa9");
  EXPECT_EQ(out, "a\\tb\\nc\\rd\\\\e caf\xc3\xa9");
}

TEST(CopyText, SplitsFieldsAndMarksNulls) {
  CopyLine line;
  ASSERT_EQ(split_copy_line("1\t\\N\t\thello", line), 4u);
  EXPECT_EQ(line.fields[0], "1");
  EXPECT_TRUE(line.nulls[1]);
  EXPECT_FALSE(line.nulls[2]);
  EXPECT_EQ(line.fields[2], "");
  EXPECT_EQ(line.fields[3], "hello");
}

TEST(CopyText, UnescapesWhatItEscaped) {
  const std::string original = "tab\there\\N, new\nline\\ and \r";
  std::string encoded;
  append_copy_escaped(encoded, original);
  encoded += '\t';
  append_copy_escaped(encoded, "second");
  CopyLine line;
  ASSERT_EQ(split_copy_line(encoded, line), 2u);
  EXPECT_FALSE(line.nulls[0]);
  EXPECT_EQ(line.fields[0], original);
  EXPECT_EQ(line.fields[1], "second");
}

TEST(CopyText, DecodesThePostgresEscapes) {
  CopyLine line;
  split_copy_line("\\b\\f\\v\\x", line);
  EXPECT_EQ(line.fields[0], "\b\f\vx");
}

TEST(CopyText, ManyEscapedFieldsStayValid) {
  std::string encoded;
  for (int i = 0; i < 50; ++i) {
    if (i) encoded += '\t';
    append_copy_escaped(encoded, std::string(i, '\\'));
  }
  CopyLine line;
  ASSERT_EQ(split_copy_line(encoded, line), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(line.fields[static_cast<size_t>(i)], std::string(i, '\\'));
}

}  // namespace
}  // namespace fincoach::db
