#include "fincoach/common/dictionary.hpp"

#include <gtest/gtest.h>

#include <string>

#include "fincoach/common/error.hpp"

namespace fincoach {
namespace {

TEST(StringDictionary, InternsEachStringOnceWithDenseIds) {
  StringDictionary d;
  EXPECT_EQ(d.intern("LIDL"), 0u);
  EXPECT_EQ(d.intern("TESCO"), 1u);
  EXPECT_EQ(d.intern("LIDL"), 0u);
  EXPECT_EQ(d.intern(""), 2u);
  EXPECT_EQ(d.size(), 3u);
  EXPECT_EQ(d.at(1), "TESCO");
  EXPECT_EQ(d.find("TESCO"), 1u);
  EXPECT_EQ(d.find("ALDI"), std::nullopt);
}

TEST(StringDictionary, SurvivesGrowthWithManyStrings) {
  StringDictionary d;
  for (int i = 0; i < 100000; ++i) ASSERT_EQ(d.intern("m" + std::to_string(i)), static_cast<uint32_t>(i));
  for (int i = 0; i < 100000; i += 997) EXPECT_EQ(d.find("m" + std::to_string(i)), static_cast<uint32_t>(i));
  EXPECT_EQ(d.at(54321), "m54321");
}

TEST(StringDictionary, StorageRoundTripAndCorruption) {
  StringDictionary d;
  d.intern("a");
  d.intern("bc");
  StringDictionary copy = StringDictionary::from_storage(d.bytes(), d.offsets());
  EXPECT_EQ(copy, d);
  EXPECT_EQ(copy.find("bc"), 1u);
  EXPECT_THROW(StringDictionary::from_storage("abc", {0, 1}), InvalidInput);        // does not span
  EXPECT_THROW(StringDictionary::from_storage("ab", {0, 2, 1, 2}), InvalidInput);   // decreasing
  EXPECT_THROW(StringDictionary::from_storage("aa", {0, 1, 2}), InvalidInput);      // duplicate
}

}  // namespace
}  // namespace fincoach
