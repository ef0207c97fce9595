#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "fincoach/common/error.hpp"
#include "fincoach/validate/quality.hpp"
#include "unit/validate/ledger_fixture.hpp"

namespace fincoach::validate {
namespace {

using testing::build_ledger;
using testing::day_of;
using testing::simple_row;

LedgerRow typed(int32_t day, int64_t amount, AppCategory category, std::string_view type,
                std::string_view raw_category) {
  LedgerRow row = simple_row("alice", day, amount, category);
  row.type_code = type;
  row.raw_category = raw_category;
  return row;
}

Ledger mixed() {
  return build_ledger({
      typed(day_of(2022, 1, 5), -1502, AppCategory::Groceries, "DEB", "Groceries"),
      typed(day_of(2022, 1, 6), -311, AppCategory::Savings, "BP", "Savings"),
      typed(day_of(2022, 1, 7), 250000, AppCategory::Income, "BGC", "Paycheck"),
      typed(day_of(2022, 2, 1), 1502, AppCategory::Groceries, "DEB", "Groceries"),  // a refund
      typed(day_of(2022, 2, 2), -100, AppCategory::Other, "DEB", "Others"),
      typed(day_of(2022, 2, 3), -200, AppCategory::Other, "DEB", "Others"),
      typed(day_of(2022, 2, 4), 50, AppCategory::Other, "", ""),
      typed(day_of(2022, 4, 4), -1000, AppCategory::Other, "CPT", "Cash"),
      typed(day_of(2022, 4, 5), 0, AppCategory::Bills, "DD", "Bills"),
  });
}

TEST(QualityTotals, AllAndByCategory) {
  const TotalsSection section = assess_quality(mixed()).totals;
  EXPECT_EQ(section.all.debit_rows, 5u);
  EXPECT_EQ(section.all.credit_rows, 3u);
  EXPECT_EQ(section.all.zero_rows, 1u);
  EXPECT_EQ(section.all.debits, 1502 + 311 + 100 + 200 + 1000);
  EXPECT_EQ(section.all.credits, 250000 + 1502 + 50);
  EXPECT_EQ(section.all.net(), 250000 + 1502 + 50 - (1502 + 311 + 100 + 200 + 1000));
  ASSERT_EQ(section.by_category.size(), 11u);
  const CategoryTotal& groceries = section.by_category[static_cast<size_t>(AppCategory::Groceries)];
  EXPECT_EQ(groceries.category, AppCategory::Groceries);
  EXPECT_EQ(groceries.totals.debits, 1502);
  EXPECT_EQ(groceries.totals.credits, 1502);
  EXPECT_EQ(groceries.totals.net(), 0);
  const CategoryTotal& health = section.by_category[static_cast<size_t>(AppCategory::Health)];
  EXPECT_EQ(health.totals.rows(), 0u);
}

TEST(QualityTotals, ByTypeMostRowsFirst) {
  const TotalsSection section = assess_quality(mixed()).totals;
  EXPECT_EQ(section.type_count, 6u);
  ASSERT_EQ(section.by_type.size(), 6u);
  EXPECT_EQ(section.by_type[0].type, "DEB");
  EXPECT_EQ(section.by_type[0].totals.rows(), 4u);
  EXPECT_EQ(section.by_type[0].totals.debits, 1802);
  EXPECT_EQ(section.by_type[0].totals.credits, 1502);
  EXPECT_EQ(section.by_type[1].type, "");  // ties by label: the empty code first
  EXPECT_EQ(section.by_type[1].totals.credits, 50);
  EXPECT_EQ(section.by_type[2].type, "BGC");
}

TEST(QualityTotals, ByMonthInCalendarOrder) {
  const TotalsSection section = assess_quality(mixed()).totals;
  ASSERT_EQ(section.by_month.size(), 3u);  // March has no row and no entry
  EXPECT_EQ(section.by_month[0].month, (YearMonth{2022, 1}));
  EXPECT_EQ(section.by_month[0].totals.debits, 1813);
  EXPECT_EQ(section.by_month[0].totals.credits, 250000);
  EXPECT_EQ(section.by_month[1].month, (YearMonth{2022, 2}));
  EXPECT_EQ(section.by_month[1].totals.debits, 300);
  EXPECT_EQ(section.by_month[1].totals.credits, 1552);
  EXPECT_EQ(section.by_month[2].month, (YearMonth{2022, 4}));
  EXPECT_EQ(section.by_month[2].totals.debit_rows, 1u);
  EXPECT_EQ(section.by_month[2].totals.zero_rows, 1u);
}

TEST(QualityTotals, ByMonthMergesUsers) {
  const Ledger ledger =
      build_ledger({simple_row("a", day_of(2022, 1, 5), -100), simple_row("b", day_of(2022, 1, 9), -50),
                    simple_row("b", day_of(2021, 12, 9), 70)});
  const TotalsSection section = assess_quality(ledger).totals;
  ASSERT_EQ(section.by_month.size(), 2u);
  EXPECT_EQ(section.by_month[0].month, (YearMonth{2021, 12}));
  EXPECT_EQ(section.by_month[0].totals.credits, 70);
  EXPECT_EQ(section.by_month[1].totals.debits, 150);
  EXPECT_EQ(section.by_month[1].totals.debit_rows, 2u);
}

TEST(QualityTotals, OtherListsRawLabels) {
  const OtherSection section = assess_quality(mixed()).other;
  EXPECT_EQ(section.totals.rows(), 4u);
  EXPECT_EQ(section.totals.debits, 1300);
  EXPECT_EQ(section.totals.credits, 50);
  EXPECT_EQ(section.label_count, 3u);
  ASSERT_EQ(section.labels.size(), 3u);
  EXPECT_EQ(section.labels[0].label, "Others");
  EXPECT_EQ(section.labels[0].totals.rows(), 2u);
  EXPECT_EQ(section.labels[0].totals.debits, 300);
  EXPECT_EQ(section.labels[1].label, "");
  EXPECT_EQ(section.labels[1].totals.credits, 50);
  EXPECT_EQ(section.labels[2].label, "Cash");
  EXPECT_EQ(section.labels[2].totals.net(), -1000);
}

TEST(QualityTotals, OverflowIsInvalidInput) {
  constexpr int64_t big = std::numeric_limits<int64_t>::max();
  EXPECT_THROW(assess_quality(build_ledger({simple_row("a", 1, big), simple_row("a", 2, big)})), InvalidInput);
  EXPECT_THROW(assess_quality(build_ledger({simple_row("a", 1, std::numeric_limits<int64_t>::min())})), InvalidInput);
}

}  // namespace
}  // namespace fincoach::validate
