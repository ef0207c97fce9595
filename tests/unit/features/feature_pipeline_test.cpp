#include "fincoach/features/feature_pipeline.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <bit>
#include <filesystem>

#include "fincoach/common/error.hpp"
#include "ledger_fixture.hpp"

namespace fincoach::features {
namespace {

FeatureMatrix small_matrix() {
  FeatureMatrix m;
  m.schema.name = "t";
  m.schema.features = {{"a", FeatureBlock::Base, "x", ""}, {"b", FeatureBlock::Base, "x", ""},
                       {"c", FeatureBlock::Base, "x", ""}};
  m.resize(5);
  const float v[5][3] = {{1, 7, 0.1f}, {2, 7, 0.3f}, {3, 7, 0.2f}, {4, 7, 99}, {100, 7, 0.7f}};
  for (size_t r = 0; r < 5; ++r)
    for (size_t c = 0; c < 3; ++c) m.values[r * 3 + c] = v[r][c];
  m.missing[3 * 3 + 2] = 1;  // row 3's c is unknown
  return m;
}

TEST(FeaturePipeline, FitsOnTrainingRowsOnly) {
  const FeatureMatrix m = small_matrix();
  const std::vector<uint8_t> train = {1, 1, 1, 1, 0};
  const FeaturePipeline p = FeaturePipeline::fit(m, train);
  EXPECT_DOUBLE_EQ(p.mean()[0], 2.5);  // row 4's 100 is held out
  EXPECT_DOUBLE_EQ(p.median()[2], static_cast<double>(0.2f));  // median of the present 0.1, 0.3, 0.2
  EXPECT_EQ(p.zero_variance()[1], 1);
  EXPECT_DOUBLE_EQ(p.scale()[1], 1.0);
  const FeatureMatrix t = p.transform(m);
  EXPECT_FLOAT_EQ(t.at(0, 1), 0.0f);
  EXPECT_FLOAT_EQ(t.at(3, 2), static_cast<float>((static_cast<double>(0.2f) - p.mean()[2]) / p.scale()[2]));
  for (uint8_t flag : t.missing) EXPECT_EQ(flag, 0);
}

TEST(FeaturePipeline, SavedAndReloadedBitExactly) {
  const Ledger l = testing::random_ledger(300, 60, 13);
  const FeatureMatrix m = extract_enhanced(l, {}, FeatureParams{}, testing::day_of(2023, 2, 26));
  const FeaturePipeline p = FeaturePipeline::fit(m, training_mask(l, 7, 0.8));
  const std::string path = (std::filesystem::temp_directory_path() / "fincoach_feature_pipeline_test.json").string();
  p.save(path);
  const FeaturePipeline q = FeaturePipeline::load(path);
  std::filesystem::remove(path);
  ASSERT_EQ(p.mean().size(), q.mean().size());
  for (size_t c = 0; c < p.mean().size(); ++c) {
    EXPECT_EQ(std::bit_cast<uint64_t>(p.mean()[c]), std::bit_cast<uint64_t>(q.mean()[c]));
    EXPECT_EQ(std::bit_cast<uint64_t>(p.scale()[c]), std::bit_cast<uint64_t>(q.scale()[c]));
    EXPECT_EQ(std::bit_cast<uint64_t>(p.median()[c]), std::bit_cast<uint64_t>(q.median()[c]));
  }
  EXPECT_EQ(p, q);
  EXPECT_EQ(p.transform(m), q.transform(m));
  // A new user, one row at a time, transforms like the batch.
  std::vector<float> row(m.row(5).begin(), m.row(5).end());
  q.transform_row(row, m.row_missing(5));
  const FeatureMatrix all = p.transform(m);
  for (size_t c = 0; c < row.size(); ++c) EXPECT_EQ(row[c], all.at(5, c));
}

TEST(FeaturePipeline, SplitIsSeededAndPerUser) {
  EXPECT_EQ(is_training_user("abc", 1, 0.5), is_training_user("abc", 1, 0.5));
  int train = 0;
  for (int i = 0; i < 10000; ++i) train += is_training_user("user" + std::to_string(i), 42, 0.8) ? 1 : 0;
  EXPECT_NEAR(train / 10000.0, 0.8, 0.02);
  EXPECT_TRUE(is_training_user("anyone", 3, 1.0));
}

TEST(FeaturePipeline, BadInputsAreRejected) {
  const FeatureMatrix m = small_matrix();
  EXPECT_THROW(FeaturePipeline::fit(m, std::vector<uint8_t>{1, 1}), InvalidInput);
  EXPECT_THROW(FeaturePipeline::fit(m, std::vector<uint8_t>(5, 0)), InvalidInput);
  FeaturePipeline unfitted;
  EXPECT_THROW(unfitted.transform(m), NotFitted);
  nlohmann::json j = FeaturePipeline::fit(m, std::vector<uint8_t>(5, 1)).to_json();
  j["scale"][0] = 0.0;
  EXPECT_THROW(FeaturePipeline::from_json(j), InvalidInput);
}

}  // namespace
}  // namespace fincoach::features
