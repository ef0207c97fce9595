#include <gtest/gtest.h>

#include "fincoach/validate/quality.hpp"
#include "unit/validate/ledger_fixture.hpp"

namespace fincoach::validate {
namespace {

using testing::all_numbers_finite;
using testing::build_ledger;
using testing::day_of;
using testing::simple_row;

// One of everything: an exact duplicate, a break, an outlier, a merge and a month gap.
Ledger eventful() {
  std::vector<LedgerRow> rows;
  const int64_t magnitudes[] = {90, 95, 100, 100, 105, 110, 100, 95, 105, 1000};
  int64_t balance = 100000;
  for (int i = 0; i < 10; ++i) {
    LedgerRow row = simple_row("alice", day_of(2022, 1, 3 + i), -magnitudes[i], AppCategory::Groceries, "LIDL");
    balance -= magnitudes[i];
    row.balance = balance;
    row.raw_category = i % 2 == 0 ? "Groceries" : "Groceries ";
    rows.push_back(row);
  }
  rows[4].balance += 1;  // line 6 breaks the chain by one penny
  LedgerRow twin = simple_row("alice", day_of(2022, 3, 1), -250, AppCategory::Other, "ATM");
  rows.push_back(twin);
  rows.push_back(twin);
  return build_ledger(rows);
}

TEST(QualityReportJson, SectionsAndMoneyFields) {
  const nlohmann::json json = assess_quality(eventful()).to_json();
  EXPECT_TRUE(all_numbers_finite(json));
  EXPECT_EQ(json["rows"], 12);
  EXPECT_EQ(json["currency"], "GBP");
  for (const char* key : {"params", "completeness", "exact_duplicates", "suspected_duplicates", "outliers",
                          "category_cleaning", "balance", "coverage", "totals", "other"})
    EXPECT_TRUE(json.contains(key)) << key;

  const auto& duplicate = json["exact_duplicates"]["listed"][0];
  EXPECT_EQ(duplicate["day"], "2022-03-01");
  EXPECT_EQ(duplicate["amount_minor"], -250);
  EXPECT_EQ(duplicate["amount"], "-2.50");
  EXPECT_EQ(duplicate["rows"][0]["file"], "test.csv");
  EXPECT_EQ(duplicate["rows"][1]["line"], 13);
  EXPECT_EQ(json["exact_duplicates"]["extra_rows"], 1);

  // One wrong balance breaks the pair into its row and the pair out of it.
  EXPECT_EQ(json["balance"]["breaks"], 2);

  const auto& item = json["balance"]["listed"][0];
  EXPECT_EQ(item["source"]["line"], 6);
  EXPECT_EQ(item["expected"], "995.10");
  EXPECT_EQ(item["actual_minor"], 99511);
  EXPECT_EQ(item["difference"], "0.01");

  const auto& outlier = json["outliers"]["listed"][0];
  EXPECT_EQ(outlier["category"], "groceries");
  EXPECT_EQ(outlier["direction"], "debit");
  EXPECT_EQ(outlier["amount"], "-10.00");
  EXPECT_DOUBLE_EQ(outlier["robust_z"].get<double>(), 900.0 / (1.4826 * 5.0));

  EXPECT_EQ(json["category_cleaning"]["merges"][0]["raw"][1]["label"], "Groceries ");
  EXPECT_EQ(json["coverage"]["empty_months_listed"], nlohmann::json::array({"2022-02"}));
  EXPECT_EQ(json["totals"]["all"]["debits"], "24.00");
  EXPECT_EQ(json["totals"]["all"]["debits_minor"], 2400);
  EXPECT_EQ(json["totals"]["by_month"][1]["month"], "2022-03");
  EXPECT_EQ(json["other"]["labels"][0]["label"], "");
  EXPECT_EQ(json["other"]["labels"][0]["net"], "-5.00");
}

}  // namespace
}  // namespace fincoach::validate
