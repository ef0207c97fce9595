#include "fincoach/common/category.hpp"

#include <gtest/gtest.h>

namespace fincoach {
namespace {

TEST(Category, NamesRoundTripInEnumOrder) {
  int index = 0;
  for (AppCategory c : all_app_categories()) {
    EXPECT_EQ(static_cast<int>(c), index++);
    EXPECT_EQ(app_category_from_string(to_string(c)), c);
  }
  EXPECT_EQ(index, k_app_category_count);
}

TEST(Category, AcceptsBackendSpellingVariants) {
  EXPECT_EQ(app_category_from_string("Dine Out"), AppCategory::DineOut);
  EXPECT_EQ(app_category_from_string(" dine-out "), AppCategory::DineOut);
  EXPECT_EQ(app_category_from_string("INCOME"), AppCategory::Income);
  EXPECT_EQ(app_category_from_string("groceriez"), std::nullopt);
  EXPECT_EQ(app_category_from_string(""), std::nullopt);
}

}  // namespace
}  // namespace fincoach
