#include <gtest/gtest.h>

#include "fake_stage.hpp"
#include "fincoach/pipeline/stage.hpp"
#include "unit/bundle/temp_folder.hpp"

namespace fincoach::pipeline {
namespace {

using testing::FakeStage;

class StageContextTest : public ::testing::Test {
 protected:
  testing_support::TempFolder folder_;
  bundle::BundleWriter writer_{folder_.path("bundle")};
  TrainSettings settings_;
  Artifacts artifacts_;
  RunOutputs outputs_;
};

TEST_F(StageContextTest, OnlyDeclaredArtifactsPass) {
  artifacts_.put<int>("in", std::make_shared<const int>(5));
  artifacts_.put<int>("other", std::make_shared<const int>(6));
  FakeStage stage("stage", {"in"}, {"out"});
  StageContext context(stage, "[1/1] stage", settings_, artifacts_, writer_, outputs_);
  EXPECT_EQ(*context.input<int>("in"), 5);
  EXPECT_THROW(context.input<int>("other"), Internal);
  context.output<int>("out", 7);
  EXPECT_THROW(context.output<int>("undeclared", 8), Internal);
  EXPECT_EQ(*artifacts_.get<int>("out"), 7);
  EXPECT_FALSE(artifacts_.contains("undeclared"));
}

TEST_F(StageContextTest, MetricsAndReportGoToTheRunOutputs) {
  FakeStage stage("validate", {}, {});
  StageContext context(stage, "[1/1] validate", settings_, artifacts_, writer_, outputs_);
  context.set_headline_metrics({{"rows", 3}});
  context.set_model_metadata({{"kind", "none"}});
  context.add_report_section(report::Section("s", "S"));
  Progress& progress = context.start_progress(10, "rows");
  progress.set(10);
  context.finish_progress();
  EXPECT_EQ(outputs_.headline_metrics["validate"]["rows"], 3);
  EXPECT_EQ(outputs_.models["validate"]["kind"], "none");
  EXPECT_EQ(outputs_.report.sections.size(), 1u);
  context.set_feature_schema(nlohmann::json::array({"spend_30d"}), {{"scaler", "robust"}});
  EXPECT_EQ(outputs_.feature_schema[0], "spend_30d");
  EXPECT_EQ(outputs_.feature_pipeline["scaler"], "robust");
  EXPECT_THROW(context.set_feature_schema(nlohmann::json::object(), {}), Internal);
}

}  // namespace
}  // namespace fincoach::pipeline
