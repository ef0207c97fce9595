#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/segment/segmentation.hpp"
#include "persona_features.hpp"

namespace fincoach::segment {
namespace {

Segmentation small_segmentation(const testing::PersonaFeatures& data) {
  SegmentParams p;
  p.kmeans.n_init = 3;
  p.choose_k.k_max = 6;
  p.choose_k.gap_references = 3;
  p.choose_k.n_init = 1;
  p.validation.bootstrap = 3;
  p.validation.ward_sample = 100;
  p.scatter_points = 50;
  return segment_users(data.matrix, testing::fit_all(data.matrix), p);
}

TEST(Outputs, UserSegmentsCsvHasOneLinePerUser) {
  const auto data = testing::make_persona_features(10, 21);
  const Segmentation s = small_segmentation(data);
  const std::string path = (std::filesystem::temp_directory_path() / "fincoach_user_segments_test.csv").string();
  write_user_segments_csv(s, data.user_ids, path);
  const std::string text = read_text_file(path);
  std::filesystem::remove(path);
  EXPECT_EQ(text.rfind("user_id,segment_id,segment_name,confidence,pc1,pc2\n", 0), 0u);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 51);
  EXPECT_NE(text.find("user-0," + std::to_string(s.labels[0]) + "," + s.names.name[static_cast<size_t>(s.labels[0])]),
            std::string::npos);
  EXPECT_THROW(write_user_segments_csv(s, {"only-one"}, path), InvalidInput);
}

TEST(Outputs, ProfilesAndReportJsonCarryEverySection) {
  const auto data = testing::make_persona_features(10, 22);
  const Segmentation s = small_segmentation(data);
  const nlohmann::json j = segment_profiles_json(s);
  ASSERT_EQ(j.at("segments").size(), 5u);
  const nlohmann::json& first = j.at("segments")[0];
  for (const char* key : {"id", "name", "persona", "persona_score", "persona_scores", "size", "share", "description",
                          "profile", "features"})
    EXPECT_TRUE(first.contains(key)) << key;
  EXPECT_TRUE(first.at("profile").contains("impulse_score"));
  EXPECT_EQ(j.at("comparison_table").at("rows").size(), 5u);
  for (const char* key : {"silhouette", "ward", "bootstrap", "choose_k", "inertia"})
    EXPECT_TRUE(j.at("quality").contains(key)) << key;
  const nlohmann::json r = segmentation_report_json(s);
  EXPECT_EQ(r.at("scatter").size(), 50u);
  EXPECT_EQ(r.at("pca").at("components").size(), 2u);
}

}  // namespace
}  // namespace fincoach::segment
