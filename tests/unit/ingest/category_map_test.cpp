#include <gtest/gtest.h>

#include <string>

#include "fincoach/common/text.hpp"
#include "fincoach/ingest/profile.hpp"

namespace fincoach::ingest {
namespace {

AppCategory mapped(const std::string& raw) {
  return default_category_map().at(normalize_label(raw));
}

TEST(DefaultCategoryMap, KeysAreNormalised) {
  for (const auto& [key, category] : default_category_map()) EXPECT_EQ(key, normalize_label(key));
}

// Every category of the MoneyVis data set, as written there, lands where a person would put it.
TEST(DefaultCategoryMap, CoversEveryMoneyVisCategory) {
  const std::pair<const char*, AppCategory> expected[] = {
      {"Savings", AppCategory::Savings},
      {"Amazon", AppCategory::Shopping},
      {"Groceries", AppCategory::Groceries},
      {"Groceries ", AppCategory::Groceries},
      {"Bills", AppCategory::Bills},
      {"Cash", AppCategory::Other},
      {"Dine Out", AppCategory::DineOut},
      {"Others", AppCategory::Other},
      {"Supplementary Income", AppCategory::Income},
      {"Travel", AppCategory::Transport},
      {"Other Shopping", AppCategory::Shopping},
      {"Services", AppCategory::Bills},
      {"Entertainment", AppCategory::Entertainment},
      {"Investment", AppCategory::Savings},
      {"Insurance", AppCategory::Bills},
      {"Home Improvement", AppCategory::Shopping},
      {"Paycheck", AppCategory::Income},
      {"Hotels", AppCategory::Transport},
      {"Interest", AppCategory::Income},
      {"Clothes", AppCategory::Shopping},
      {"Mortgage", AppCategory::Bills},
      {"Services/Home Improvement", AppCategory::Bills},
      {"Fitness", AppCategory::Fitness},
      {"Safety Deposit Return", AppCategory::Bills},
      {"Travel Reimbursement", AppCategory::Income},
      {"Food Shopping", AppCategory::Groceries},
      {"Account transfer", AppCategory::Other},
      {"Rent", AppCategory::Bills},
      {"Purchase of uk.eg.org", AppCategory::Shopping},
      {"Health", AppCategory::Health},
  };
  for (const auto& [raw, category] : expected) EXPECT_EQ(mapped(raw), category) << "'" << raw << "'";
}

TEST(DefaultCategoryMap, MapsTheAppCategoryNamesToThemselves) {
  for (AppCategory c : all_app_categories()) EXPECT_EQ(mapped(std::string(to_string(c))), c) << to_string(c);
  EXPECT_EQ(mapped("dine out"), AppCategory::DineOut);
}

TEST(DefaultCategoryMap, KnowsCommonLabelsOfOtherBanks) {
  EXPECT_EQ(mapped("Salary"), AppCategory::Income);
  EXPECT_EQ(mapped("Restaurants"), AppCategory::DineOut);
  EXPECT_EQ(mapped("Utilities"), AppCategory::Bills);
  EXPECT_EQ(mapped("Gym"), AppCategory::Fitness);
  EXPECT_EQ(mapped("Pharmacy"), AppCategory::Health);
  EXPECT_EQ(mapped("Fuel"), AppCategory::Transport);
}

TEST(DefaultCategoryMap, IsBuiltOnce) {
  EXPECT_EQ(&default_category_map(), &default_category_map());
}

}  // namespace
}  // namespace fincoach::ingest
