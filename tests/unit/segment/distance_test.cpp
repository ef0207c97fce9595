#include "segment/distance.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "blobs.hpp"
#include "fincoach/segment/kmeans.hpp"

namespace fincoach::segment::detail {
namespace {

TEST(Distance, SquaredDistanceOfKnownRows) {
  const double a[5] = {1, 2, 3, 4, 5};
  const double b[5] = {0, 2, 5, 4, 8};
  EXPECT_EQ(squared_distance(a, b, 5), 1.0 + 4.0 + 9.0);
  EXPECT_EQ(squared_distance(a, a, 5), 0.0);
}

TEST(Distance, BlockKernelMatchesDirectDistances) {
  // Odd sizes exercise the short row group and the padded centre lanes.
  for (size_t k : {1u, 5u, 8u, 11u}) {
    const Matrix x = testing::make_uniform(23, 13, 31 + k);
    const Matrix c = testing::make_uniform(k, 13, 41 + k);
    const std::vector<double> norms = row_norms(x.view());
    const PackedCentres packed = pack_centres(c.view());
    std::vector<double> out(x.rows * k);
    block_distances(x.view(), norms, 0, x.rows, packed, out.data());
    std::vector<double> part(6 * k);
    block_distances(x.view(), norms, 3, 9, packed, part.data());
    for (size_t i = 0; i < x.rows; ++i)
      for (size_t j = 0; j < k; ++j) {
        EXPECT_NEAR(out[i * k + j], squared_distance(x.row(i), c.row(j), 13), 1e-12);
        if (i >= 3 && i < 9) {
          EXPECT_EQ(part[(i - 3) * k + j], out[i * k + j]);
        }
      }
    const std::vector<uint32_t> rows{7, 0, 22, 7, 5};
    std::vector<double> gathered(rows.size() * k);
    gathered_direct_distances(x.view(), rows.data(), rows.size(), packed, gathered.data());
    std::vector<double> direct(x.rows * k);
    block_direct_distances(x.view(), 0, x.rows, packed, direct.data());
    for (size_t t = 0; t < rows.size(); ++t)
      for (size_t j = 0; j < k; ++j) EXPECT_EQ(gathered[t * k + j], direct[rows[t] * k + j]);
    for (size_t i = 0; i < x.rows; ++i)
      for (size_t j = 0; j < k; ++j) EXPECT_NEAR(direct[i * k + j], squared_distance(x.row(i), c.row(j), 13), 1e-12);
    std::vector<double> euclid(x.rows * k);
    block_euclidean(x.view(), norms, 0, x.rows, packed, euclid.data());
    for (size_t i = 0; i < euclid.size(); ++i) EXPECT_NEAR(euclid[i], std::sqrt(out[i]), 1e-12);
  }
}

TEST(Distance, DirectKernelIsExactlyZeroOnACentre) {
  const Matrix x = testing::make_uniform(9, 5, 3);
  std::vector<double> out(9 * 9);
  block_direct_distances(x.view(), 0, 9, pack_centres(x.view()), out.data());
  for (size_t i = 0; i < 9; ++i) EXPECT_EQ(out[i * 9 + i], 0.0);
}

TEST(Distance, CoincidingRowIsNeverNegative) {
  Matrix x(1, 3);
  x.values = {1e8, -3e7, 0.1};
  const std::vector<double> norms = row_norms(x.view());
  double out = -1.0;
  block_distances(x.view(), norms, 0, 1, pack_centres(x.view()), &out);
  EXPECT_GE(out, 0.0);
}

}  // namespace
}  // namespace fincoach::segment::detail
