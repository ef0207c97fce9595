#include "fincoach/segment/pca.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "blobs.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::segment {
namespace {

TEST(Pca, FindsTheDirectionOfLargestSpread) {
  // Points along (3, 4)/5 with a little noise across it.
  Matrix x(200, 2);
  for (size_t i = 0; i < 200; ++i) {
    const double t = static_cast<double>(i) - 100.0;
    const double n = (i % 2 == 0 ? 0.1 : -0.1);
    x.at(i, 0) = 10.0 + 0.6 * t - 0.8 * n;
    x.at(i, 1) = -5.0 + 0.8 * t + 0.6 * n;
  }
  const Pca p = fit_pca(x.view(), 2);
  EXPECT_NEAR(p.components.at(0, 0), 0.6, 1e-4);
  EXPECT_NEAR(p.components.at(0, 1), 0.8, 1e-4);  // largest loading positive
  EXPECT_NEAR(p.mean[0], 10.0 - 0.3, 1e-9);
  EXPECT_GT(p.explained_ratio()[0], 0.999);
  EXPECT_NEAR(p.variance[0] + p.variance[1], p.total_variance, 1e-9);
  double xy[2];
  p.project(x.row_span(100), xy);
  EXPECT_NEAR(xy[0], 0.5, 1e-4);  // centred row (0.22, 0.46) on (0.6, 0.8)
  double back[2];
  p.reconstruct(xy, back);
  EXPECT_NEAR(back[0], x.at(100, 0), 1e-9);
  EXPECT_NEAR(back[1], x.at(100, 1), 1e-9);
  EXPECT_EQ(p.to_json().at("components").size(), 2u);
}

TEST(Pca, ProjectionsAreCentredAndUncorrelated) {
  const auto b = testing::make_blobs(3, 100, 5, 3.0, 101);
  const Pca p = fit_pca(b.x.view(), 3);
  const Matrix z = p.project(b.x.view());
  for (size_t c = 0; c < 3; ++c) {
    double mean = 0.0;
    for (size_t r = 0; r < z.rows; ++r) mean += z.at(r, c) / static_cast<double>(z.rows);
    EXPECT_NEAR(mean, 0.0, 1e-9);
  }
  double cross = 0.0;
  for (size_t r = 0; r < z.rows; ++r) cross += z.at(r, 0) * z.at(r, 1);
  EXPECT_NEAR(cross / static_cast<double>(z.rows), 0.0, 1e-8);
  EXPECT_GE(p.variance[0], p.variance[1]);
}

TEST(Pca, BadShapesAreRejected) {
  EXPECT_THROW(fit_pca(Matrix(0, 3).view(), 2), InvalidInput);
  EXPECT_THROW(fit_pca(Matrix(5, 3).view(), 4), InvalidInput);
  EXPECT_THROW(fit_pca(Matrix(5, 3).view(), 0), InvalidInput);
}

}  // namespace
}  // namespace fincoach::segment
