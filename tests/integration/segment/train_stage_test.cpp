// The segment stage inside `fincoach train` on a simulated source: the bundle carries the
// model and its files, the report its segmentation section, and the validation report the
// comparison with the true personas.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "fincoach/common/file_io.hpp"
#include "fincoach/segment/model.hpp"

namespace {

namespace fs = std::filesystem;

int run(const std::string& command, std::string* output) {
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output->append(buffer.data(), n);
  const int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(SegmentStage, TrainWritesTheSegmentationIntoTheBundle) {
  const fs::path dir = fs::temp_directory_path() / ("fincoach_segment_stage_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path bundle = dir / "bundle";
  std::ofstream(dir / "train.toml") << "[train]\nout = \"" << bundle.string()
                                    << "\"\nseed = 5\nthreads = 2\n[source]\nkind = \"simulate\"\n"
                                       "[simulate]\nusers = 500\nmonths = 6\n[segment]\nbootstrap = 4\nk_max = 7\n"
                                       "gap_references = 3\n";
  std::string output;
  ASSERT_EQ(
      run(std::string(FINCOACH_BINARY_DIR) + "/fincoach --no-progress train --config " + (dir / "train.toml").string(),
          &output),
      0)
      << output;
  for (const char* file : {"segmentation.json", "segmentation_scaler.json", "user_segments.csv",
                           "segment_profiles.json", "validation_reports/segmentation.json"})
    EXPECT_TRUE(fs::exists(bundle / file)) << file;
  const fincoach::segment::SegmentModel model = fincoach::segment::load_model((bundle / "segmentation.json").string());
  EXPECT_EQ(model.k(), 5);
  EXPECT_EQ(model.window_weeks, fincoach::segment::SegmentParams{}.window_weeks);
  EXPECT_EQ(model.weights.size(), model.columns.size());
  const auto validation =
      nlohmann::json::parse(fincoach::read_text_file((bundle / "validation_reports/segmentation.json").string()));
  EXPECT_TRUE(validation.contains("truth"));
  EXPECT_GT(validation.at("truth").at("held_out_users").get<int>(), 0);
  const auto metadata = nlohmann::json::parse(fincoach::read_text_file((bundle / "model_metadata.json").string()));
  EXPECT_NE(metadata.dump().find("segmentation.json"), std::string::npos);
  const std::string report = fincoach::read_text_file((bundle / "report.html").string());
  EXPECT_NE(report.find("Bootstrap stability"), std::string::npos);
  EXPECT_NE(report.find("Segments in the first two principal components"), std::string::npos);
  std::string verify;
  EXPECT_EQ(run(std::string(FINCOACH_BINARY_DIR) + "/fincoach --no-progress bundle verify " + bundle.string(), &verify),
            0)
      << verify;
  fs::remove_all(dir);
}

}  // namespace
