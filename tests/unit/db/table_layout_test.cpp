#include "db/table_layout.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"
#include "unit/db/sample_population.hpp"

namespace fincoach::db {
namespace {

TEST(TableLayout, MoneyLimitsFollowTheNumericTypes) {
  EXPECT_TRUE(fits_money(999999999999, 2, k_wide_money_integer_digits));
  EXPECT_FALSE(fits_money(1000000000000, 2, k_wide_money_integer_digits));
  EXPECT_TRUE(fits_money(-9999999999, 0, k_wide_money_integer_digits));
  EXPECT_FALSE(fits_money(10000000000, 0, k_wide_money_integer_digits));
  EXPECT_TRUE(fits_money(9999999999, 2, k_narrow_money_integer_digits));
  EXPECT_FALSE(fits_money(10000000000, 2, k_narrow_money_integer_digits));
  EXPECT_FALSE(fits_money(k_no_balance, 2, k_wide_money_integer_digits));
}

TEST(TableLayout, IndexWithinUserCountsPerUser) {
  EXPECT_EQ(index_within_user({2, 0, 2, 2, 0}, 3), (std::vector<uint64_t>{0, 0, 1, 2, 1}));
}

TEST(TableLayout, OrderByUserIsStable) {
  EXPECT_EQ(order_by_user({1, 0, 2, 0, 2}, 3), (std::vector<uint32_t>{1, 3, 0, 2, 4}));
}

TEST(TableLayout, UserIdsFollowTheLedgerUsers) {
  const Ledger ledger = testing::sample_ledger();
  const std::vector<Uuid> ids = make_user_ids(ledger);
  ASSERT_EQ(ids.size(), ledger.user_count());
  for (uint32_t u = 0; u < ledger.user_count(); ++u) EXPECT_EQ(ids[u], user_uuid(ledger.users.at(u)));
}

TEST(TableLayout, TwoIdsForOneUuidAreRefused) {
  // "moneyvis" hashes to a UUID; a second user whose id is that UUID's text collides with it.
  LedgerBuilder builder;
  LedgerRow row;
  const std::string hashed = to_string(user_uuid("moneyvis"));
  for (const std::string& id : {hashed, std::string("moneyvis")}) {
    row.user = id;
    builder.append(row);
  }
  const Ledger ledger = std::move(builder).finish();
  try {
    make_user_ids(ledger);
    FAIL() << "collision accepted";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("'moneyvis'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(hashed), std::string::npos) << e.what();
  }
}

TEST(TableLayout, EveryActionHasAText) {
  for (int a = 0; a < k_coaching_action_count; ++a)
    EXPECT_FALSE(recommendation_text(static_cast<CoachingAction>(a)).empty());
}

}  // namespace
}  // namespace fincoach::db
