// Drives `fincoach train` and `fincoach bundle verify`: exit codes, errors before work, the
// bundle on disk, and a run killed half-way leaving nothing that verifies.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "fincoach/bundle/bundle_reader.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"

namespace {

namespace fs = std::filesystem;

const std::string k_fincoach = std::string(FINCOACH_BINARY_DIR) + "/fincoach";

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

RunResult run_fincoach(const std::string& args) {
  const std::string command = k_fincoach + " --no-progress " + args + " 2>&1";
  RunResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class TrainCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("fincoach_train_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
            std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string write_config(const std::string& body, const std::string& name = "train.toml") const {
    std::ofstream(path(name)) << body;
    return path(name);
  }
  // A small simulated population: every stage (segmentation too) has enough users, fast.
  std::string small_config(const std::string& extra = "") const {
    return write_config("[train]\nout = \"" + path("bundle") +
                        "\"\nseed = 3\nthreads = 1\n[source]\nkind = \"simulate\"\n[simulate]\nusers = 60\nmonths = 3\n" +
                        extra);
  }
  fs::path dir_;
};

TEST_F(TrainCliTest, HelpForTrainAndBundle) {
  for (const char* command : {"train --help", "bundle --help", "bundle verify --help"}) {
    const RunResult r = run_fincoach(command);
    EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.output;
    EXPECT_TRUE(contains(r.output, "Usage")) << r.output;
  }
  EXPECT_EQ(run_fincoach("bundle").exit_code, 2) << "bundle needs a subcommand";
}

TEST_F(TrainCliTest, TrainsVerifiesAndSaysWhere) {
  const RunResult r = run_fincoach("train --config " + small_config());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "1. source")) << r.output;
  EXPECT_TRUE(contains(r.output, "] source: ")) << "timing line of each stage\n" << r.output;
  EXPECT_TRUE(contains(r.output, "] validate: ")) << r.output;
  EXPECT_TRUE(contains(r.output, path("bundle") + "/report.html")) << r.output;
  const fincoach::bundle::VerifiedBundle verified = fincoach::bundle::verify_bundle(path("bundle"));
  EXPECT_EQ(verified.manifest.seed, 3u);

  const RunResult verify = run_fincoach("bundle verify " + path("bundle"));
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_TRUE(contains(verify.output, "ok: ")) << verify.output;
}

TEST_F(TrainCliTest, GlobalSeedAndOutOverrideTheConfig) {
  const RunResult r = run_fincoach("--seed 11 train --config " + small_config() + " --out " + path("other"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(fincoach::bundle::verify_bundle(path("other")).manifest.seed, 11u);
  EXPECT_FALSE(fs::exists(path("bundle")));
}

TEST_F(TrainCliTest, DryRunAndListStagesDoNoWork) {
  const RunResult dry = run_fincoach("train --dry-run --config " + small_config());
  EXPECT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_TRUE(contains(dry.output, "2. validate   ledger -> quality_report")) << dry.output;
  EXPECT_FALSE(fs::exists(path("bundle")));
  // The program-wide --config hands the whole file to train.
  const RunResult global = run_fincoach("--config " + small_config() + " train --dry-run");
  EXPECT_EQ(global.exit_code, 0) << global.output;
  EXPECT_TRUE(contains(global.output, "config ok")) << global.output;
  const RunResult list = run_fincoach("train --list-stages");
  EXPECT_EQ(list.exit_code, 0) << list.output;
  EXPECT_TRUE(contains(list.output, "[validate]")) << list.output;
}

TEST_F(TrainCliTest, ConfigErrorsExitTwoBeforeAnyWork) {
  const RunResult unknown = run_fincoach("train --config " + small_config("[validate]\noutlier_z = 4\n"));
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
  EXPECT_TRUE(contains(unknown.output, "unknown key 'validate.outlier_z'")) << unknown.output;
  EXPECT_FALSE(contains(unknown.output, "] source: ")) << "nothing may run";

  const RunResult missing_input = run_fincoach("train --config " + small_config("[stages]\nsource = false\n"));
  EXPECT_EQ(missing_input.exit_code, 2) << missing_input.output;
  EXPECT_TRUE(contains(missing_input.output, "stage 'validate' needs 'ledger'")) << missing_input.output;

  const RunResult unwritable = run_fincoach("train --config " + small_config() + " --out /proc/fincoach-bundle");
  EXPECT_EQ(unwritable.exit_code, 2) << unwritable.output;
  EXPECT_TRUE(contains(unwritable.output, "not writable")) << unwritable.output;

  const RunResult no_config = run_fincoach("train");
  EXPECT_EQ(no_config.exit_code, 2) << no_config.output;
  EXPECT_FALSE(fs::exists(path("bundle")));
}

TEST_F(TrainCliTest, VerifyNamesTheBrokenFileAndExitsTwo) {
  ASSERT_EQ(run_fincoach("train --config " + small_config()).exit_code, 0);
  const std::string quality = path("bundle") + "/validation_reports/data_quality.json";
  std::string content = fincoach::read_text_file(quality);
  content[content.size() / 2] = content[content.size() / 2] == '1' ? '2' : '1';
  fincoach::write_file_atomic(quality, content);
  const RunResult tampered = run_fincoach("bundle verify " + path("bundle"));
  EXPECT_EQ(tampered.exit_code, 2) << tampered.output;
  EXPECT_TRUE(contains(tampered.output, "validation_reports/data_quality.json")) << tampered.output;

  fs::remove(path("bundle") + "/report.html");
  const RunResult missing = run_fincoach("bundle verify " + path("bundle"));
  EXPECT_EQ(missing.exit_code, 2) << missing.output;

  const RunResult nothing = run_fincoach("bundle verify " + path("nothing-here"));
  EXPECT_EQ(nothing.exit_code, 2) << nothing.output;
}

// A run killed while it works leaves no folder that verifies; the next run cleans up after it.
TEST_F(TrainCliTest, KilledRunLeavesNothingThatVerifies) {
  const std::string config = write_config("[train]\nout = \"" + path("bundle") +
                                          "\"\nthreads = 1\n[source]\nkind = \"simulate\"\n[simulate]\nusers = 3000\n"
                                          "months = 12\n");
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::freopen("/dev/null", "w", stdout) == nullptr || ::freopen("/dev/null", "w", stderr) == nullptr) ::_exit(126);
    ::execl(k_fincoach.c_str(), "fincoach", "--no-progress", "train", "--config", config.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait until the staging folder exists (the run is under way), then kill without warning.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool staging_seen = false;
  while (!staging_seen && std::chrono::steady_clock::now() < deadline) {
    for (const auto& entry : fs::directory_iterator(dir_))
      if (entry.path().filename().string().rfind("bundle.tmp-", 0) == 0) staging_seen = true;
    if (!staging_seen) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(staging_seen) << "the run never started writing";
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run finished before it could be killed; make it longer";

  EXPECT_FALSE(fs::exists(path("bundle")));
  for (const auto& entry : fs::directory_iterator(dir_)) {
    if (!entry.is_directory()) continue;
    EXPECT_THROW(fincoach::bundle::verify_bundle(entry.path().string()), fincoach::InvalidInput) << entry.path();
  }
  ASSERT_EQ(run_fincoach("train --config " + small_config()).exit_code, 0);
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << "stale staging kept: " << entry.path();
}

}  // namespace
