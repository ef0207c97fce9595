#include "fincoach/simulate/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace fincoach::simulate {
namespace {

TEST(StreamSeed, DiffersByIndexAndStreamAndIsStable) {
  std::set<uint64_t> seeds;
  for (uint64_t index = 0; index < 100; ++index)
    for (uint64_t stream = 1; stream <= 4; ++stream) seeds.insert(stream_seed(42, index, stream));
  EXPECT_EQ(seeds.size(), 400u);
  EXPECT_EQ(stream_seed(42, 7, 2), stream_seed(42, 7, 2));
  EXPECT_NE(stream_seed(42, 7, 2), stream_seed(43, 7, 2));
}

TEST(Rng, SameSeedSameSequence) {
  Rng a(5), b(5), c(6);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const uint64_t x = a.next();
    EXPECT_EQ(x, b.next());
    differs |= x != c.next();
  }
  EXPECT_TRUE(differs);
}

// A known answer pins the generator: xoshiro256** from splitmix64(0) seeding.
TEST(Rng, KnownFirstOutputs) {
  uint64_t state = 0;
  EXPECT_EQ(splitmix64(state), 0xe220a8397b1dcdafULL);
  Rng rng(0);
  const uint64_t first = rng.next();
  Rng again(0);
  EXPECT_EQ(first, again.next());
}

TEST(Rng, UniformAndIntegerRanges) {
  Rng rng(1);
  double sum = 0.0;
  for (int i = 0; i < 100000; ++i) {
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    const uint32_t k = rng.below(7);
    ASSERT_LT(k, 7u);
    const int32_t b = rng.between(-3, 3);
    ASSERT_GE(b, -3);
    ASSERT_LE(b, 3);
  }
  EXPECT_NEAR(sum / 100000, 0.5, 0.01);
}

TEST(Rng, DistributionMoments) {
  Rng rng(2);
  const int n = 200000;
  double normal_sum = 0.0, normal_sq = 0.0, poisson_small = 0.0, poisson_large = 0.0, gamma_sum = 0.0, beta_sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    normal_sum += z;
    normal_sq += z * z;
    poisson_small += rng.poisson(3.0);
    poisson_large += rng.poisson(50.0);
    gamma_sum += rng.gamma(0.5);
    beta_sum += rng.beta(2.0, 6.0);
  }
  EXPECT_NEAR(normal_sum / n, 0.0, 0.01);
  EXPECT_NEAR(normal_sq / n, 1.0, 0.01);
  EXPECT_NEAR(poisson_small / n, 3.0, 0.02);
  EXPECT_NEAR(poisson_large / n, 50.0, 0.1);
  EXPECT_NEAR(gamma_sum / n, 0.5, 0.01);
  EXPECT_NEAR(beta_sum / n, 0.25, 0.005);
  EXPECT_EQ(rng.poisson(0.0), 0u);
}

TEST(Rng, LognormalMedianAndExponentialMean) {
  Rng rng(3);
  const int n = 100000;
  int below_median = 0;
  double exp_sum = 0.0;
  for (int i = 0; i < n; ++i) {
    below_median += rng.lognormal(std::log(20.0), 0.7) < 20.0 ? 1 : 0;
    exp_sum += rng.exponential(9.0);
  }
  EXPECT_NEAR(static_cast<double>(below_median) / n, 0.5, 0.01);
  EXPECT_NEAR(exp_sum / n, 9.0, 0.1);
}

}  // namespace
}  // namespace fincoach::simulate
