// Planning: every config and plan error is reported before any stage runs.

#include "core_registry.hpp"
#include "fincoach/pipeline/trainer.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "fake_stage.hpp"
#include "unit/bundle/temp_folder.hpp"

namespace fincoach::pipeline {
namespace {

using testing::FakeStage;

const std::string k_example_csv = std::string(FINCOACH_TEST_DATA_DIR) + "/../../examples/moneyvis_example.csv";

class TrainerPlanTest : public ::testing::Test {
 protected:
  // source (→ ledger), validate (ledger → quality_report), report (quality_report → -), all fakes.
  StageRegistry fakes() {
    StageRegistry registry;
    registry.add(std::make_unique<FakeStage>("source", std::vector<std::string>{}, std::vector<std::string>{"ledger"}, &runs_));
    registry.add(std::make_unique<FakeStage>("validate", std::vector<std::string>{"ledger"},
                                             std::vector<std::string>{"quality_report"}, &runs_));
    registry.add(std::make_unique<FakeStage>("features", std::vector<std::string>{"ledger", "segments"},
                                             std::vector<std::string>{"features"}, &runs_));
    return registry;
  }
  std::string out_line() const { return "[train]\nout = \"" + folder_.path("bundle") + "\"\n"; }

  // The InvalidInput message of planning `text` with `registry` ("" when planning succeeds).
  std::string plan_error(StageRegistry registry, const std::string& text) {
    try {
      Trainer trainer = Trainer::from_text(std::move(registry), text, "test.toml");
    } catch (const InvalidInput& e) {
      return e.what();
    }
    return "";
  }

