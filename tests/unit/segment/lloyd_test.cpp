#include "segment/lloyd.hpp"

#include <gtest/gtest.h>

#include "blobs.hpp"
#include "fincoach/segment/kmeans.hpp"
#include "fincoach/segment/metrics.hpp"
#include "segment/distance.hpp"

namespace fincoach::segment::detail {
namespace {

using testing::make_blobs;

/// Centres at three blob centres plus one far away from every row: it owns no row after the
/// first assignment and must be re-seeded from the row farthest from its centre.
Matrix centres_with_a_stray(const testing::Blobs& b) {
  Matrix c(4, b.x.cols);
  for (size_t j = 0; j < 3; ++j)
    for (size_t t = 0; t < b.x.cols; ++t) c.at(j, t) = b.x.at(j, t);
  for (size_t t = 0; t < b.x.cols; ++t) c.at(3, t) = 1000.0;
  return c;
}

TEST(Lloyd, EmptyClusterIsReseededFromTheFarthestRow) {
  const auto b = make_blobs(4, 60, 3, 6.0, 21);
  for (bool hamerly : {false, true}) {
    const DataStats stats = data_stats(b.x.view());
    const LloydOutcome out = hamerly ? lloyd_hamerly(b.x.view(), stats, centres_with_a_stray(b), 100, 0.0)
                                     : lloyd_blocked(b.x.view(), stats, centres_with_a_stray(b), 100, 0.0);
    EXPECT_GE(out.reseeds, 1) << hamerly;
    std::vector<uint64_t> sizes(4, 0);
    for (int32_t l : out.labels) ++sizes[static_cast<size_t>(l)];
    for (uint64_t s : sizes) EXPECT_GT(s, 0u) << hamerly;
    EXPECT_TRUE(out.converged);
  }
}

TEST(Lloyd, BlockedAndHamerlyAgreeFromTheSameCentres) {
  const auto b = make_blobs(5, 200, 8, 1.0, 22);
  const DataStats stats = data_stats(b.x.view());
  Matrix start(5, 8);
  for (size_t j = 0; j < 5; ++j)
    for (size_t t = 0; t < 8; ++t) start.at(j, t) = b.x.at(j * 7, t);
  const LloydOutcome blocked = lloyd_blocked(b.x.view(), stats, start, 300, 0.0);
  const LloydOutcome hamerly = lloyd_hamerly(b.x.view(), stats, start, 300, 0.0);
  EXPECT_EQ(blocked.labels, hamerly.labels);
  EXPECT_EQ(blocked.iterations, hamerly.iterations);
  // The inertia from the sums agrees with the exact one up to rounding.
  EXPECT_NEAR(blocked.inertia, hamerly.inertia, 1e-9 * blocked.inertia);
  const LloydOutcome a = finish_exact(b.x.view(), blocked);
  const LloydOutcome h = finish_exact(b.x.view(), hamerly);
  EXPECT_EQ(a.centres, h.centres);  // both recomputed exactly from the same labels
  EXPECT_EQ(a.labels, h.labels);
  EXPECT_NEAR(a.inertia, blocked.inertia, 1e-9 * a.inertia);
}

TEST(Lloyd, FinalAssignmentMatchesNearestCentroid) {
  const auto b = make_blobs(3, 40, 4, 2.0, 23);
  Matrix c(3, 4);
  for (size_t j = 0; j < 3; ++j)
    for (size_t t = 0; t < 4; ++t) c.at(j, t) = b.centres.at(j, t);
  double inertia = 0.0;
  const std::vector<int32_t> labels = final_assignment(b.x.view(), c.view(), &inertia);
  double sum = 0.0;
  for (size_t i = 0; i < b.x.rows; ++i) {
    double d2 = 0.0;
    EXPECT_EQ(labels[i], nearest_centroid(b.x.row_span(i), c.view(), &d2));
    sum += d2;
  }
  EXPECT_DOUBLE_EQ(inertia, sum);
}

}  // namespace
}  // namespace fincoach::segment::detail
