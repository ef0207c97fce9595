#include "fincoach/segment/choose_k.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "blobs.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::segment {
namespace {

TEST(Kneedle, FindsTheBendOfAConvexCurve) {
  double strength = 0.0;
  const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<double> y{1000, 500, 250, 90, 80, 72, 66, 61};
  EXPECT_EQ(kneedle(x, y, &strength), 3u);
  EXPECT_GT(strength, 0.5);
  const std::vector<double> line{8, 7, 6, 5, 4, 3, 2, 1};
  kneedle(x, line, &strength);
  EXPECT_NEAR(strength, 0.0, 1e-12);
}

TEST(GapRule, SmallestKWithinOneStandardError) {
  // Gap rises to k = 3, then flattens within one standard error.
  EXPECT_EQ(gap_one_se_choice({0.1, 0.5, 0.9, 0.92, 0.93}, {0.02, 0.02, 0.02, 0.05, 0.05}, 1), 3);
  EXPECT_EQ(gap_one_se_choice({0.5, 0.4, 0.3}, {0.01, 0.01, 0.01}, 1), 1);
  EXPECT_EQ(gap_one_se_choice({0.1, 0.2, 0.3}, {0.01, 0.01, 0.01}, 2), 4);
}

TEST(ChooseK, EveryCriterionPicksThePlantedK) {
  const auto b = testing::make_blobs(4, 150, 5, 6.0, 81);
  KMeansParams km;
  km.k = 5;
  ChooseKParams p;
  p.k_min = 2;
  p.k_max = 8;
  p.gap_references = 5;
  p.n_init = 2;
  const KSelection s = choose_k(b.x.view(), km, p);
  EXPECT_EQ(s.k, (std::vector<int>{2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(s.elbow_k, 4);
  EXPECT_EQ(s.silhouette_k, 4);
  EXPECT_EQ(s.gap_choice, 4);
  EXPECT_EQ(s.recommended_k, 4);
  EXPECT_EQ(s.gap.size(), 8u);  // k = 1 .. 8
  EXPECT_FALSE(s.sampled);
  ASSERT_GE(s.reasons.size(), 4u);
  EXPECT_NE(s.reasons.back().find("product keeps k = 5"), std::string::npos);
  for (size_t i = 1; i < s.inertia.size(); ++i) EXPECT_LE(s.inertia[i], s.inertia[i - 1] * 1.0001);
  EXPECT_EQ(s.to_json().at("recommended_k"), 4);
}

TEST(ChooseK, UniformDataHasNoStructureForTheGap) {
  const Matrix x = testing::make_uniform(400, 2, 82);
  KMeansParams km;
  ChooseKParams p;
  p.k_max = 6;
  p.gap_references = 8;
  p.n_init = 2;
  EXPECT_EQ(choose_k(x.view(), km, p).gap_choice, 1);
}

TEST(ChooseK, SampleIsUsedAboveSampleSize) {
  const auto b = testing::make_blobs(3, 200, 3, 6.0, 83);
  KMeansParams km;
  ChooseKParams p;
  p.k_max = 5;
  p.sample_size = 300;
  p.silhouette_sample = 100;
  p.gap_references = 3;
  p.n_init = 1;
  const KSelection s = choose_k(b.x.view(), km, p);
  EXPECT_TRUE(s.sampled);
  EXPECT_EQ(s.rows, 300u);
  EXPECT_EQ(s.silhouette_rows, 100u);
  EXPECT_EQ(s.recommended_k, 3);
}

TEST(ChooseK, TooFewRowsAndBadParamsAreRejected) {
  const Matrix x = testing::make_uniform(5, 2, 84);
  ChooseKParams p;
  EXPECT_THROW(choose_k(x.view(), KMeansParams{}, p), InvalidInput);
  p.k_min = 1;
  EXPECT_THROW(choose_k(testing::make_uniform(50, 2, 1).view(), KMeansParams{}, p), InvalidInput);
}

}  // namespace
}  // namespace fincoach::segment
