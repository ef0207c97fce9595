#include "fincoach/report/run_section.hpp"

#include <gtest/gtest.h>

namespace fincoach::report {
namespace {

TEST(RunSection, TimingsConfigAndStages) {
  RunSummary run;
  run.software_version = "0.1.0";
  run.started_at = "2026-11-21T21:10:02Z";
  run.seed = 42;
  run.config = {{"train", {{"seed", 42}}}};
  run.stages = {{"source", "reads", {}, {"ledger"}, 1.5}, {"validate", "checks", {"ledger"}, {"quality_report"}, 0.25}};
  const Section section = run_section(run);
  EXPECT_EQ(section.id(), "run");
  EXPECT_EQ(section.chart_count(), 1u);
  const nlohmann::json j = section.to_json();
  const std::string text = j.dump();
  EXPECT_NE(text.find("2026-11-21 21:10:02"), std::string::npos);
  bool table_seen = false;
  for (const auto& block : j["blocks"]) {
    if (block["type"] == "table") {
      table_seen = true;
      ASSERT_EQ(block["rows"].size(), 2u);
      EXPECT_EQ(block["rows"][1][1], "validate");
      EXPECT_EQ(block["rows"][1][3], "ledger");
      EXPECT_EQ(block["rows"][0][3], "-");
    }
    if (block["type"] == "code") {
      EXPECT_EQ(nlohmann::json::parse(block["text"].get<std::string>()), run.config);
    }
    if (block["type"] == "chart") {
      EXPECT_EQ(block["spec"]["data"]["values"].size(), 2u);
    }
  }
  EXPECT_TRUE(table_seen);
}

TEST(RunSection, NoStagesNoChart) {
  EXPECT_EQ(run_section(RunSummary{}).chart_count(), 0u);
}

}  // namespace
}  // namespace fincoach::report
