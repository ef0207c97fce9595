#include "fincoach/pipeline/stage_registry.hpp"

#include <gtest/gtest.h>

#include "fake_stage.hpp"

namespace fincoach::pipeline {
namespace {

using testing::FakeStage;

TEST(StageRegistry, KeepsRunOrderAndFindsByName) {
  StageRegistry registry;
  registry.add(std::make_unique<FakeStage>("first", std::vector<std::string>{}, std::vector<std::string>{"a"}));
  registry.add(std::make_unique<FakeStage>("second", std::vector<std::string>{"a"}, std::vector<std::string>{}));
  EXPECT_EQ(registry.names(), (std::vector<std::string>{"first", "second"}));
  ASSERT_NE(registry.find("second"), nullptr);
  EXPECT_EQ(registry.find("second")->inputs(), std::vector<std::string>{"a"});
  EXPECT_EQ(registry.find("third"), nullptr);
}

TEST(StageRegistry, RejectsDuplicateAndBadNames) {
  StageRegistry registry;
  registry.add(std::make_unique<FakeStage>("same", std::vector<std::string>{}, std::vector<std::string>{}));
  EXPECT_THROW(registry.add(std::make_unique<FakeStage>("same", std::vector<std::string>{}, std::vector<std::string>{})),
               Internal);
  EXPECT_THROW(registry.add(std::make_unique<FakeStage>("Bad Name", std::vector<std::string>{}, std::vector<std::string>{})),
               Internal);
  EXPECT_THROW(registry.add(nullptr), Internal);
}

TEST(StageRegistry, BuiltinStagesStartWithSourceThenValidate) {
  const StageRegistry registry = builtin_stage_registry();
  const std::vector<std::string> names = registry.names();
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names[0], "source");
  EXPECT_EQ(names[1], "validate");
  EXPECT_EQ(registry.find("validate")->inputs(), std::vector<std::string>{k_artifact_ledger});
}

}  // namespace
}  // namespace fincoach::pipeline
