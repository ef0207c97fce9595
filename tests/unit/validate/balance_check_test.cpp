#include <gtest/gtest.h>

#include "fincoach/validate/quality.hpp"
#include "unit/validate/ledger_fixture.hpp"

namespace fincoach::validate {
namespace {

using testing::build_ledger;
using testing::day_of;
using testing::simple_row;

LedgerRow with_balance(std::string_view user, int day, int64_t amount, int64_t balance) {
  LedgerRow row = simple_row(user, day_of(2022, 5, day), amount);
  row.balance = balance;
  return row;
}

TEST(QualityBalanceCheck, ReportsBreakWithExpectedAndActual) {
  const Ledger ledger = build_ledger({
      with_balance("alice", 2, 100000, 100000),  // line 2
      with_balance("alice", 3, -10000, 90000),   // line 3
      with_balance("alice", 3, -5000, 86000),    // line 4: expected 85000
      with_balance("alice", 4, -6000, 80000),    // line 5: checked from 86000, fine
  });
  const BalanceSection section = assess_quality(ledger).balance;
  EXPECT_EQ(section.rows_with_balance, 4u);
  EXPECT_EQ(section.rows_without_balance, 0u);
  EXPECT_EQ(section.pairs_checked, 3u);
  EXPECT_EQ(section.breaks, 1u);
  ASSERT_EQ(section.listed.size(), 1u);
  const BalanceBreak& item = section.listed[0];
  EXPECT_EQ(item.user, "alice");
  EXPECT_EQ(item.previous.line, 3u);
  EXPECT_EQ(item.source.line, 4u);
  EXPECT_EQ(item.source.file, "test.csv");
  EXPECT_EQ(item.expected, 85000);
  EXPECT_EQ(item.actual, 86000);
  EXPECT_EQ(item.difference(), 1000);
}

TEST(QualityBalanceCheck, RowsWithoutBalanceAreSkippedButTheirAmountsCount) {
  const Ledger ledger = build_ledger({
      simple_row("alice", day_of(2022, 5, 1), -700),  // before any balance: nothing to check
      with_balance("alice", 2, -1000, 9000), simple_row("alice", day_of(2022, 5, 3), -2000),  // no balance
      with_balance("alice", 4, -500, 6500),                                                   // 9000 − 2000 − 500
  });
  const BalanceSection section = assess_quality(ledger).balance;
  EXPECT_EQ(section.rows_without_balance, 2u);
  EXPECT_EQ(section.rows_with_balance, 2u);
  EXPECT_EQ(section.pairs_checked, 1u);
  EXPECT_EQ(section.breaks, 0u);
}

TEST(QualityBalanceCheck, EachUserIsItsOwnChain) {
  const Ledger ledger = build_ledger({
      with_balance("alice", 2, -1000, 9000),
      with_balance("alice", 3, -1000, 8000),
      with_balance("bob", 4, -1000, 50000),  // not compared with alice's last balance
      with_balance("bob", 5, 2500, 52500),
  });
  const BalanceSection section = assess_quality(ledger).balance;
  EXPECT_EQ(section.pairs_checked, 2u);
  EXPECT_EQ(section.breaks, 0u);
}

TEST(QualityBalanceCheck, NoBalanceColumnChecksNothing) {
  const BalanceSection section =
      assess_quality(build_ledger({simple_row("a", day_of(2022, 1, 3), -1), simple_row("a", day_of(2022, 1, 4), -2)}))
          .balance;
  EXPECT_EQ(section.pairs_checked, 0u);
  EXPECT_EQ(section.rows_without_balance, 2u);
  EXPECT_EQ(section.breaks, 0u);
}

TEST(QualityBalanceCheck, BreaksListCappedCountExact) {
  std::vector<LedgerRow> rows;
  for (int day = 1; day <= 6; ++day) rows.push_back(with_balance("alice", day, -100, 1000 * day));
  QualityParams params;
  params.max_listed = 2;
  const BalanceSection section = assess_quality(build_ledger(rows), params).balance;
  EXPECT_EQ(section.pairs_checked, 5u);
  EXPECT_EQ(section.breaks, 5u);
  ASSERT_EQ(section.listed.size(), 2u);
  EXPECT_EQ(section.listed[1].expected, 1900);
  EXPECT_EQ(section.listed[1].actual, 3000);
}

}  // namespace
}  // namespace fincoach::validate
