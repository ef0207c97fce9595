#include "fincoach/segment/stability.hpp"

#include <gtest/gtest.h>

#include "blobs.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/segment/kmeans.hpp"

namespace fincoach::segment {
namespace {

TEST(Bootstrap, WellSeparatedSegmentsAreStable) {
  const auto b = testing::make_blobs(4, 100, 4, 12.0, 91);
  KMeansParams p;
  p.k = 4;
  p.n_init = 3;
  ValidationParams v;
  v.bootstrap = 10;
  const BootstrapStability s = bootstrap_stability(b.x.view(), b.truth, p, v);
  EXPECT_EQ(s.rows, 400u);
  EXPECT_EQ(s.resamples, 10);
  for (size_t c = 0; c < 4; ++c) {
    EXPECT_GT(s.mean_jaccard[c], 0.99);
    EXPECT_EQ(s.recovered[c], 10);
    EXPECT_EQ(s.dissolved[c], 0);
    EXPECT_EQ(s.verdict[c], StabilityVerdict::Stable);
  }
}

TEST(Bootstrap, ArbitrarySplitsOfUniformDataAreLessStableAndDeterministic) {
  const Matrix x = testing::make_uniform(300, 6, 92);
  KMeansParams p;
  p.k = 6;
  p.n_init = 2;
  const KMeansResult fit = fit_kmeans(x.view(), p);
  ValidationParams v;
  v.bootstrap = 8;
  p.threads = 1;
  const BootstrapStability a = bootstrap_stability(x.view(), fit.labels, p, v);
  p.threads = 3;
  const BootstrapStability c = bootstrap_stability(x.view(), fit.labels, p, v);
  EXPECT_EQ(a.mean_jaccard, c.mean_jaccard);
  double mean = 0.0;
  for (double j : a.mean_jaccard) mean += j / 6.0;
  EXPECT_LT(mean, 0.9);
}

TEST(Bootstrap, SampleLimitAndErrors) {
  const auto b = testing::make_blobs(2, 300, 2, 6.0, 93);
  KMeansParams p;
  p.k = 2;
  p.n_init = 1;
  ValidationParams v;
  v.bootstrap = 2;
  v.bootstrap_sample = 100;
  EXPECT_EQ(bootstrap_stability(b.x.view(), b.truth, p, v).rows, 100u);
  EXPECT_THROW(bootstrap_stability(b.x.view(), std::vector<int32_t>(3, 0), p, v), InvalidInput);
  v.bootstrap_sample = 1;
  EXPECT_THROW(bootstrap_stability(b.x.view(), b.truth, p, v), InvalidInput);
}

TEST(Temporal, SameBehaviourTwiceAgreesFully) {
  const auto b = testing::make_blobs(3, 100, 4, 6.0, 94);
  KMeansParams p;
  p.k = 3;
  const TemporalStability t = temporal_stability(b.x.view(), b.x.view(), p);
  EXPECT_DOUBLE_EQ(t.ari_refit, 1.0);
  EXPECT_DOUBLE_EQ(t.ari_assigned, 1.0);
  EXPECT_DOUBLE_EQ(t.retained_share, 1.0);
  EXPECT_EQ(t.rows, 300u);
}

TEST(Temporal, UsersWhoChangeBehaviourLowerTheAgreement) {
  auto first = testing::make_blobs(3, 100, 4, 6.0, 95);
  Matrix second = first.x;
  // A fifth of the users move to the next blob's centre in the second quarter.
  for (size_t i = 0; i < second.rows; i += 5) {
    const size_t to = (static_cast<size_t>(first.truth[i]) + 1) % 3;
    for (size_t j = 0; j < 4; ++j)
      second.at(i, j) += first.centres.at(to, j) - first.centres.at(static_cast<size_t>(first.truth[i]), j);
  }
  KMeansParams p;
  p.k = 3;
  const TemporalStability t = temporal_stability(first.x.view(), second.view(), p);
  EXPECT_NEAR(t.retained_share, 0.8, 0.02);
  EXPECT_LT(t.ari_refit, 0.8);
  EXPECT_GT(t.ari_refit, 0.3);
  EXPECT_THROW(temporal_stability(first.x.view(), Matrix(10, 4).view(), p), InvalidInput);
}

}  // namespace
}  // namespace fincoach::segment
