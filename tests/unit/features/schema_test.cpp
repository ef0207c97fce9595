#include "fincoach/features/schema.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "fincoach/common/error.hpp"

namespace fincoach::features {
namespace {

TEST(FeatureSchema, LegacyOrderIsTheBackends) {
  const FeatureSchema s = legacy17_schema();
  ASSERT_EQ(s.size(), 17u);
  const std::vector<std::string> expected = {
      "current_balance",  "total_spending",     "total_income",       "transaction_count", "groceries_spending",
      "dine_out_spending", "entertainment_spending", "bills_spending", "transport_spending", "shopping_spending",
      "health_spending",  "fitness_spending",   "savings_spending",   "income_spending",   "other_spending",
      "savings_rate",     "spending_velocity"};
  EXPECT_EQ(s.names(), expected);
}

TEST(FeatureSchema, EnhancedKeepsThePlansNamesAtTheirIndices) {
  FeatureParams p;
  const FeatureSchema s = enhanced_schema(p);
  EXPECT_EQ(s.features[17].name, "weekday_spending_ratio");
  EXPECT_EQ(s.features[34].name, "financial_stress_indicator");
  EXPECT_EQ(*s.index_of("spending_volatility"), dim::spending_volatility);
  EXPECT_EQ(*s.index_of("impulse_buying_score"), dim::impulse_buying_score);
  EXPECT_EQ(s.size(), EnhancedLayout(5).size);
  EXPECT_EQ(s.block_range(FeatureBlock::Segment), (std::pair<size_t, size_t>{35, 40}));
  EXPECT_EQ(s.features[EnhancedLayout(5).temporal_begin].name, "days_since_last_purchase");
  p.segment_count = 7;
  EXPECT_EQ(enhanced_schema(p).size(), s.size() + 2);
}

TEST(FeatureSchema, JsonRoundTripAndFeatureConfig) {
  const FeatureParams p;
  const FeatureSchema s = enhanced_schema(p);
  EXPECT_EQ(FeatureSchema::from_json(s.to_json()), s);
  const std::string path = (std::filesystem::temp_directory_path() / "fincoach_feature_config_test.json").string();
  save_feature_config(s, p, path);
  EXPECT_EQ(load_feature_config(path), s);
  std::filesystem::remove(path);
  nlohmann::json bad = s.to_json();
  bad["features"][0]["block"] = "nonsense";
  EXPECT_THROW(FeatureSchema::from_json(bad), InvalidInput);
}

}  // namespace
}  // namespace fincoach::features
