#include <gtest/gtest.h>

#include "fincoach/validate/quality.hpp"
#include "unit/validate/ledger_fixture.hpp"

namespace fincoach::validate {
namespace {

using testing::build_ledger;
using testing::day_of;
using testing::simple_row;

std::vector<uint32_t> lines_of(const DuplicateGroup& group) {
  std::vector<uint32_t> lines;
  for (const SourceRef& row : group.rows) lines.push_back(row.line);
  return lines;
}

LedgerRow pizza(std::string_view user, int32_t day, int64_t balance) {
  LedgerRow row = simple_row(user, day, -999, AppCategory::DineOut, "DOMINO'S PIZZA");
  row.balance = balance;
  return row;
}

TEST(QualityDuplicates, PlantedExactDuplicateAndSuspectedGroups) {
  const int32_t monday = day_of(2022, 7, 4);
  const int32_t tuesday = day_of(2022, 7, 5);
  const Ledger ledger = build_ledger({
      pizza("alice", monday, 10000),       // line 2 ┐ same day, description, amount,
      pizza("alice", monday, 9001),        // line 3 │ different balances: suspected only
      simple_row("alice", monday, -500),   // line 4
      pizza("alice", monday, 8002),        // line 5 ┘
      simple_row("alice", tuesday, -250),  // line 6 ┐ every field equal: exact duplicate
      simple_row("alice", tuesday, -250),  // line 7 ┘
      pizza("alice", tuesday, 7000),       // line 8: another day, no group
      pizza("bob", monday, 10000),         // line 9: another user, no group
  });
  const QualityReport report = assess_quality(ledger);

  const DuplicateSection& exact = report.exact_duplicates;
  EXPECT_EQ(exact.groups, 1u);
  EXPECT_EQ(exact.rows, 2u);
  EXPECT_EQ(exact.extra_rows(), 1u);
  ASSERT_EQ(exact.listed.size(), 1u);
  EXPECT_EQ(exact.listed[0].user, "alice");
  EXPECT_EQ(exact.listed[0].day, tuesday);
  EXPECT_EQ(exact.listed[0].amount, -250);
  EXPECT_EQ(exact.listed[0].size, 2u);
  EXPECT_EQ(lines_of(exact.listed[0]), (std::vector<uint32_t>{6, 7}));
  EXPECT_EQ(exact.listed[0].rows[0].file, "test.csv");

  // Suspected groups include exact duplicates; listed in ledger order of their first row.
  const DuplicateSection& suspected = report.suspected_duplicates;
  EXPECT_EQ(suspected.groups, 2u);
  EXPECT_EQ(suspected.rows, 5u);
  EXPECT_EQ(suspected.extra_rows(), 3u);
  ASSERT_EQ(suspected.listed.size(), 2u);
  EXPECT_EQ(suspected.listed[0].description, "DOMINO'S PIZZA");
  EXPECT_EQ(suspected.listed[0].amount, -999);
  EXPECT_EQ(suspected.listed[0].size, 3u);
  EXPECT_EQ(lines_of(suspected.listed[0]), (std::vector<uint32_t>{2, 3, 5}));
  EXPECT_EQ(lines_of(suspected.listed[1]), (std::vector<uint32_t>{6, 7}));
}

TEST(QualityDuplicates, SameDescriptionDifferentAmountIsNoGroup) {
  const int32_t day = day_of(2022, 7, 4);
  const QualityReport report =
      assess_quality(build_ledger({simple_row("a", day, -100), simple_row("a", day, -101), simple_row("a", day, 100)}));
  EXPECT_EQ(report.suspected_duplicates.groups, 0u);
  EXPECT_EQ(report.exact_duplicates.groups, 0u);
}

TEST(QualityDuplicates, ExactNeedsEveryFieldEqual) {
  const int32_t day = day_of(2022, 7, 4);
  LedgerRow timed = simple_row("a", day, -100);
  timed.second = 3600;
  LedgerRow elsewhere = simple_row("a", day, -100);
  elsewhere.city = "Leeds";
  const QualityReport report = assess_quality(build_ledger({simple_row("a", day, -100), timed, elsewhere}));
  EXPECT_EQ(report.exact_duplicates.groups, 0u);
  EXPECT_EQ(report.suspected_duplicates.groups, 1u);
  EXPECT_EQ(report.suspected_duplicates.rows, 3u);
}

TEST(QualityDuplicates, ListsAreCappedButCountsExact) {
  std::vector<LedgerRow> rows;
  for (int d = 1; d <= 5; ++d)
    for (int copy = 0; copy < 4; ++copy) rows.push_back(simple_row("a", day_of(2022, 3, d), -100));
  QualityParams params;
  params.max_listed = 2;
  const QualityReport report = assess_quality(build_ledger(rows), params);
  EXPECT_EQ(report.exact_duplicates.groups, 5u);
  EXPECT_EQ(report.exact_duplicates.rows, 20u);
  ASSERT_EQ(report.exact_duplicates.listed.size(), 2u);
  EXPECT_EQ(report.exact_duplicates.listed[0].size, 4u);
  EXPECT_EQ(lines_of(report.exact_duplicates.listed[0]), (std::vector<uint32_t>{2, 3}));
  EXPECT_EQ(report.exact_duplicates.listed[1].day, day_of(2022, 3, 2));
}

}  // namespace
}  // namespace fincoach::validate
