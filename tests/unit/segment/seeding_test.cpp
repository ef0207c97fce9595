#include "segment/seeding.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "blobs.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/segment/kmeans.hpp"

namespace fincoach::segment {
namespace {

TEST(Seeding, CentresAreDistinctRowsOfTheData) {
  const auto b = testing::make_blobs(5, 40, 4, 5.0, 51);
  for (Seeding s : {Seeding::KMeansPlusPlus, Seeding::GreedyKMeansPlusPlus}) {
    const Matrix c = kmeans_plus_plus(b.x.view(), 5, s, 0, 7);
    std::set<std::vector<double>> seen;
    for (size_t j = 0; j < 5; ++j) {
      std::vector<double> row(c.row(j), c.row(j) + 4);
      bool found = false;
      for (size_t i = 0; i < b.x.rows && !found; ++i) found = std::equal(row.begin(), row.end(), b.x.row(i));
      EXPECT_TRUE(found);
      seen.insert(row);
    }
    EXPECT_EQ(seen.size(), 5u);
  }
}

TEST(Seeding, GreedySeedingHitsEveryWellSeparatedBlob) {
  const auto b = testing::make_blobs(6, 50, 3, 20.0, 52);
  const Matrix c = kmeans_plus_plus(b.x.view(), 6, Seeding::GreedyKMeansPlusPlus, 0, 3);
  std::set<int32_t> blobs;
  for (size_t j = 0; j < 6; ++j) blobs.insert(nearest_centroid({c.row(j), 3}, b.centres.view()));
  EXPECT_EQ(blobs.size(), 6u);
}

TEST(Seeding, SameSeedSameCentres) {
  const Matrix x = testing::make_uniform(100, 3, 53);
  EXPECT_EQ(kmeans_plus_plus(x.view(), 4, Seeding::GreedyKMeansPlusPlus, 0, 9),
            kmeans_plus_plus(x.view(), 4, Seeding::GreedyKMeansPlusPlus, 0, 9));
  EXPECT_NE(kmeans_plus_plus(x.view(), 4, Seeding::GreedyKMeansPlusPlus, 0, 9),
            kmeans_plus_plus(x.view(), 4, Seeding::GreedyKMeansPlusPlus, 0, 10));
}

TEST(Seeding, DuplicatesAreNeverDrawnAndTooFewDistinctPointsFail) {
  Matrix x(30, 2);
  for (size_t i = 0; i < 30; ++i) {
    x.at(i, 0) = static_cast<double>(i % 3);
    x.at(i, 1) = 1.0;
  }
  const Matrix c = kmeans_plus_plus(x.view(), 3, Seeding::KMeansPlusPlus, 0, 1);
  std::set<double> firsts{c.at(0, 0), c.at(1, 0), c.at(2, 0)};
  EXPECT_EQ(firsts.size(), 3u);
  EXPECT_THROW(kmeans_plus_plus(x.view(), 4, Seeding::KMeansPlusPlus, 0, 1), InvalidInput);
}

}  // namespace
}  // namespace fincoach::segment
