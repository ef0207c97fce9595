// Drives `fincoach segment` on a small simulated population: the files it writes, the model
// they describe, identical results for any --threads, and clear errors on bad input.

#include <gtest/gtest.h>

#include "integration/support/run_fincoach.hpp"
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "fincoach/common/file_io.hpp"
#include "fincoach/segment/model.hpp"

namespace {

namespace fs = std::filesystem;

using fincoach::testing::RunResult;
using fincoach::testing::run_fincoach;

/// One population for every test of the suite (simulating is the slow part).
class SegmentCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / "fincoach_segment_cli";
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const RunResult r = run_fincoach("--seed 3 simulate --users 400 --months 4 --no-csv -o " + path("population"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static std::string path(const std::string& name) { return (dir_ / name).string(); }
  static std::string quick() {
    return " --n-init 3 --k-max 6 --gap-references 3 --choose-k-n-init 1 --bootstrap 4 --ward-sample 200 "
           "--window-weeks 4 ";
  }
  static fs::path dir_;
};
fs::path SegmentCli::dir_;

TEST_F(SegmentCli, WritesTheModelAndItsFiles) {
  const RunResult r = run_fincoach("segment --population " + path("population") + quick() + "--truth " +
                                   path("population/ground_truth/users.csv") + " -o " + path("out"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* file : {"segmentation.json", "feature_pipeline.json", "user_segments.csv", "segment_profiles.json",
                           "segment_report.json"})
    EXPECT_TRUE(fs::exists(path("out/") + file)) << file;
  EXPECT_NE(r.output.find("against the true personas: ARI"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("choose k: recommendation"), std::string::npos) << r.output;

  const fincoach::segment::SegmentModel model = fincoach::segment::load_model(path("out/segmentation.json"));
  EXPECT_EQ(model.k(), 5);
  EXPECT_EQ(model.window_weeks, 4);
  EXPECT_EQ(model.segments.size(), 5u);
  uint64_t users = 0;
  for (const auto& s : model.segments) users += s.size;
  EXPECT_EQ(users, 400u);
  const std::string csv = fincoach::read_text_file(path("out/user_segments.csv"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 401);
  const auto profiles = nlohmann::json::parse(fincoach::read_text_file(path("out/segment_profiles.json")));
  EXPECT_EQ(profiles.at("segments").size(), 5u);
}

TEST_F(SegmentCli, SameFilesForAnyThreadCount) {
  ASSERT_EQ(
      run_fincoach("--threads 1 segment --population " + path("population") + quick() + "-o " + path("t1")).exit_code,
      0);
  ASSERT_EQ(
      run_fincoach("--threads 2 segment --population " + path("population") + quick() + "-o " + path("t2")).exit_code,
      0);
  for (const char* file : {"segmentation.json", "user_segments.csv", "segment_profiles.json"})
    EXPECT_EQ(fincoach::read_text_file(path("t1/") + file), fincoach::read_text_file(path("t2/") + file)) << file;
}

TEST_F(SegmentCli, BadInputExitsWithTwoAndSaysWhy) {
  RunResult r = run_fincoach("segment --population " + path("population") + " --k 401 -o " + path("bad"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("k = 401"), std::string::npos) << r.output;
  r = run_fincoach("segment --population " + path("population") + " --k 0 -o " + path("bad"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = run_fincoach("segment -o " + path("bad"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--population"), std::string::npos) << r.output;
  r = run_fincoach("segment --population " + path("population") + " --blocks nonsense -o " + path("bad"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("nonsense"), std::string::npos) << r.output;
}

}  // namespace
