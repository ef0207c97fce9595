#include <gtest/gtest.h>

#include "fincoach/bundle/bundle_reader.hpp"
#include "core_registry.hpp"
#include "fincoach/pipeline/trainer.hpp"
#include "unit/bundle/temp_folder.hpp"

namespace fincoach::pipeline {
namespace {

const std::string k_example_csv = std::string(FINCOACH_TEST_DATA_DIR) + "/../../examples/moneyvis_example.csv";

class ValidateStageTest : public ::testing::Test {
 protected:
  void SetUp() override { Progress::set_enabled_globally(false); }
  std::string config(const std::string& validate_section) const {
    return "[train]\nout = \"" + folder_.path("bundle") + "\"\n[source]\nfiles = [\"" + k_example_csv + "\"]\n[validate]\n" +
           validate_section;
  }
  testing_support::TempFolder folder_;
};

TEST_F(ValidateStageTest, WritesTheQualityReportWithTheConfiguredParams) {
  Trainer::from_text(testing::core_registry(),
                     config("outlier_z_threshold = 7.5\ncategory_aliases = { \"Food Shopping\" = \"groceries\" }\n"),
                     "test.toml")
      .run();
  const bundle::Bundle bundle = bundle::Bundle::open(folder_.path("bundle"));
  const nlohmann::json quality = bundle.read_json("validation_reports/data_quality.json");
  EXPECT_EQ(quality["params"]["outlier_z_threshold"], 7.5);
  EXPECT_EQ(quality["params"]["category_aliases"]["Food Shopping"], "groceries");
  const nlohmann::json& metrics = bundle.manifest().headline_metrics["validate"];
  EXPECT_EQ(metrics["rows"], quality["rows"]);
  EXPECT_EQ(metrics["outliers"], quality["outliers"]["count"]);
}

TEST_F(ValidateStageTest, BadParamsAndAliasesAreConfigErrors) {
  EXPECT_THROW(Trainer::from_text(testing::core_registry(), config("outlier_min_group_size = 1\n"), "test.toml"),
               InvalidInput);
  try {
    Trainer::from_text(testing::core_registry(), config("category_aliases = { \"a\" = 3 }\n"), "test.toml");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("validate.category_aliases.a"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Trainer::from_text(testing::core_registry(), config("category_aliases = \"x\"\n"), "test.toml"),
               InvalidInput);
}

}  // namespace
}  // namespace fincoach::pipeline
