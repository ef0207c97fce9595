#include "ingest/category_assign.hpp"

#include <gtest/gtest.h>

namespace fincoach::ingest::detail {
namespace {

Ledger ledger_with_labels(const std::vector<std::string>& labels) {
  LedgerBuilder builder;
  const uint32_t file = builder.add_source_file("f.csv");
  int32_t day = 0;
  for (const std::string& label : labels) {
    LedgerRow row;
    row.user = "u";
    row.day = day++;
    row.raw_category = label;
    row.source_file = file;
    builder.append(row);
  }
  return std::move(builder).finish();
}

TEST(AssignAppCategories, MapsEachRowThroughTheNormalisedLabel) {
  Ledger ledger = ledger_with_labels({"Groceries", "Groceries ", "PAYCHECK", "", "Moon Rocks", "Moon Rocks", "  "});
  SourceProfile profile = builtin_profile("moneyvis");
  profile.unmapped_category = AppCategory::Shopping;
  IngestStats stats;
  assign_app_categories(ledger, profile, stats);
  EXPECT_EQ(ledger.app_category(0), AppCategory::Groceries);
  EXPECT_EQ(ledger.app_category(1), AppCategory::Groceries);
  EXPECT_EQ(ledger.app_category(2), AppCategory::Income);
  EXPECT_EQ(ledger.app_category(3), AppCategory::Other);
  EXPECT_EQ(ledger.app_category(4), AppCategory::Shopping);
  EXPECT_EQ(ledger.app_category(6), AppCategory::Other);
  EXPECT_EQ(stats.empty_categories, 2u);  // "" and "  "
  EXPECT_EQ(stats.unmapped_categories, (std::map<std::string, uint64_t>{{"Moon Rocks", 2}}));
}

TEST(AssignAppCategories, EmptyLedger) {
  Ledger ledger;
  IngestStats stats;
  assign_app_categories(ledger, builtin_profile("moneyvis"), stats);
  EXPECT_EQ(stats.empty_categories, 0u);
  EXPECT_TRUE(stats.unmapped_categories.empty());
}

}  // namespace
}  // namespace fincoach::ingest::detail
