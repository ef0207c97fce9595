#include <gtest/gtest.h>

#include "fincoach/validate/quality.hpp"
#include "unit/validate/ledger_fixture.hpp"

namespace fincoach::validate {
namespace {

using testing::build_ledger;
using testing::day_of;
using testing::simple_row;

Ledger labelled(const std::vector<std::pair<std::string_view, int>>& labels) {
  std::vector<LedgerRow> rows;
  int day = 1;
  for (const auto& [label, count] : labels) {
    for (int i = 0; i < count; ++i) {
      LedgerRow row = simple_row("alice", day_of(2022, 1, 1) + day++, -100);
      row.raw_category = label;
      rows.push_back(row);
    }
  }
  return build_ledger(rows);
}

const Ledger& noisy_labels() {
  static const Ledger ledger = labelled({{"Groceries", 3},
                                         {"Groceries ", 2},
                                         {" groceries", 1},
                                         {"Dine  Out", 1},
                                         {"dine out", 1},
                                         {"Bills", 2},
                                         {"Food Shopping", 1},
                                         {"", 1},
                                         {"  ", 1}});
  return ledger;
}

std::vector<std::pair<std::string, uint64_t>> raw_of(const LabelMerge& merge) {
  std::vector<std::pair<std::string, uint64_t>> raw;
  for (const RawLabelCount& label : merge.raw) raw.emplace_back(label.label, label.rows);
  return raw;
}

TEST(QualityCategoryCleaning, MergesTrimCaseAndSpaceVariants) {
  const CategoryCleaningSection section = assess_quality(noisy_labels()).category_cleaning;
  EXPECT_EQ(section.empty_rows, 2u);
  EXPECT_EQ(section.distinct_before, 7u);
  EXPECT_EQ(section.distinct_after, 4u);  // groceries, dine out, bills, food shopping
  EXPECT_EQ(section.aliased_labels, 0u);
  EXPECT_EQ(section.merge_count, 2u);
  ASSERT_EQ(section.merges.size(), 2u);
  EXPECT_EQ(section.merges[0].clean, "groceries");
  EXPECT_EQ(section.merges[0].rows, 6u);
  EXPECT_EQ(section.merges[0].label_count, 3u);
  EXPECT_EQ(raw_of(section.merges[0]),
            (std::vector<std::pair<std::string, uint64_t>>{{"Groceries", 3}, {"Groceries ", 2}, {" groceries", 1}}));
  EXPECT_EQ(section.merges[1].clean, "dine out");
  EXPECT_EQ(raw_of(section.merges[1]),
            (std::vector<std::pair<std::string, uint64_t>>{{"Dine  Out", 1}, {"dine out", 1}}));
}

TEST(QualityCategoryCleaning, AliasMapMergesFurther) {
  QualityParams params;
  params.category_aliases = {{"FOOD shopping", "Groceries"}, {"Dine Out", "restaurants"}};
  const CategoryCleaningSection section = assess_quality(noisy_labels(), params).category_cleaning;
  EXPECT_EQ(section.distinct_before, 7u);
  EXPECT_EQ(section.distinct_after, 3u);  // groceries, restaurants, bills
  EXPECT_EQ(section.aliased_labels, 3u);  // "Food Shopping", "Dine  Out", "dine out"
  EXPECT_EQ(section.merge_count, 2u);
  ASSERT_EQ(section.merges.size(), 2u);
  EXPECT_EQ(section.merges[0].clean, "groceries");
  EXPECT_EQ(section.merges[0].rows, 7u);
  EXPECT_EQ(section.merges[0].label_count, 4u);
  EXPECT_EQ(section.merges[0].raw.back().label, "Food Shopping");
  EXPECT_EQ(section.merges[1].clean, "restaurants");
}

TEST(QualityCategoryCleaning, CleanLabelsNeedNoMerge) {
  const CategoryCleaningSection section = assess_quality(labelled({{"Bills", 2}, {"Groceries", 1}})).category_cleaning;
  EXPECT_EQ(section.distinct_before, 2u);
  EXPECT_EQ(section.distinct_after, 2u);
  EXPECT_EQ(section.merge_count, 0u);
  EXPECT_TRUE(section.merges.empty());
}

TEST(QualityCategoryCleaning, CapsListedLabelsButKeepsCounts) {
  QualityParams params;
  params.max_listed = 1;
  const CategoryCleaningSection section = assess_quality(noisy_labels(), params).category_cleaning;
  EXPECT_EQ(section.merge_count, 2u);
  ASSERT_EQ(section.merges.size(), 1u);
  EXPECT_EQ(section.merges[0].label_count, 3u);
  ASSERT_EQ(section.merges[0].raw.size(), 1u);
  EXPECT_EQ(section.merges[0].raw[0].label, "Groceries");
}

}  // namespace
}  // namespace fincoach::validate
