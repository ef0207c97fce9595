#include "ingest/label_cache.hpp"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

namespace fincoach::ingest::detail {
namespace {

TEST(LabelCache, GivesDenseIdsInOrderOfFirstUse) {
  LabelCache cache;
  bool added = false;
  EXPECT_EQ(cache.id("DEB", added), 0u);
  EXPECT_TRUE(added);
  EXPECT_EQ(cache.id("", added), 1u);
  EXPECT_TRUE(added);
  EXPECT_EQ(cache.id("DEB", added), 0u);
  EXPECT_FALSE(added);
  EXPECT_EQ(cache.id("Groceries ", added), 2u);
  EXPECT_EQ(cache.id("Groceries", added), 3u);
  EXPECT_EQ(cache.label(2), "Groceries ");
  EXPECT_EQ(cache.size(), 4u);
}

TEST(LabelCache, MatchesAMapOverManyLabels) {
  // Enough labels to grow the table several times, many sharing prefixes and suffixes.
  LabelCache cache;
  std::unordered_map<std::string, uint32_t> reference;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 5000; ++i) {
      const std::string label = "label-" + std::to_string(i % 2500) + (i % 3 == 0 ? " suffix text" : "");
      bool added = false;
      const uint32_t id = cache.id(label, added);
      const auto [it, fresh] = reference.emplace(label, static_cast<uint32_t>(reference.size()));
      EXPECT_EQ(added, fresh);
      EXPECT_EQ(id, it->second);
    }
  }
  EXPECT_EQ(cache.size(), reference.size());
}

TEST(SameBytes, ComparesContent) {
  EXPECT_TRUE(same_bytes("", ""));
  EXPECT_TRUE(same_bytes("25/07/2022", "25/07/2022"));
  EXPECT_FALSE(same_bytes("25/07/2022", "25/07/2021"));
  EXPECT_FALSE(same_bytes("a", "ab"));
}

}  // namespace
}  // namespace fincoach::ingest::detail
