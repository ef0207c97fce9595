// Running a plan: the bundle holds what the manifest says, and a run that fails half-way
// leaves no bundle (and leaves an earlier one intact).

#include <gtest/gtest.h>

#include <filesystem>

#include "fake_stage.hpp"
#include "fincoach/bundle/bundle_reader.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/common/version.hpp"
#include "fincoach/ingest/csv_ingest.hpp"
#include "fincoach/ingest/profile.hpp"
#include "core_registry.hpp"
#include "fincoach/pipeline/trainer.hpp"
#include "unit/bundle/temp_folder.hpp"

namespace fincoach::pipeline {
namespace {

namespace fs = std::filesystem;
using testing::FakeStage;

const std::string k_example_csv = std::string(FINCOACH_TEST_DATA_DIR) + "/../../examples/moneyvis_example.csv";

std::vector<std::string> folder_entries(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The JSON in report.html's data slot.
nlohmann::json report_data(const std::string& html) {
  const std::string open = "<script id=\"report-data\" type=\"application/json\">";
  const size_t begin = html.find(open) + open.size();
  return nlohmann::json::parse(html.substr(begin, html.find("</script>", begin) - begin));
}

class TrainerRunTest : public ::testing::Test {
 protected:
  void SetUp() override { Progress::set_enabled_globally(false); }
  std::string bundle_dir() const { return folder_.path("models/enhanced"); }
  std::string csv_config(uint64_t seed = 42) const {
    return "[train]\nout = \"" + bundle_dir() + "\"\nseed = " + std::to_string(seed) + "\n[source]\nkind = \"csv\"\nfiles = [\"" +
           k_example_csv + "\"]\n";
  }
  testing_support::TempFolder folder_;
};

TEST_F(TrainerRunTest, CsvTrainingWritesAVerifiedBundle) {
  Trainer trainer = Trainer::from_text(testing::core_registry(), csv_config(7), "test.toml");
  const TrainResult result = trainer.run();
  EXPECT_EQ(result.bundle_dir, bundle_dir());
  ASSERT_EQ(result.timings.size(), 3u);
  EXPECT_EQ(result.timings[0].stage, "source");
  EXPECT_EQ(result.timings[1].stage, "validate");
  EXPECT_EQ(result.timings[2].stage, "bundle");

  const bundle::Bundle bundle = bundle::Bundle::open(bundle_dir());
  const bundle::Manifest& m = bundle.manifest();
  EXPECT_EQ(m.schema_version, bundle::k_bundle_schema_version);
  EXPECT_EQ(m.software_version, std::string(software_version()));
  EXPECT_EQ(m.seed, 7u);
  EXPECT_EQ(m.config["train"]["seed"], 7);
  EXPECT_EQ(m.config["source"]["files"][0], k_example_csv);
  EXPECT_TRUE(m.feature_schema.is_array() && m.feature_schema.empty());
  EXPECT_FALSE(m.created_at.empty());
  const Ledger ledger =
      ingest::ingest_csv({k_example_csv}, ingest::builtin_profile("moneyvis"), ingest::IngestParams{}).ledger;
  EXPECT_EQ(m.data_fingerprint, ledger_fingerprint(ledger));
  EXPECT_EQ(m.headline_metrics["validate"]["rows"], ledger.rows());
  EXPECT_EQ(m.headline_metrics["source"]["kind"], "csv");

  std::vector<std::string> paths;
  for (const auto& file : m.files) paths.push_back(file.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"INTEGRATION_GUIDE.md", "feature_config.json", "model_metadata.json",
                                             "report.html", "validation_reports/data_quality.json",
                                             "validation_reports/ingest_rejects.csv"}));
  EXPECT_EQ(bundle.read_json("validation_reports/data_quality.json")["rows"], ledger.rows());
  const nlohmann::json metadata = bundle.read_json("model_metadata.json");
  EXPECT_EQ(metadata["stages"].size(), 2u);
  EXPECT_EQ(metadata["stages"][1]["inputs"][0], "ledger");
  EXPECT_EQ(bundle.read_json("feature_config.json")["features"], nlohmann::json::array());
  const std::string guide = bundle.read_file("INTEGRATION_GUIDE.md");
  EXPECT_NE(guide.find("`validation_reports/ingest_rejects.csv`"), std::string::npos);
  EXPECT_NE(guide.find(m.data_fingerprint), std::string::npos);
  const nlohmann::json report = report_data(bundle.read_file("report.html"));
  std::vector<std::string> sections;
  for (const auto& section : report["sections"]) sections.push_back(section["id"]);
  EXPECT_EQ(sections, (std::vector<std::string>{"source", "data-quality", "run"}))
      << "no segmentation section unless that stage ran";
  EXPECT_EQ(folder_entries(folder_.path("models")), std::vector<std::string>{"enhanced"});
}

TEST_F(TrainerRunTest, RetrainingReplacesTheBundle) {
  Trainer::from_text(testing::core_registry(), csv_config(1), "test.toml").run();
  Trainer::from_text(testing::core_registry(), csv_config(2), "test.toml").run();
  EXPECT_EQ(bundle::verify_bundle(bundle_dir()).manifest.seed, 2u);
  EXPECT_EQ(folder_entries(folder_.path("models")), std::vector<std::string>{"enhanced"});
}

TEST_F(TrainerRunTest, FailedRunLeavesNoBundleAndKeepsTheEarlierOne) {
  Trainer::from_text(testing::core_registry(), csv_config(1), "test.toml").run();
  StageRegistry registry = testing::core_registry();
  auto failing = std::make_unique<FakeStage>("late", std::vector<std::string>{"ledger"}, std::vector<std::string>{});
  failing->throw_in_run = true;
  registry.add(std::move(failing));
  Trainer trainer = Trainer::from_text(std::move(registry), csv_config(3), "test.toml");
  EXPECT_THROW(trainer.run(), IoError);
  EXPECT_EQ(bundle::verify_bundle(bundle_dir()).manifest.seed, 1u) << "the earlier bundle must survive";
  EXPECT_EQ(folder_entries(folder_.path("models")), std::vector<std::string>{"enhanced"}) << "no staging left behind";
}

TEST_F(TrainerRunTest, StageThatBreaksItsDeclarationFailsTheRun) {
  StageRegistry registry;
  auto liar = std::make_unique<FakeStage>("liar", std::vector<std::string>{}, std::vector<std::string>{"promised"});
  liar->skip_outputs = true;
  registry.add(std::move(liar));
  Trainer trainer = Trainer::from_text(std::move(registry), "[train]\nout = \"" + bundle_dir() + "\"\n", "test.toml");
  EXPECT_THROW(trainer.run(), Internal);
  EXPECT_FALSE(fs::exists(bundle_dir()));
}

// What a feature stage publishes reaches the manifest, feature_config.json and the guide.
class SchemaStage final : public Stage {
 public:
  std::string name() const override { return "features"; }
  std::string summary() const override { return "publishes a feature schema"; }
  std::vector<std::string> inputs() const override { return {k_artifact_ledger}; }
  std::vector<std::string> outputs() const override { return {}; }
  void run(StageContext& context) override {
    context.set_feature_schema({{{"name", "spend_30d"}}, {{"name", "income_90d"}}}, {{"scaler", "robust"}});
    context.set_model_metadata({{"kind", "none"}});
  }
};

TEST_F(TrainerRunTest, FeatureSchemaReachesTheBundle) {
  StageRegistry registry = testing::core_registry();
  registry.add(std::make_unique<SchemaStage>());
  Trainer::from_text(std::move(registry), csv_config(), "test.toml").run();
  const bundle::Bundle bundle = bundle::Bundle::open(bundle_dir());
  EXPECT_EQ(bundle.manifest().feature_schema.size(), 2u);
  const nlohmann::json config = bundle.read_json("feature_config.json");
  EXPECT_EQ(config["features"][1]["name"], "income_90d");
  EXPECT_EQ(config["pipeline"]["scaler"], "robust");
  EXPECT_EQ(bundle.read_json("model_metadata.json")["models"]["features"]["kind"], "none");
  EXPECT_NE(bundle.read_file("INTEGRATION_GUIDE.md").find("| 1 | `income_90d` |"), std::string::npos);
}

TEST_F(TrainerRunTest, RunsOnlyOnce) {
  Trainer trainer = Trainer::from_text(testing::core_registry(), csv_config(), "test.toml");
  trainer.run();
  EXPECT_THROW(trainer.run(), Internal);
}

TEST_F(TrainerRunTest, SummaryTextSaysWhereAndHowLong) {
  const TrainResult result = Trainer::from_text(testing::core_registry(), csv_config(), "test.toml").run();
  const std::string text = result.summary_text();
  EXPECT_NE(text.find(bundle_dir() + "/report.html"), std::string::npos) << text;
  EXPECT_NE(text.find("fincoach bundle verify " + bundle_dir()), std::string::npos) << text;
  EXPECT_NE(text.find("validate "), std::string::npos) << text;
}

}  // namespace
}  // namespace fincoach::pipeline
