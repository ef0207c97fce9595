#include "simulate/pools.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/product_catalog.hpp"

namespace fincoach::simulate::detail {
namespace {

TEST(BankText, UpperCaseTruncatedToEighteen) {
  EXPECT_EQ(bank_text("Sainsburys s/mkt Nottingham"), "SAINSBURYS S/MKT N");
  EXPECT_EQ(bank_text("short"), "SHORT");
  EXPECT_EQ(bank_text("TESCO STORES      X"), "TESCO STORES");  // no trailing space after the cut
}

TEST(Pools, EveryRowTextRefersToItsDictionaries) {
  const Pools& pools = Pools::instance();
  auto check = [&](const RowText& t) {
    EXPECT_LT(t.raw_category, pools.raw_categories.size());
    EXPECT_LT(t.type_code, pools.type_codes.size());
    EXPECT_LT(t.description, pools.descriptions.size());
    EXPECT_LT(t.merchant, pools.merchants.size());
    EXPECT_LT(t.city, pools.cities.size());
    EXPECT_LT(t.country, pools.countries.size());
    EXPECT_LT(t.category, k_app_category_count);
    EXPECT_FALSE(pools.merchants.at(t.merchant).empty());
    EXPECT_LE(pools.descriptions.at(t.description).size(), 40u);
  };
  for (int k = 0; k < k_spend_kind_count; ++k) {
    const auto kind = static_cast<SpendKind>(k);
    ASSERT_GE(pools.merchant_count(kind), 3u);
    for (uint32_t m = 0; m < pools.merchant_count(kind); ++m)
      for (uint32_t c = 0; c < pools.city_count(); ++c) check(pools.spend(kind, m, c));
  }
  for (int g = 0; g < k_payee_group_count; ++g) {
    const auto group = static_cast<PayeeGroup>(g);
    ASSERT_GE(pools.payee_count(group), 1u) << g;
    for (uint32_t i = 0; i < pools.payee_count(group); ++i) check(pools.payee(group, i));
  }
  for (uint32_t p = 0; p < k_products.size(); ++p)
    for (int q = 1; q <= k_max_purchase_quantity; ++q) check(pools.product(p, q));
}

TEST(Pools, OnlineMerchantsHaveNoCityAndStoresDo) {
  const Pools& pools = Pools::instance();
  const RowText& amazon = pools.spend(SpendKind::OnlineShopping, 0, 3);
  EXPECT_EQ(pools.cities.at(amazon.city), "");
  EXPECT_EQ(pools.merchants.at(amazon.merchant), "Amazon");
  const RowText& tesco = pools.spend(SpendKind::Groceries, 0, 0);
  EXPECT_EQ(pools.cities.at(tesco.city), "London");
  EXPECT_EQ(pools.descriptions.at(tesco.description), "TESCO STORES LONDO");
  const auto foreign = static_cast<uint32_t>(pools.uk_cities().size());
  EXPECT_NE(pools.countries.at(pools.spend(SpendKind::DineOut, 0, foreign).country), "UK");
}

TEST(Pools, MarketplaceRowsFollowTheOriginalPurchaseFlow) {
  const Pools& pools = Pools::instance();
  const RowText& bananas = pools.product(0, 2);
  EXPECT_EQ(pools.descriptions.at(bananas.description), "Purchase: Organic Bananas x2");
  EXPECT_EQ(pools.merchants.at(bananas.merchant), "Fresh Market");
  EXPECT_EQ(bananas.category, static_cast<uint8_t>(AppCategory::Groceries));
  EXPECT_EQ(pools.product(39, 1).category, static_cast<uint8_t>(AppCategory::Bills));
}

TEST(ProductCatalog, FortyProductsFivePerCategory) {
  std::array<int, 8> per_category{};
  for (const ProductSpec& p : k_products) {
    ++per_category[p.category];
    EXPECT_GT(p.price, 0);
  }
  for (int n : per_category) EXPECT_EQ(n, 5);
  EXPECT_EQ(k_products[20].name, "Wireless Headphones");
  EXPECT_EQ(k_products[20].price, 19999);
}

}  // namespace
}  // namespace fincoach::simulate::detail
