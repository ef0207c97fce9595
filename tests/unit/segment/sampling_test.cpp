#include "segment/sampling.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace fincoach::segment::detail {
namespace {

TEST(Sampling, WithoutReplacementIsSortedDistinctAndSeeded) {
  const auto s = sample_without_replacement(1000, 100, 7);
  EXPECT_EQ(s.size(), 100u);
  EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
  EXPECT_EQ(std::set<uint32_t>(s.begin(), s.end()).size(), 100u);
  EXPECT_EQ(s, sample_without_replacement(1000, 100, 7));
  EXPECT_NE(s, sample_without_replacement(1000, 100, 8));
  const auto all = sample_without_replacement(5, 10, 7);
  EXPECT_EQ(all, (std::vector<uint32_t>{0, 1, 2, 3, 4}));
}

TEST(Sampling, WithReplacementRepeatsRows) {
  const auto s = sample_with_replacement(1000, 3);
  EXPECT_EQ(s.size(), 1000u);
  const size_t distinct = std::set<uint32_t>(s.begin(), s.end()).size();
  EXPECT_GT(distinct, 550u);  // about 1 - 1/e of the rows
  EXPECT_LT(distinct, 720u);
  for (uint32_t i : s) EXPECT_LT(i, 1000u);
}

}  // namespace
}  // namespace fincoach::segment::detail
