#include <gtest/gtest.h>

#include "fincoach/validate/quality.hpp"
#include "unit/validate/ledger_fixture.hpp"

namespace fincoach::validate {
namespace {

using testing::build_ledger;
using testing::day_of;
using testing::simple_row;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(QualityReportText, SummarisesEachSection) {
  LedgerRow first = simple_row("alice", day_of(2022, 1, 3), -1000, AppCategory::Groceries, "LIDL");
  first.balance = 9000;
  first.raw_category = "Groceries";
  LedgerRow second = simple_row("alice", day_of(2022, 3, 3), -1000, AppCategory::Groceries, "LIDL");
  second.balance = 7000;
  second.raw_category = "Groceries ";
  const std::string text = assess_quality(build_ledger({first, second, second})).summary_text();
  EXPECT_TRUE(has(text, "Data quality of 3 rows (users: 1, currency: GBP)")) << text;
  EXPECT_TRUE(has(text, "  city            0.0%  (3 missing)")) << text;
  EXPECT_TRUE(has(text, "Exact duplicates (same user, every field equal): 1 groups, 2 rows, 1 beyond the first"))
      << text;
  EXPECT_TRUE(has(text, "alice 2022-03-03 \"LIDL\" -10.00 x2: test.csv:3, test.csv:4")) << text;
  EXPECT_TRUE(has(text, "Category cleaning: 2 raw labels -> 1 clean labels, 1 merges")) << text;
  EXPECT_TRUE(has(text, "\"groceries\" <- \"Groceries \" (2), \"Groceries\" (1)")) << text;
  EXPECT_TRUE(has(text, "Running balance: 2 pairs checked, 2 breaks")) << text;
  EXPECT_TRUE(has(text, "alice at test.csv:3: expected 80.00, found 70.00 (off by -10.00)")) << text;
  EXPECT_TRUE(has(text, "months without rows: 2022-02")) << text;
  EXPECT_TRUE(has(text, "Totals: debits 30.00 (3), credits 0.00 (0), net -30.00")) << text;
}

TEST(QualityReportText, GroupsThousands) {
  std::vector<LedgerRow> rows;
  for (int i = 0; i < 1234; ++i) rows.push_back(simple_row("a", day_of(2022, 1, 1) + i % 20, -1));
  const std::string text = assess_quality(build_ledger(rows)).summary_text();
  EXPECT_TRUE(has(text, "Data quality of 1,234 rows")) << text;
}

}  // namespace
}  // namespace fincoach::validate
