#include "ingest/csv_splitter.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace fincoach::ingest::detail {
namespace {

struct Split {
  RecordStatus status;
  uint64_t line;
  std::vector<std::string> fields;
  size_t bad_field = 0;
  bool operator==(const Split&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Split& s) {
  os << "{status " << static_cast<int>(s.status) << ", line " << s.line << ", bad " << s.bad_field << ", fields";
  for (const std::string& f : s.fields) os << " [" << f << "]";
  return os << "}";
}

std::vector<Split> split(std::string_view text, char delimiter = ',', char quote = '"') {
  CsvSplitter splitter(text, delimiter, quote);
  CsvRecord record;
  std::vector<Split> out;
  while (splitter.next(record)) {
    Split s{record.status, record.line, {}, 0};
    if (record.status == RecordStatus::Ok || record.status == RecordStatus::Blank)
      s.fields.assign(record.fields.begin(), record.fields.end());
    if (record.status == RecordStatus::BadQuote) s.bad_field = record.bad_field;
    out.push_back(s);
  }
  return out;
}

using Fields = std::vector<std::string>;

TEST(CsvSplitter, PlainRecordsAndLineNumbers) {
  const auto records = split("a,b,c\n1,,3\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(records[1].fields, (Fields{"1", "", "3"}));
  EXPECT_EQ(records[1].line, 2u);
}

TEST(CsvSplitter, CrlfAndNoFinalNewline) {
  const auto records = split("a,b\r\nc,d\r\ne,f");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields, (Fields{"c", "d"}));
  EXPECT_EQ(records[2].fields, (Fields{"e", "f"}));
  EXPECT_EQ(records[2].line, 3u);
  EXPECT_EQ(split("a,b\r")[0].fields, (Fields{"a", "b"}));
  // A '\r' that does not end the line is data.
  EXPECT_EQ(split("a\rb,c\r,d\n")[0].fields, (Fields{"a\rb", "c\r", "d"}));
}

TEST(CsvSplitter, TrailingDelimiterGivesAnEmptyLastField) {
  EXPECT_EQ(split("a,b,\n")[0].fields, (Fields{"a", "b", ""}));
  EXPECT_EQ(split("a,b,")[0].fields, (Fields{"a", "b", ""}));
}

TEST(CsvSplitter, BlankLinesAreMarked) {
  const auto records = split("a\n\n\r\nb\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[1].status, RecordStatus::Blank);
  EXPECT_EQ(records[2].status, RecordStatus::Blank);
  EXPECT_EQ(records[3].fields, (Fields{"b"}));
  EXPECT_EQ(records[3].line, 4u);
}

TEST(CsvSplitter, QuotedFieldsUnescapeAndSpanLines) {
  const auto records = split("\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\nnext,\"\"\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"a,b", "say \"hi\"", "x\ny"}));
  EXPECT_EQ(records[1].fields, (Fields{"next", ""}));
  EXPECT_EQ(records[1].line, 3u);
}

TEST(CsvSplitter, SeveralEscapedFieldsInOneRecordStayIntact) {
  // The scratch buffer grows while later fields are unescaped; earlier views must survive.
  std::string text;
  for (int i = 0; i < 20; ++i)
    text += "\"" + std::string(static_cast<size_t>(50 + i), 'a' + static_cast<char>(i)) + "\"\"\",";
  text += "end\n";
  const auto records = split(text);
  ASSERT_EQ(records.size(), 1u);
  ASSERT_EQ(records[0].fields.size(), 21u);
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(records[0].fields[static_cast<size_t>(i)],
              std::string(static_cast<size_t>(50 + i), 'a' + static_cast<char>(i)) + "\"");
}

TEST(CsvSplitter, QuoteInsideAnUnquotedFieldIsData) {
  EXPECT_EQ(split("5\" screen,x\n")[0].fields, (Fields{"5\" screen", "x"}));
}

TEST(CsvSplitter, UnterminatedQuoteRunsToTheEnd) {
  const auto records = split("a,b\nc,\"open\nmore\nlines\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].status, RecordStatus::UnterminatedQuote);
  EXPECT_EQ(records[1].line, 2u);
}

TEST(CsvSplitter, TextAfterAClosingQuoteIsABadQuote) {
  const auto records = split("\"ab\"c,d\nnext\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].status, RecordStatus::BadQuote);
  EXPECT_EQ(records[0].bad_field, 0u);
  EXPECT_EQ(records[1].fields, (Fields{"next"}));
  EXPECT_EQ(records[1].line, 2u);
}

TEST(CsvSplitter, OtherDelimiterAndNoQuoting) {
  EXPECT_EQ(split("a;\"b;c\"\n", ';')[0].fields, (Fields{"a", "b;c"}));
  EXPECT_EQ(split("a\t\"b\"\n", '\t', '\0')[0].fields, (Fields{"a", "\"b\""}));
}

TEST(CsvSplitter, FieldsAcrossBlockBoundaries) {
  // Fields longer than a 64-byte block, and delimiters on both sides of block edges.
  const std::string long_field(150, 'x');
  std::string text;
  for (int i = 0; i < 10; ++i) text += long_field.substr(0, static_cast<size_t>(i * 13)) + ",";
  text += long_field + "\n" + long_field;
  const auto records = split(text);
  ASSERT_EQ(records.size(), 2u);
  ASSERT_EQ(records[0].fields.size(), 11u);
  for (size_t i = 0; i < 10; ++i) EXPECT_EQ(records[0].fields[i].size(), i * 13);
  EXPECT_EQ(records[0].fields[10], long_field);
  EXPECT_EQ(records[1].fields, (Fields{long_field}));
}

TEST(CsvSplitter, PositionAdvancesToTheEnd) {
  const std::string text = "a,b\nc,d\n";
  CsvSplitter splitter(text, ',', '"');
  CsvRecord record;
  while (splitter.next(record)) {
  }
  EXPECT_EQ(splitter.position(), text.size());
}

// The naive path: one character at a time, written straight from RFC 4180 plus the
// splitter's documented choices (blank lines, '\r' handling, bad quotes skip the line).
std::vector<Split> naive_split(const std::string& t, char delim, char quote) {
  std::vector<Split> out;
  const size_t n = t.size();
  size_t pos = 0;
  uint64_t line = 1;
  auto at_line_end = [&](size_t p) { return t[p] == '\n' || (t[p] == '\r' && (p + 1 == n || t[p + 1] == '\n')); };
  while (pos < n) {
    Split rec{RecordStatus::Ok, line, {}, 0};
    if (at_line_end(pos)) {
      rec.status = RecordStatus::Blank;
      if (t[pos] == '\r') ++pos;
      if (pos < n && t[pos] == '\n') ++pos;
      ++line;
      out.push_back(rec);
      continue;
    }
    for (;;) {
      if (quote != '\0' && pos < n && t[pos] == quote) {
        std::string value;
        size_t i = pos + 1;
        bool closed = false;
        uint64_t newlines = 0;
        while (i < n) {
          if (t[i] == quote) {
            if (i + 1 < n && t[i + 1] == quote) {
              value += quote;
              i += 2;
              continue;
            }
            closed = true;
            break;
          }
          if (t[i] == '\n') ++newlines;
          value += t[i++];
        }
        line += newlines;
        if (!closed) {
          rec.status = RecordStatus::UnterminatedQuote;
          pos = n;
          break;
        }
        rec.fields.push_back(value);
        pos = i + 1;
        if (pos < n && t[pos] != delim && !at_line_end(pos)) {
          rec.status = RecordStatus::BadQuote;
          rec.bad_field = rec.fields.size() - 1;
          while (pos < n && t[pos] != '\n') ++pos;
          if (pos < n) {
            ++pos;
            ++line;
          }
          break;
        }
      } else {
        size_t j = pos;
        while (j < n && t[j] != delim && t[j] != '\n') ++j;
        size_t end = j;
        if (end > pos && t[end - 1] == '\r' && (j == n || t[j] == '\n')) --end;
        rec.fields.push_back(t.substr(pos, end - pos));
        pos = end;
      }
      if (pos >= n) break;
      if (t[pos] == delim) {
        ++pos;
        continue;
      }
      if (t[pos] == '\r') ++pos;
      if (pos < n && t[pos] == '\n') ++pos;
      ++line;
      break;
    }
    if (rec.status != RecordStatus::Ok) rec.fields.clear();
    out.push_back(rec);
  }
  return out;
}

TEST(CsvSplitter, MatchesTheNaiveSplitterOnRandomInput) {
  std::mt19937 rng(20240101);
  const std::string alphabet = "ab,,\"\"\n\r ;x";
  for (int trial = 0; trial < 3000; ++trial) {
    std::uniform_int_distribution<size_t> length(0, 300);
    std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
    std::string text(length(rng), ' ');
    for (char& c : text) c = alphabet[pick(rng)];
    const char quote = trial % 5 == 0 ? '\0' : '"';
    const char delim = trial % 7 == 0 ? ';' : ',';
    ASSERT_EQ(split(text, delim, quote), naive_split(text, delim, quote)) << "trial " << trial << " text: " << text;
  }
}

}  // namespace
}  // namespace fincoach::ingest::detail
