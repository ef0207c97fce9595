// Every source kind feeds the same stages: csv, database (SQLite), population folder, simulate.

#include <gtest/gtest.h>

#include <filesystem>

#include "fincoach/bundle/bundle_reader.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/db/database.hpp"
#include "fincoach/db/load.hpp"
#include "fincoach/db/schema.hpp"
#include "core_registry.hpp"
#include "fincoach/pipeline/trainer.hpp"
#include "fincoach/simulate/population_file.hpp"
#include "fincoach/simulate/simulator.hpp"
#include "unit/bundle/temp_folder.hpp"

namespace fincoach::pipeline {
namespace {

// Reads what the source published, so a test can look at it after the run.
struct Seen {
  uint64_t ledger_rows = 0;
  uint64_t population_users = 0;
  uint64_t recommendations = 0;
  bool ground_truth = false;
};

class ProbeStage final : public Stage {
 public:
  ProbeStage(std::vector<std::string> inputs, Seen& seen) : inputs_(std::move(inputs)), seen_(seen) {}
  std::string name() const override { return "probe"; }
  std::string summary() const override { return "records the source's artifacts"; }
  std::vector<std::string> inputs() const override { return inputs_; }
  std::vector<std::string> outputs() const override { return {}; }
  void run(StageContext& context) override {
    for (const std::string& input : inputs_) {
      if (input == k_artifact_ledger) seen_.ledger_rows = context.input<Ledger>(input)->rows();
      if (input == k_artifact_population) {
        const auto population = context.input<Population>(input);
        seen_.population_users = population->users.size();
        seen_.recommendations = population->recommendations.size();
      }
      if (input == k_artifact_ground_truth) seen_.ground_truth = context.input<simulate::GroundTruth>(input) != nullptr;
    }
  }

 private:
  std::vector<std::string> inputs_;
  Seen& seen_;
};

class SourceStageTest : public ::testing::Test {
 protected:
  void SetUp() override { Progress::set_enabled_globally(false); }

  static simulate::SimulationParams small() {
    simulate::SimulationParams params;
    params.users = 12;
    params.months = 2;
    params.threads = 1;
    return params;
  }

  TrainResult train(const std::string& source, const std::vector<std::string>& probe_inputs) {
    StageRegistry registry = testing::core_registry();
    registry.add(std::make_unique<ProbeStage>(probe_inputs, seen_));
    const std::string config = "[train]\nout = \"" + folder_.path("bundle") + "\"\nthreads = 1\n" + source;
    return Trainer::from_text(std::move(registry), config, "test.toml").run();
  }

  Seen seen_;
  testing_support::TempFolder folder_;
};

TEST_F(SourceStageTest, CsvKeepsItsRejectsInTheBundle) {
  const std::string csv = std::string(FINCOACH_TEST_DATA_DIR) + "/ingest/rejects/bad_date.csv";
  train("[source]\nfiles = [\"" + csv + "\"]\n[ingest]\nmax_reject_fraction = 0.5\n", {k_artifact_ledger});
  EXPECT_EQ(seen_.ledger_rows, 2u);
  const bundle::Bundle bundle = bundle::Bundle::open(folder_.path("bundle"));
  const std::string rejects = bundle.read_file("validation_reports/ingest_rejects.csv");
  EXPECT_NE(rejects.find("bad_date.csv"), std::string::npos) << rejects;
  EXPECT_EQ(bundle.manifest().headline_metrics["source"]["rows_rejected"], 1);
}

TEST_F(SourceStageTest, CsvOverTheRejectLimitFailsWithoutABundle) {
  const std::string csv = std::string(FINCOACH_TEST_DATA_DIR) + "/ingest/rejects/bad_date.csv";
  EXPECT_THROW(train("[source]\nfiles = [\"" + csv + "\"]\n", {}), InvalidInput);
  EXPECT_FALSE(std::filesystem::exists(folder_.path("bundle")));
}

TEST_F(SourceStageTest, SimulatePublishesPopulationAndGroundTruth) {
  const TrainResult result = train("[source]\nkind = \"simulate\"\n[simulate]\nusers = 12\nmonths = 2\n",
                                   {k_artifact_ledger, k_artifact_population, k_artifact_ground_truth});
  EXPECT_GT(seen_.ledger_rows, 100u);
  EXPECT_EQ(seen_.population_users, 12u);
  EXPECT_TRUE(seen_.ground_truth);
  EXPECT_EQ(result.manifest.config["simulate"]["users"], 12);
  EXPECT_FALSE(result.manifest.config["source"].contains("files"));
}

TEST_F(SourceStageTest, DatabaseExportsWhatWasLoaded) {
  const simulate::SimulationResult simulated = simulate::simulate(small());
  const std::string path = folder_.path("fincoach.db");
  {
    const std::unique_ptr<db::Database> database = db::open_database(path);
    db::migrate(*database);
    db::load(*database, simulated.population);
  }
  const TrainResult result = train("[source]\nkind = \"database\"\nurl = \"sqlite:" + path + "\"\n",
                                   {k_artifact_ledger, k_artifact_population});
  EXPECT_EQ(seen_.ledger_rows, simulated.population.ledger.rows());
  EXPECT_EQ(seen_.population_users, simulated.population.users.size());
  EXPECT_EQ(seen_.recommendations, simulated.population.recommendations.size());
  EXPECT_EQ(result.manifest.headline_metrics["source"]["engine"], "sqlite");
}

TEST_F(SourceStageTest, PopulationFolder) {
  const simulate::SimulationResult simulated = simulate::simulate(small());
  simulate::save_population(simulated.population, folder_.path("population"));
  const TrainResult result = train("[source]\nkind = \"population\"\npath = \"" + folder_.path("population") + "\"\n",
                                   {k_artifact_ledger, k_artifact_population});
  EXPECT_EQ(seen_.population_users, 12u);
  EXPECT_EQ(result.manifest.data_fingerprint, ledger_fingerprint(simulated.population.ledger));
}

TEST_F(SourceStageTest, CsvDoesNotOfferAPopulation) {
  const std::string csv = std::string(FINCOACH_TEST_DATA_DIR) + "/../../examples/moneyvis_example.csv";
  try {
    train("[source]\nfiles = [\"" + csv + "\"]\n", {k_artifact_population});
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("stage 'probe' needs 'population'"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace fincoach::pipeline
