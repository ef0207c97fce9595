#include "fincoach/segment/kmeans.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "blobs.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/segment/metrics.hpp"

namespace fincoach::segment {
namespace {

using testing::make_blobs;

TEST(KMeans, FindsPlantedBlobs) {
  const auto b = make_blobs(5, 200, 12, 4.0, 1);
  KMeansParams p;
  p.k = 5;
  const KMeansResult r = fit_kmeans(b.x.view(), p);
  EXPECT_DOUBLE_EQ(adjusted_rand_index(r.labels, b.truth), 1.0);
  EXPECT_TRUE(r.converged);
  EXPECT_EQ(r.init_inertia.size(), 10u);
  EXPECT_EQ(r.sizes, std::vector<uint64_t>(5, 200));
  // Each centroid sits within a few standard errors of its planted centre.
  for (size_t c = 0; c < 5; ++c) {
    const int32_t label = r.labels[c];  // row c belongs to blob c
    const double d2 = squared_distance(r.centroids.row(static_cast<size_t>(label)), b.centres.row(c), 12);
    EXPECT_LT(d2, 12 * 0.05);
  }
}

TEST(KMeans, InertiaIsTheSumOfSquaredDistancesToTheLabelledCentroid) {
  const auto b = make_blobs(3, 100, 5, 3.0, 2);
  KMeansParams p;
  p.k = 3;
  const KMeansResult r = fit_kmeans(b.x.view(), p);
  double sum = 0.0;
  for (size_t i = 0; i < b.x.rows; ++i)
    sum += squared_distance(b.x.row(i), r.centroids.row(static_cast<size_t>(r.labels[i])), 5);
  EXPECT_NEAR(r.inertia, sum, 1e-9 * sum);
  EXPECT_EQ(r.init_inertia[static_cast<size_t>(r.best_init)], r.inertia);
  for (double v : r.init_inertia) EXPECT_GE(v, r.inertia);
}

TEST(KMeans, SameResultForAnyThreadCount) {
  const auto b = make_blobs(5, 300, 20, 1.0, 3);  // overlapping: many iterations
  KMeansParams p;
  p.k = 5;
  p.threads = 1;
  const KMeansResult one = fit_kmeans(b.x.view(), p);
  p.threads = 2;
  const KMeansResult two = fit_kmeans(b.x.view(), p);
  p.threads = 7;
  const KMeansResult seven = fit_kmeans(b.x.view(), p);
  EXPECT_EQ(one.labels, two.labels);
  EXPECT_EQ(one.centroids, two.centroids);
  EXPECT_EQ(one.inertia, two.inertia);
  EXPECT_EQ(one.init_inertia, seven.init_inertia);
  EXPECT_EQ(one.centroids, seven.centroids);
}

TEST(KMeans, SeedChangesInitsButNotPlantedAnswer) {
  const auto b = make_blobs(4, 100, 6, 5.0, 4);
  KMeansParams p;
  p.k = 4;
  p.seed = 1;
  const KMeansResult a = fit_kmeans(b.x.view(), p);
  p.seed = 2;
  const KMeansResult c = fit_kmeans(b.x.view(), p);
  EXPECT_NE(a.init_inertia, c.init_inertia);
  EXPECT_DOUBLE_EQ(adjusted_rand_index(a.labels, c.labels), 1.0);
}

TEST(KMeans, BlockedAndHamerlyGiveTheSameClustering) {
  for (uint64_t seed : {5u, 6u, 7u}) {
    const auto b = make_blobs(6, 150, 10, 1.2, seed);
    KMeansParams p;
    p.k = 6;
    p.n_init = 3;
    p.assignment = Assignment::Blocked;
    const KMeansResult blocked = fit_kmeans(b.x.view(), p);
    p.assignment = Assignment::Hamerly;
    const KMeansResult hamerly = fit_kmeans(b.x.view(), p);
    // Inits that reach the same partition tie up to rounding, so the kept init, and with it
    // the numbering of the clusters, may differ: compare partitions and matched centroids.
    EXPECT_DOUBLE_EQ(adjusted_rand_index(blocked.labels, hamerly.labels), 1.0) << "seed " << seed;
    EXPECT_EQ(blocked.init_iterations, hamerly.init_iterations) << "seed " << seed;
    for (size_t i = 0; i < b.x.rows; i += 37)
      for (size_t t = 0; t < 10; ++t)
        EXPECT_NEAR(blocked.centroids.at(static_cast<size_t>(blocked.labels[i]), t),
                    hamerly.centroids.at(static_cast<size_t>(hamerly.labels[i]), t), 1e-12);
    EXPECT_NEAR(blocked.inertia, hamerly.inertia, 1e-9 * blocked.inertia);
  }
}

TEST(KMeans, PlainAndGreedySeedingBothFindBlobs) {
  const auto b = make_blobs(5, 100, 8, 5.0, 8);
  KMeansParams p;
  p.k = 5;
  p.seeding = Seeding::KMeansPlusPlus;
  EXPECT_DOUBLE_EQ(adjusted_rand_index(fit_kmeans(b.x.view(), p).labels, b.truth), 1.0);
  p.seeding = Seeding::GreedyKMeansPlusPlus;
  p.local_trials = 5;
  EXPECT_DOUBLE_EQ(adjusted_rand_index(fit_kmeans(b.x.view(), p).labels, b.truth), 1.0);
}

// Above seeding_sample rows each init seeds and warms up on a sample, then Lloyd runs on
// every row: the answer is a full-data fixed point as good as seeding on all rows.
TEST(KMeans, SampleWarmStartReachesTheFullDataAnswer) {
  const auto b = make_blobs(4, 300, 8, 4.0, 5);
  KMeansParams full;
  full.k = 4;
  full.seeding_sample = 0;
  KMeansParams warm = full;
  warm.seeding_sample = 100;
  const KMeansResult a = fit_kmeans(b.x.view(), full);
  const KMeansResult w = fit_kmeans(b.x.view(), warm);
  EXPECT_DOUBLE_EQ(adjusted_rand_index(w.labels, b.truth), 1.0);
  EXPECT_NEAR(w.inertia, a.inertia, 1e-9 * a.inertia);
  // A fixed point of Lloyd on all rows: reassigning to the returned centroids changes nothing.
  EXPECT_EQ(assign_nearest(b.x.view(), w.centroids.view()), w.labels);
  warm.threads = 3;
  EXPECT_EQ(fit_kmeans(b.x.view(), warm).labels, w.labels);
}

TEST(KMeans, KLargerThanRowsIsRejectedNamingBoth) {
  Matrix x(3, 2);
  KMeansParams p;
  p.k = 5;
  try {
    fit_kmeans(x.view(), p);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("k = 5"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("(3)"), std::string::npos);
  }
}

TEST(KMeans, NaNIsRejectedNamingRowAndColumn) {
  auto b = make_blobs(2, 10, 3, 3.0, 9);
  b.x.at(7, 2) = std::numeric_limits<double>::quiet_NaN();
  KMeansParams p;
  p.k = 2;
  try {
    fit_kmeans(b.x.view(), p);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("row 7 column 2"), std::string::npos) << e.what();
  }
  b.x.at(7, 2) = std::numeric_limits<double>::infinity();
  EXPECT_THROW(fit_kmeans(b.x.view(), p), InvalidInput);
}

TEST(KMeans, EmptyMatrixIsRejected) {
  KMeansParams p;
  p.k = 1;
  EXPECT_THROW(fit_kmeans(Matrix(0, 3).view(), p), InvalidInput);
  EXPECT_THROW(fit_kmeans(Matrix(3, 0).view(), p), InvalidInput);
}

TEST(KMeans, IdenticalRowsCannotHoldTwoClusters) {
  Matrix x(50, 4);
  for (double& v : x.values) v = 1.5;
  KMeansParams p;
  p.k = 2;
  try {
    fit_kmeans(x.view(), p);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("distinct"), std::string::npos) << e.what();
  }
  p.k = 1;
  const KMeansResult r = fit_kmeans(x.view(), p);
  EXPECT_EQ(r.inertia, 0.0);
  EXPECT_EQ(r.centroids.at(0, 3), 1.5);
}

