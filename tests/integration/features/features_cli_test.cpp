// `fincoach features` end to end: a small simulated population in, every output file out,
// readable by the library; bad usage exits 2.

#include <gtest/gtest.h>

#include "integration/support/run_fincoach.hpp"
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "fincoach/features/feature_io.hpp"
#include "fincoach/features/feature_pipeline.hpp"
#include "fincoach/features/schema.hpp"

namespace fincoach::features {
namespace {

namespace fs = std::filesystem;

using fincoach::testing::RunResult;
using fincoach::testing::run_fincoach;

TEST(FeaturesCli, WritesEveryViewOfAPopulation) {
  const fs::path dir = fs::temp_directory_path() / "fincoach_features_cli_test";
  fs::remove_all(dir);
  const std::string pop = (dir / "pop").string();
  const std::string out = (dir / "out").string();
  RunResult sim = run_fincoach("--seed 5 simulate --users 60 --months 3 --no-csv --out " + pop);
  ASSERT_EQ(sim.exit_code, 0) << sim.output;
  RunResult r = run_fincoach("--threads 2 features --population " + pop + " --out " + out +
                             " --as-of 2024-03-17 --panel-csv --series-csv --lookback-days 28");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* f : {"user_features.csv", "user_features.bin", "legacy17.csv", "feature_config.json",
                        "feature_pipeline.json", "panel.bin", "panel.csv", "series.bin", "series.csv",
                        "recurring_streams.csv"})
    EXPECT_TRUE(fs::exists(fs::path(out) / f)) << f;
  const LoadedMatrix users = load_matrix((fs::path(out) / "user_features.bin").string());
  EXPECT_EQ(users.matrix.rows, 60u);
  EXPECT_EQ(users.matrix.schema, load_feature_config((fs::path(out) / "feature_config.json").string()));
  const FeaturePipeline pipeline = FeaturePipeline::load((fs::path(out) / "feature_pipeline.json").string());
  EXPECT_EQ(pipeline.schema(), users.matrix.schema);
  EXPECT_GT(load_matrix((fs::path(out) / "panel.bin").string()).matrix.rows, 60u * 10);
  fs::remove_all(dir);
}

TEST(FeaturesCli, BadUsageExitsTwo) {
  EXPECT_EQ(run_fincoach("features --out /tmp/fincoach_features_cli_none").exit_code, 2);
  EXPECT_EQ(run_fincoach("features --ledger a.fcl --population b --out x").exit_code, 2);
  EXPECT_EQ(run_fincoach("features --ledger a.fcl --out x --baseline-days 5").exit_code, 2);
}

}  // namespace
}  // namespace fincoach::features
