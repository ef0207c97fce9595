#include "fincoach/segment/model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "fincoach/common/error.hpp"

namespace fincoach::segment {
namespace {

SegmentModel small_model() {
  SegmentModel m;
  m.schema_name = "enhanced";
  m.schema_version = 1;
  m.window_weeks = 13;
  m.feature_names = {"a", "b", "c"};
  m.columns = {0, 2};
  m.weights = {1.0, 1.0};
  m.pipeline_fingerprint = "0123456789abcdef";
  m.median = {1.0, 3.0};
  m.mean = {0.5, 2.0};
  m.scale = {2.0, 0.1};
  m.centroids = Matrix(2, 2);
  m.centroids.values = {0.1 + 0.2, -1.0 / 3.0, 2.0, std::nextafter(1.0, 2.0)};  // awkward doubles
  m.segments = {{"Impulse Buyers", "impulse_buyer", 0.61, 7, 0.7, "text \"quoted\""},
                {"Average profile", "", 0.05, 3, 0.3, "other"}};
  m.params.k = 2;
  m.params.seed = 123456789012345ULL;
  m.inertia = 12.345678901234567;
  m.training_rows = 10;
  return m;
}

TEST(SegmentModel, JsonRoundTripIsExact) {
  const SegmentModel m = small_model();
  const nlohmann::json j = model_to_json(m);
  const SegmentModel back = model_from_json(nlohmann::json::parse(j.dump()));
  EXPECT_EQ(back, m);
  EXPECT_EQ(j.at("column_names"), (std::vector<std::string>{"a", "c"}));
  const std::string path = (std::filesystem::temp_directory_path() / "fincoach_segment_model_test.json").string();
  save_model(m, path);
  EXPECT_EQ(load_model(path), m);
  std::filesystem::remove(path);
}

TEST(SegmentModel, AssignUsesTheClusteredColumnsOnly) {
  const SegmentModel m = small_model();
  const std::vector<float> near_first{0.3f, 99.0f, -0.3f};
  const SegmentAssignment a = assign(m, near_first);
  EXPECT_EQ(a.segment, 0);
  EXPECT_GT(a.confidence, 0.5);
  EXPECT_LT(a.distance, 0.1);
  const std::vector<float> near_second{2.0f, -99.0f, 1.0f};
  EXPECT_EQ(assign(m, near_second).segment, 1);
  EXPECT_THROW(assign(m, std::vector<float>{1.0f, 2.0f}), InvalidInput);
}

TEST(SegmentModel, AssignUnscaledImputesAndScales) {
  const SegmentModel m = small_model();
  // Column a: (4.5 - 0.5) / 2 = 2; column c missing → median 3 → (3 - 2) / 0.1 = 10: nearer centroid 1.
  const std::vector<float> raw{4.5f, 0.0f, 0.0f};
  const std::vector<uint8_t> missing{0, 0, 1};
  EXPECT_EQ(assign_unscaled(m, raw, missing).segment, 1);
  EXPECT_THROW(assign_unscaled(m, raw, std::vector<uint8_t>{0}), InvalidInput);
}

TEST(SegmentModel, BlockWeightsScaleTheRowBeforeTheDistance) {
  SegmentModel m = small_model();
  const std::vector<float> row{0.5f, 0.0f, 3.0f};
  EXPECT_EQ(assign(m, row).segment, 1);  // column c pulls it to centroid 1 at weight 1
  m.weights = {1.0, 0.1};                // at 0.1: (0.5, 0.3) is nearer centroid 0
  EXPECT_EQ(assign(m, row).segment, 0);
  const std::vector<uint8_t> none{0, 0, 0};
  const std::vector<float> raw{0.5f * 2.0f + 0.5f, 0.0f, 3.0f * 0.1f + 2.0f};  // scales to (0.5, 3.0)
  EXPECT_EQ(assign_unscaled(m, raw, none).segment, 0);
  m.weights.clear();  // a model built in code without weights weighs every column 1
  EXPECT_EQ(assign(m, row).segment, 1);
  m.weights = {1.0};
  EXPECT_THROW(assign(m, row), InvalidInput);
}

TEST(SegmentModel, VersionOneFilesWithoutWeightsWeighEveryColumnOne) {
  nlohmann::json j = model_to_json(small_model());
  j["version"] = 1;
  j.erase("weights");
  EXPECT_EQ(model_from_json(j).weights, (std::vector<double>{1.0, 1.0}));
  j["version"] = 2;
  EXPECT_THROW(model_from_json(j), InvalidInput);  // version 2 requires them
  j["weights"] = {1.0, -0.5};
  EXPECT_THROW(model_from_json(j), InvalidInput);
  j["weights"] = {1.0};
  EXPECT_THROW(model_from_json(j), InvalidInput);
}

TEST(SegmentModel, BadDocumentsAreRejectedNamingTheKey) {
  nlohmann::json j = model_to_json(small_model());
  j.erase("centroids");
  try {
    model_from_json(j);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("centroids"), std::string::npos);
  }
  j = model_to_json(small_model());
  j["version"] = 99;
  EXPECT_THROW(model_from_json(j), InvalidInput);
  j = model_to_json(small_model());
  j["columns"] = {0, 7};
  EXPECT_THROW(model_from_json(j), InvalidInput);
  j = model_to_json(small_model());
  j["segments"].erase(1);
  EXPECT_THROW(model_from_json(j), InvalidInput);
  EXPECT_THROW(model_from_json(nlohmann::json::array()), InvalidInput);
  const std::string path = (std::filesystem::temp_directory_path() / "fincoach_segment_bad.json").string();
  { std::ofstream(path) << "{ not json"; }
  EXPECT_THROW(load_model(path), InvalidInput);
  std::filesystem::remove(path);
  EXPECT_THROW(load_model(path), IoError);
}

}  // namespace
}  // namespace fincoach::segment