TEST(KMeans, ConstantColumnsDoNotChangeTheClustering) {
  const auto b = make_blobs(3, 100, 4, 4.0, 10);
  Matrix wide(b.x.rows, 6);
  for (size_t i = 0; i < b.x.rows; ++i) {
    for (size_t j = 0; j < 4; ++j) wide.at(i, j) = b.x.at(i, j);
    wide.at(i, 4) = 7.0;
    wide.at(i, 5) = -2.0;
  }
  KMeansParams p;
  p.k = 3;
  const KMeansResult narrow_fit = fit_kmeans(b.x.view(), p);
  const KMeansResult wide_fit = fit_kmeans(wide.view(), p);
  EXPECT_EQ(narrow_fit.labels, wide_fit.labels);
  EXPECT_EQ(wide_fit.centroids.at(0, 4), 7.0);
}

TEST(KMeans, SingleUserWithKOne) {
  Matrix x(1, 3);
  x.values = {1.0, 2.0, 3.0};
  KMeansParams p;
  p.k = 1;
  const KMeansResult r = fit_kmeans(x.view(), p);
  EXPECT_EQ(r.labels, std::vector<int32_t>{0});
  EXPECT_EQ(r.centroids.values, x.values);
  p.k = 2;
  EXPECT_THROW(fit_kmeans(x.view(), p), InvalidInput);
}

TEST(KMeans, NearestCentroidAndAssignNearestAgree) {
  const auto b = make_blobs(4, 50, 5, 3.0, 11);
  KMeansParams p;
  p.k = 4;
  const KMeansResult r = fit_kmeans(b.x.view(), p);
  double inertia = 0.0;
  const std::vector<int32_t> assigned = assign_nearest(b.x.view(), r.centroids.view(), &inertia);
  EXPECT_EQ(assigned, r.labels);
  EXPECT_DOUBLE_EQ(inertia, r.inertia);
  for (size_t i = 0; i < b.x.rows; ++i) EXPECT_EQ(nearest_centroid(b.x.row_span(i), r.centroids.view()), r.labels[i]);
}

TEST(KMeans, MaxIterStopsEarly) {
  const auto b = make_blobs(5, 200, 10, 0.5, 12);
  KMeansParams p;
  p.k = 5;
  p.max_iter = 1;
  p.n_init = 1;
  const KMeansResult r = fit_kmeans(b.x.view(), p);
  EXPECT_EQ(r.iterations, 1);
  EXPECT_EQ(r.labels.size(), b.x.rows);
}

}  // namespace
}  // namespace fincoach::segment
