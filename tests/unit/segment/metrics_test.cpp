#include "fincoach/segment/metrics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "blobs.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::segment {
namespace {

Matrix small_example() {
  Matrix x(8, 2);
  x.values = {0, 0, 0, 1, 1, 0, 5, 5, 5, 6, 6, 5, 10, 0, 10, 1};
  return x;
}

TEST(Silhouette, MatchesScikitLearnOnASmallExample) {
  const std::vector<int32_t> labels{0, 0, 0, 1, 1, 1, 2, 2};
  const Silhouette s = silhouette(small_example().view(), labels, 3, 100, 1, 1);
  EXPECT_NEAR(s.mean, 0.8381087202020668, 1e-12);  // sklearn.metrics.silhouette_score
  EXPECT_FALSE(s.sampled);
  EXPECT_EQ(s.rows_used, 8u);
  EXPECT_EQ(s.per_cluster.size(), 3u);
}

TEST(Silhouette, SampledIsSeededAndIndependentOfThreads) {
  const auto b = testing::make_blobs(4, 500, 6, 2.0, 61);
  const Silhouette exact = silhouette(b.x.view(), b.truth, 4, 5000, 1, 2);
  const Silhouette a = silhouette(b.x.view(), b.truth, 4, 400, 7, 1);
  const Silhouette c = silhouette(b.x.view(), b.truth, 4, 400, 7, 3);
  EXPECT_TRUE(a.sampled);
  EXPECT_EQ(a.rows_used, 400u);
  EXPECT_EQ(a.mean, c.mean);
  EXPECT_NEAR(a.mean, exact.mean, 0.05);
}

TEST(Silhouette, SingletonScoresZeroAndOneClusterIsRejected) {
  Matrix x(3, 1);
  x.values = {0.0, 0.1, 5.0};
  const Silhouette s = silhouette(x.view(), std::vector<int32_t>{0, 0, 1}, 2, 10, 1, 1);
  EXPECT_EQ(s.per_cluster[1], 0.0);
  EXPECT_THROW(silhouette(x.view(), std::vector<int32_t>{0, 0, 0}, 2, 10, 1, 1), InvalidInput);
  EXPECT_THROW(silhouette(x.view(), std::vector<int32_t>{0, 0, 2}, 2, 10, 1, 1), InvalidInput);
  EXPECT_THROW(silhouette(x.view(), std::vector<int32_t>{0, 1}, 2, 10, 1, 1), InvalidInput);
}

TEST(AdjustedRandIndex, KnownValues) {
  // Values from sklearn.metrics.adjusted_rand_score.
  EXPECT_NEAR(adjusted_rand_index(std::vector<int32_t>{0, 0, 1, 1}, std::vector<int32_t>{0, 0, 1, 2}),
              0.5714285714285714, 1e-12);
  EXPECT_NEAR(adjusted_rand_index(std::vector<int32_t>{0, 0, 0, 1, 1, 1}, std::vector<int32_t>{0, 1, 0, 1, 0, 1}),
              -0.1111111111111111, 1e-12);
  EXPECT_DOUBLE_EQ(adjusted_rand_index(std::vector<int32_t>{0, 0, 1, 1, 2}, std::vector<int32_t>{4, 4, 0, 0, 9}), 1.0);
  EXPECT_DOUBLE_EQ(adjusted_rand_index(std::vector<int32_t>{0, 0, 0}, std::vector<int32_t>{1, 1, 1}), 1.0);
  EXPECT_THROW(adjusted_rand_index(std::vector<int32_t>{0, 1}, std::vector<int32_t>{0}), InvalidInput);
  EXPECT_THROW(adjusted_rand_index(std::vector<int32_t>{0, -1}, std::vector<int32_t>{0, 0}), InvalidInput);
}

TEST(ContingencyTable, CountsPairs) {
  const auto t = contingency_table(std::vector<int32_t>{0, 0, 1, 2}, std::vector<int32_t>{1, 1, 0, 1});
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0], (std::vector<uint64_t>{0, 2}));
  EXPECT_EQ(t[1], (std::vector<uint64_t>{1, 0}));
  EXPECT_EQ(t[2], (std::vector<uint64_t>{0, 1}));
}

double brute_force_best(const std::vector<std::vector<double>>& s) {
  std::vector<size_t> cols(s[0].size());
  std::iota(cols.begin(), cols.end(), size_t{0});
  double best = -1e300;
  do {
    double total = 0.0;
    for (size_t r = 0; r < s.size(); ++r) total += s[r][cols[r]];
    best = std::max(best, total);
  } while (std::next_permutation(cols.begin(), cols.end()));
  return best;
}

TEST(MaxWeightMatching, EqualsBruteForceOnRandomSquares) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  for (int trial = 0; trial < 50; ++trial) {
    const size_t n = 1 + static_cast<size_t>(trial % 6);
    std::vector<std::vector<double>> s(n, std::vector<double>(n));
    for (auto& row : s)
      for (double& v : row) v = u(rng);
    const std::vector<int32_t> m = max_weight_matching(s);
    double total = 0.0;
    std::vector<bool> used(n, false);
    for (size_t r = 0; r < n; ++r) {
      ASSERT_GE(m[r], 0);
      EXPECT_FALSE(used[static_cast<size_t>(m[r])]);
      used[static_cast<size_t>(m[r])] = true;
      total += s[r][static_cast<size_t>(m[r])];
    }
    EXPECT_NEAR(total, brute_force_best(s), 1e-12);
  }
}

TEST(MaxWeightMatching, RectangularLeavesExtraRowsOut) {
  const std::vector<std::vector<double>> s{{1, 0}, {0, 1}, {5, 0}};
  const std::vector<int32_t> m = max_weight_matching(s);
  EXPECT_EQ(m, (std::vector<int32_t>{-1, 1, 0}));
  const std::vector<std::vector<double>> wide{{0, 2, 1}};
  EXPECT_EQ(max_weight_matching(wide), std::vector<int32_t>{1});
}

}  // namespace
}  // namespace fincoach::segment
