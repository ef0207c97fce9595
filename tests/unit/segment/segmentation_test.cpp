#include "fincoach/segment/segmentation.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"
#include "persona_features.hpp"

namespace fincoach::segment {
namespace {

SegmentParams quick_params() {
  SegmentParams p;
  p.kmeans.n_init = 4;
  p.choose_k.k_max = 7;
  p.choose_k.gap_references = 4;
  p.choose_k.n_init = 2;
  p.validation.bootstrap = 5;
  p.validation.ward_sample = 200;
  return p;
}

TEST(Segmentation, FindsAndNamesPlantedPersonas) {
  const auto data = testing::make_persona_features(60, 1);
  const auto pipeline = testing::fit_all(data.matrix);
  const Segmentation s = segment_users(data.matrix, pipeline, quick_params());
  const TruthComparison truth = compare_with_truth(s, data.persona);
  EXPECT_DOUBLE_EQ(truth.ari, 1.0);
  EXPECT_EQ(truth.names_matching, 5);
  for (size_t seg = 0; seg < 5; ++seg) {
    EXPECT_EQ(s.model.segments[seg].name, persona_templates()[static_cast<size_t>(truth.majority[seg])].name);
    EXPECT_EQ(s.model.segments[seg].size, 60u);
    EXPECT_NE(s.model.segments[seg].description.find("Compared with all users"), std::string::npos);
    EXPECT_DOUBLE_EQ(s.bootstrap.mean_jaccard[seg], 1.0);
  }
  EXPECT_TRUE(s.choose_k_done);
  EXPECT_EQ(s.selection.recommended_k, 5);
  EXPECT_TRUE(s.ward_done);
  EXPECT_DOUBLE_EQ(s.ward.ari, 1.0);
  EXPECT_GT(s.silhouette.mean, 0.5);
  EXPECT_EQ(s.coordinates.rows, 300u);
  EXPECT_EQ(s.coordinates.cols, 2u);
  // Only the varying features are clustered on; the constant ones are reported as dropped.
  EXPECT_EQ(s.columns.size(), profile_features().size());
  EXPECT_FALSE(s.dropped_constant.empty());
  EXPECT_EQ(s.model.columns, s.columns);
}

TEST(Segmentation, ServedAssignmentMatchesTheLabels) {
  const auto data = testing::make_persona_features(30, 2);
  const auto pipeline = testing::fit_all(data.matrix);
  SegmentParams p = quick_params();
  p.choose_k_enabled = false;
  const Segmentation s = segment_users(data.matrix, pipeline, p);
  const features::FeatureMatrix scaled = pipeline.transform(data.matrix);
  for (size_t r = 0; r < scaled.rows; ++r) {
    EXPECT_EQ(assign(s.model, scaled.row(r)).segment, s.labels[r]);
    EXPECT_EQ(assign_unscaled(s.model, data.matrix.row(r), data.matrix.row_missing(r)).segment, s.labels[r]);
  }
  EXPECT_EQ(s.model.pipeline_fingerprint, pipeline_fingerprint(pipeline));
}

TEST(Segmentation, TrainingMaskFitsOnPartAndAssignsAll) {
  const auto data = testing::make_persona_features(40, 3);
  const auto pipeline = testing::fit_all(data.matrix);
  std::vector<uint8_t> mask(data.matrix.rows, 0);
  for (size_t r = 0; r < mask.size(); r += 2) mask[r] = 1;
  SegmentParams p = quick_params();
  p.choose_k_enabled = false;
  const Segmentation s = segment_users(data.matrix, pipeline, p, mask);
  EXPECT_EQ(s.training_rows, 100u);
  EXPECT_EQ(s.labels.size(), 200u);
  EXPECT_DOUBLE_EQ(compare_with_truth(s, data.persona).ari, 1.0);
  EXPECT_THROW(segment_users(data.matrix, pipeline, p, std::vector<uint8_t>(3, 1)), InvalidInput);
}

TEST(Segmentation, BadInputGivesClearErrors) {
  const auto data = testing::make_persona_features(2, 4);  // 10 users
  const auto pipeline = testing::fit_all(data.matrix);
  SegmentParams p = quick_params();
  p.kmeans.k = 11;
  EXPECT_THROW(segment_users(data.matrix, pipeline, p), InvalidInput);  // k > users
  p.kmeans.k = 5;
  p.blocks = "segment,peer";  // only constant blocks
  EXPECT_THROW(segment_users(data.matrix, pipeline, p), InvalidInput);
  p.blocks = "base,nonsense";
  EXPECT_THROW(segment_users(data.matrix, pipeline, p), InvalidInput);
  EXPECT_THROW(segment_users(data.matrix, features::FeaturePipeline{}, quick_params()), NotFitted);
  features::FeatureMatrix other = data.matrix;
  other.schema.name = "legacy17";
  EXPECT_THROW(segment_users(other, pipeline, quick_params()), InvalidInput);
}

TEST(Segmentation, FewUsersSkipChoosingKAndOneUserIsRejected) {
  const auto data = testing::make_persona_features(2, 5);  // 10 users: too few for k up to 10
  const auto pipeline = testing::fit_all(data.matrix);
  SegmentParams p = quick_params();
  p.choose_k.k_max = 10;
  const Segmentation s = segment_users(data.matrix, pipeline, p);
  EXPECT_FALSE(s.choose_k_done);
  EXPECT_NE(s.choose_k_skipped.find("too few"), std::string::npos);

  features::FeatureMatrix one = data.matrix;
  one.resize(1);
  one.values.assign(data.matrix.values.begin(), data.matrix.values.begin() + static_cast<std::ptrdiff_t>(one.cols()));
  const auto one_pipeline = testing::fit_all(one);
  // One user: every column is constant on the training users, so nothing can be clustered.
  try {
    segment_users(one, one_pipeline, p);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("constant"), std::string::npos) << e.what();
  }
}

TEST(Segmentation, ClusteredColumnsFollowBlocksAndDropConstants) {
  const auto schema = features::enhanced_schema(features::FeatureParams{});
  std::vector<uint8_t> zero(schema.size(), 0);
  zero[0] = 1;
  std::vector<std::string> dropped;
  const auto cols = clustered_columns(schema, "base, goal", zero, &dropped);
  EXPECT_EQ(dropped, std::vector<std::string>{"current_balance"});
  EXPECT_EQ(cols.size(), features::dim::legacy_count - 1 + features::k_goal_dims);
  const std::vector<double> weights = clustered_weights(schema, "base, goal:0.25", cols);
  ASSERT_EQ(weights.size(), cols.size());
  for (size_t t = 0; t < cols.size(); ++t)
    EXPECT_EQ(weights[t], schema.features[cols[t]].block == features::FeatureBlock::Goal ? 0.25 : 1.0);
}

TEST(Segmentation, BlockWeightsShapeTheClusteredSpaceAndTheModel) {
  const auto data = testing::make_persona_features(40, 6);
  const auto pipeline = testing::fit_all(data.matrix);
  SegmentParams p = quick_params();
  p.blocks = "base,behavioural,goal:0.5";
  const Segmentation s = segment_users(data.matrix, pipeline, p);
  ASSERT_EQ(s.weights.size(), s.columns.size());
  EXPECT_EQ(s.model.weights, s.weights);
  // Served assignments equal the training labels in the weighted space.
  const features::FeatureMatrix scaled = pipeline.transform(data.matrix);
  for (size_t r = 0; r < scaled.rows; ++r) EXPECT_EQ(assign(s.model, scaled.row(r)).segment, s.labels[r]) << r;
}

}  // namespace
}  // namespace fincoach::segment
