#include "fincoach/db/uuid.hpp"

#include <gtest/gtest.h>

namespace fincoach::db {
namespace {

TEST(Uuid, FormatsAndParsesCanonicalText) {
  const auto id = parse_uuid("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->bytes[0], 0x3f);
  EXPECT_EQ(id->bytes[15], 0x01);
  EXPECT_EQ(to_string(*id), "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
}

TEST(Uuid, AcceptsUpperCaseButOnlyLowerCaseIsCanonical) {
  const auto upper = parse_uuid("3F2504E0-4F89-41D3-9A0C-0305E82C3301");
  ASSERT_TRUE(upper);
  EXPECT_EQ(to_string(*upper), "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
  EXPECT_FALSE(is_canonical_uuid("3F2504E0-4F89-41D3-9A0C-0305E82C3301"));
  EXPECT_TRUE(is_canonical_uuid("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
}

TEST(Uuid, RejectsMalformedText) {
  for (const char* text : {"", "3f2504e0-4f89-41d3-9a0c-0305e82c330", "3f2504e0-4f89-41d3-9a0c-0305e82c33011",
                           "3f2504e04f89-41d3-9a0c-0305e82c33010", "3f2504e0-4f89-41d3-9a0c-0305e82c330g",
                           "{3f2504e0-4f89-41d3-9a0c-0305e82c330}"})
    EXPECT_FALSE(parse_uuid(text)) << text;
}

TEST(Uuid, UserIdIsTheIdItselfWhenCanonical) {
  EXPECT_EQ(to_string(user_uuid("3f2504e0-4f89-41d3-9a0c-0305e82c3301")), "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
}

TEST(Uuid, OtherUserIdsHashToStableVersion8Ids) {
  const Uuid a = user_uuid("moneyvis");
  EXPECT_EQ(a, user_uuid("moneyvis"));
  EXPECT_NE(a, user_uuid("moneyvis2"));
  EXPECT_NE(user_uuid("3F2504E0-4F89-41D3-9A0C-0305E82C3301"), user_uuid("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
  EXPECT_EQ(a.bytes[6] >> 4, 8);
  EXPECT_EQ(a.bytes[8] >> 6, 2);
}

TEST(Uuid, DerivedIdsSortByIndexWithinAUser) {
  const Uuid user = user_uuid("moneyvis");
  Uuid previous = derived_uuid(user, RowTag::Transaction, 0);
  for (uint64_t i : {1ull, 2ull, 255ull, 256ull, 65536ull, (1ull << 40), (1ull << 62) - 1}) {
    const Uuid next = derived_uuid(user, RowTag::Transaction, i);
    EXPECT_LT(previous, next) << i;
    EXPECT_LT(to_string(previous), to_string(next)) << i;  // text order = byte order
    previous = next;
  }
  EXPECT_NE(derived_uuid(user, RowTag::Transaction, 0), derived_uuid(user, RowTag::Recommendation, 0));
  EXPECT_EQ(derived_uuid(user, RowTag::Wallet, 3).bytes[6], 0x80 | 5);
}

}  // namespace
}  // namespace fincoach::db