  int runs_ = 0;
  testing_support::TempFolder folder_;
};

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_F(TrainerPlanTest, MissingInputIsFoundBeforeAnyStageRuns) {
  const std::string message = plan_error(fakes(), out_line());  // features needs "segments": nobody makes it
  EXPECT_TRUE(mentions(message, "stage 'features' needs 'segments'")) << message;
  EXPECT_EQ(runs_, 0) << "no stage may run when the plan is broken";
}

TEST_F(TrainerPlanTest, DisabledProducerIsNamed) {
  const std::string message = plan_error(fakes(), out_line() + "[stages]\nsource = false\nfeatures = false\n");
  EXPECT_TRUE(mentions(message, "stage 'validate' needs 'ledger'")) << message;
  EXPECT_TRUE(mentions(message, "'source' produces it but is disabled")) << message;
  EXPECT_EQ(runs_, 0);
}

TEST_F(TrainerPlanTest, PlanFollowsRegistryOrderAndSwitches) {
  Trainer trainer = Trainer::from_text(fakes(), out_line() + "[stages]\nfeatures = false\n", "test.toml");
  ASSERT_EQ(trainer.plan().size(), 2u);
  EXPECT_EQ(trainer.plan()[0]->name(), "source");
  EXPECT_EQ(trainer.plan()[1]->name(), "validate");
  EXPECT_TRUE(mentions(trainer.describe_plan(), "validate   ledger -> quality_report"));
  EXPECT_EQ(trainer.effective_config()["stages"]["features"], false);
  EXPECT_EQ(runs_, 0);
}

TEST_F(TrainerPlanTest, UnknownKeyIsNamedWithItsLine) {
  const std::string message =
      plan_error(testing::core_registry(), out_line() + "[validate]\noutlier_z_threshold = 4.0\noutlier_z_treshold = 3\n");
  EXPECT_TRUE(mentions(message, "test.toml:5")) << message;
  EXPECT_TRUE(mentions(message, "unknown key 'validate.outlier_z_treshold'")) << message;
}

TEST_F(TrainerPlanTest, UnknownSectionTopLevelValueAndStage) {
  EXPECT_TRUE(mentions(plan_error(testing::core_registry(), "[trian]\nseed = 1\n"), "unknown section 'trian'"));
  EXPECT_TRUE(mentions(plan_error(testing::core_registry(), "seed = 1\n"), "unknown top-level key 'seed'"));
  EXPECT_TRUE(mentions(plan_error(testing::core_registry(), "[train]\nseed = 1\n[stages]\nsegment = true\n"),
                       "unknown stage 'segment'"));
  EXPECT_TRUE(mentions(plan_error(testing::core_registry(), "[stages]\nvalidate = \"yes\"\n"), "true or false"));
  EXPECT_TRUE(mentions(plan_error(testing::core_registry(), "[train]\nseed = \"x\"\n"), "'train.seed' must be an integer"));
  EXPECT_TRUE(mentions(plan_error(testing::core_registry(), "[train\n"), "test.toml:1:"));
}

TEST_F(TrainerPlanTest, BadValuesAreRejected) {
  EXPECT_TRUE(mentions(plan_error(testing::core_registry(), out_line() + "threads = -1\n"), "train.threads"));
  EXPECT_TRUE(mentions(plan_error(testing::core_registry(), out_line() + "[stages]\nsource = false\nvalidate = false\n"),
                       "nothing to do"));
}

TEST_F(TrainerPlanTest, SourceProblemsAreFoundBeforeWork) {
  const auto source = [&](const std::string& body) { return plan_error(testing::core_registry(), out_line() + "[source]\n" + body); };
  EXPECT_TRUE(mentions(source("kind = \"ftp\"\n"), "source.kind 'ftp'"));
  EXPECT_TRUE(mentions(source("kind = \"csv\"\n"), "needs source.files"));
  EXPECT_TRUE(mentions(source("kind = \"csv\"\nfiles = \"one.csv\"\n"), "must be an array of strings"));
  EXPECT_TRUE(mentions(source("kind = \"csv\"\nfiles = [\"/nonexistent/x.csv\"]\n"), "/nonexistent/x.csv"));
  EXPECT_TRUE(mentions(source("files = [\"" + k_example_csv + "\"]\nprofile = \"nobank\"\n"), "nobank"));
  EXPECT_TRUE(mentions(source("kind = \"database\"\n"), "needs source.url"));
  EXPECT_TRUE(mentions(source("kind = \"database\"\nurl = \"sqlite:/nonexistent/f.db\"\n"), "/nonexistent/f.db"));
  EXPECT_TRUE(mentions(source("kind = \"database\"\nurl = \"mysql://x\"\n"), "mysql"));
  EXPECT_TRUE(mentions(source("kind = \"population\"\npath = \"/nonexistent/pop\"\n"), "/nonexistent/pop"));
  EXPECT_TRUE(mentions(plan_error(testing::core_registry(), out_line() + "[source]\nkind = \"simulate\"\n[simulate]\nusers = 0\n"),
                       "users"));
}

TEST_F(TrainerPlanTest, OutputFolderProblemsAreFoundBeforeWork) {
  folder_.write("occupied/notes.txt", "mine");
  const std::string csv = "[source]\nfiles = [\"" + k_example_csv + "\"]\n";
  EXPECT_TRUE(mentions(plan_error(testing::core_registry(), "[train]\nout = \"" + folder_.path("occupied") + "\"\n" + csv),
                       "not a fincoach bundle"));
  EXPECT_TRUE(mentions(plan_error(testing::core_registry(), "[train]\nout = \"/proc/fincoach/bundle\"\n" + csv),
                       "not writable"));
  EXPECT_FALSE(std::filesystem::exists(folder_.path("bundle")));
}

TEST_F(TrainerPlanTest, OverridesWinAndEffectiveConfigIsComplete) {
  const std::string text = out_line() + "seed = 5\n[source]\nfiles = [\"" + k_example_csv +
                           "\"]\n[validate]\ncategory_aliases = { \"Food \" = \"groceries\" }\n";
  TrainOverrides overrides;
  overrides.seed = 9;
  overrides.out = folder_.path("elsewhere");
  Trainer trainer = Trainer::from_text(testing::core_registry(), text, "test.toml", overrides);
  EXPECT_EQ(trainer.settings().seed, 9u);
  const nlohmann::json& config = trainer.effective_config();
  EXPECT_EQ(config["train"]["seed"], 9);
  EXPECT_EQ(config["train"]["out"], folder_.path("elsewhere"));
  EXPECT_EQ(config["source"]["files"], nlohmann::json::array({k_example_csv}));
  EXPECT_EQ(config["source"]["kind"], "csv");
  EXPECT_FALSE(config["source"].contains("url")) << "only what the csv source reads";
  EXPECT_FALSE(config.contains("simulate"));
  EXPECT_EQ(config["ingest"]["max_reject_fraction"], 0.01);
  EXPECT_EQ(config["validate"]["category_aliases"]["Food "], "groceries");
  EXPECT_EQ(config["validate"]["outlier_z_threshold"], 5.0);
}

TEST_F(TrainerPlanTest, ConfigFileErrorsNameTheFile) {
  folder_.write("train.toml", "[train]\nseed = 1\n[validate]\nnope = 1\n");
  try {
    Trainer::from_file(testing::core_registry(), folder_.path("train.toml"));
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_TRUE(mentions(e.what(), folder_.path("train.toml") + ":4")) << e.what();
  }
  EXPECT_THROW(Trainer::from_file(testing::core_registry(), folder_.path("missing.toml")), IoError);
}

}  // namespace
}  // namespace fincoach::pipeline
