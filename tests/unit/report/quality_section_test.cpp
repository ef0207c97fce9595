#include "fincoach/report/quality_section.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/date.hpp"

namespace fincoach::report {
namespace {

LedgerRow row(std::string_view user, int32_t day, int64_t amount, AppCategory category) {
  LedgerRow r;
  r.user = user;
  r.day = day;
  r.amount = amount;
  r.category = category;
  r.description = "SHOP";
  return r;
}

Ledger ledger(bool with_outlier) {
  LedgerBuilder builder;
  const int32_t start = days_from_civil(2024, 1, 1);
  for (int i = 0; i < 40; ++i) builder.append(row("u1", start + i * 3, -1000 - (i % 5), AppCategory::Groceries));
  builder.append(row("u1", start + 5, 250000, AppCategory::Income));
  if (with_outlier) builder.append(row("u1", start + 50, -900000, AppCategory::Groceries));
  return std::move(builder).finish();
}

std::vector<std::string> chart_titles(const Section& section) {
  std::vector<std::string> titles;
  const nlohmann::json json = section.to_json();
  for (const auto& block : json["blocks"])
    if (block["type"] == "chart") titles.push_back(block["title"]);
  return titles;
}

TEST(QualitySection, ChartsForEveryTopic) {
  const validate::QualityReport quality = validate::assess_quality(ledger(true));
  const Section section = data_quality_section(quality);
  EXPECT_EQ(section.id(), "data-quality");
  EXPECT_EQ(chart_titles(section), (std::vector<std::string>{"Completeness", "Spending and income by category",
                                                             "Monthly totals", "Rows per month", "Outliers"}));
  const nlohmann::json json = section.to_json();
  for (const auto& block : json["blocks"]) {
    if (block["type"] != "chart") continue;
    const nlohmann::json& spec = block["spec"];
    EXPECT_TRUE(spec.contains("mark")) << block["title"];
    EXPECT_TRUE(spec.contains("encoding")) << block["title"];
    EXPECT_TRUE(spec["data"]["values"].is_array()) << block["title"];
    EXPECT_FALSE(spec.contains("$schema")) << "no URL in a spec";
  }
}

TEST(QualitySection, CategoryChartCarriesMajorUnits) {
  const validate::QualityReport quality = validate::assess_quality(ledger(false));
  const nlohmann::json blocks = data_quality_section(quality).to_json()["blocks"];
  for (const auto& block : blocks) {
    if (block["type"] != "chart" || block["title"] != "Spending and income by category") continue;
    bool income_seen = false;
    for (const auto& value : block["spec"]["data"]["values"]) {
      if (value["category"] == "income") {
        EXPECT_EQ(value["flow"], "received");
        EXPECT_DOUBLE_EQ(value["amount"].get<double>(), 2500.0);
        income_seen = true;
      }
    }
    EXPECT_TRUE(income_seen);
  }
}

TEST(QualitySection, NoOutliersIsSaidNotDrawn) {
  const validate::QualityReport quality = validate::assess_quality(ledger(false));
  ASSERT_EQ(quality.outliers.count, 0u);
  const Section section = data_quality_section(quality);
  const std::vector<std::string> titles = chart_titles(section);
  EXPECT_EQ(std::count(titles.begin(), titles.end(), "Outliers"), 0);
  EXPECT_NE(section.to_json().dump().find("No outliers"), std::string::npos);
}

TEST(QualitySection, EmptyLedgerStillRenders) {
  const validate::QualityReport quality = validate::assess_quality(Ledger{});
  const Section section = data_quality_section(quality);
  EXPECT_EQ(chart_titles(section).size(), 2u);  // completeness and categories; no months
}

}  // namespace
}  // namespace fincoach::report
