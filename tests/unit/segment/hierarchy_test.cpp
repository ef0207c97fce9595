#include "fincoach/segment/hierarchy.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "blobs.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/segment/kmeans.hpp"
#include "fincoach/segment/metrics.hpp"

namespace fincoach::segment {
namespace {

TEST(Ward, HeightsAndSizesMatchSciPy) {
  Matrix x(8, 2);
  x.values = {0, 0, 0, 1, 1, 0, 5, 5, 5, 6, 6, 5, 10, 0, 10, 1};
  const Dendrogram d = ward_linkage(x.view());
  // scipy.cluster.hierarchy.linkage(X, "ward")[:, 2:]
  const std::vector<double> heights{
      1.0, 1.0, 1.0, 1.2909944487358056, 1.2909944487358056, 10.408329997330664, 14.563081175813492};
  ASSERT_EQ(d.height.size(), 7u);
  for (size_t m = 0; m < 7; ++m) EXPECT_NEAR(d.height[m], heights[m], 1e-12);
  EXPECT_EQ(d.size.back(), 8u);
  EXPECT_EQ(d.size[5], 5u);
  EXPECT_EQ(cut_tree(d, 3), (std::vector<int32_t>{0, 0, 0, 1, 1, 1, 2, 2}));
  EXPECT_EQ(cut_tree(d, 1), std::vector<int32_t>(8, 0));
  EXPECT_EQ(cut_tree(d, 8), (std::vector<int32_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_THROW(cut_tree(d, 9), InvalidInput);
  EXPECT_THROW(cut_tree(d, 0), InvalidInput);
}

TEST(Ward, RecoversPlantedBlobsAndAgreesWithKMeans) {
  const auto b = testing::make_blobs(5, 80, 6, 5.0, 71);
  const std::vector<int32_t> ward = cut_tree(ward_linkage(b.x.view()), 5);
  EXPECT_DOUBLE_EQ(adjusted_rand_index(ward, b.truth), 1.0);
  KMeansParams p;
  p.k = 5;
  const KMeansResult r = fit_kmeans(b.x.view(), p);
  const WardCheck check = ward_check(b.x.view(), r.labels, 5, 300, 1);
  EXPECT_EQ(check.rows, 300u);
  EXPECT_DOUBLE_EQ(check.ari, 1.0);
  EXPECT_DOUBLE_EQ(check.agreement, 1.0);
  uint64_t total = 0;
  for (uint64_t s : check.ward_size) total += s;
  EXPECT_EQ(total, 300u);
}

TEST(Ward, TooFewRowsOrNaNAreRejected) {
  EXPECT_THROW(ward_linkage(Matrix(1, 2).view()), InvalidInput);
  Matrix x(3, 1);
  x.values = {0.0, std::nan(""), 1.0};
  EXPECT_THROW(ward_linkage(x.view()), InvalidInput);
}

}  // namespace
}  // namespace fincoach::segment
