#include "fincoach/features/analysis.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fincoach/common/error.hpp"
#include "ledger_fixture.hpp"

namespace fincoach::features {
namespace {

FeatureMatrix synthetic(size_t rows, std::vector<double>& target) {
  FeatureMatrix m;
  m.schema.name = "t";
  for (const char* n : {"signal", "noise", "copy", "constant"}) m.schema.features.push_back({n, FeatureBlock::Base, "", ""});
  m.resize(rows);
  testing::Rng rng{5};
  target.resize(rows);
  for (size_t r = 0; r < rows; ++r) {
    const double s = rng.below(1000) / 100.0;
    const double n = rng.below(1000) / 100.0;
    m.values[r * 4 + 0] = static_cast<float>(s);
    m.values[r * 4 + 1] = static_cast<float>(n);
    m.values[r * 4 + 2] = static_cast<float>(2 * s + 1);
    m.values[r * 4 + 3] = 3.0f;
    target[r] = 3 * s + (rng.below(100) - 50) / 100.0;
  }
  return m;
}

TEST(PermutationImportance, RanksTheSignalAboveNoise) {
  std::vector<double> y;
  const FeatureMatrix m = synthetic(2000, y);
  std::vector<uint8_t> train(m.rows);
  for (size_t r = 0; r < m.rows; ++r) train[r] = r % 4 != 0;
  const PermutationImportance imp = permutation_importance(m, y, train, ImportanceParams{0.001, 3, 9});
  EXPECT_GT(imp.baseline_r2, 0.95);
  EXPECT_GT(imp.importance[0] + imp.importance[2], 0.5);
  EXPECT_LT(std::abs(imp.importance[1]), 0.01);
  EXPECT_LT(std::abs(imp.importance[3]), 1e-9);
  EXPECT_EQ(imp.to_json()["features"].size(), 4u);
}

TEST(PermutationImportance, BadInputs) {
  std::vector<double> y;
  const FeatureMatrix m = synthetic(10, y);
  EXPECT_THROW(permutation_importance(m, y, std::vector<uint8_t>(10, 1), {}), InvalidInput);
  y[0] = std::nan("");
  EXPECT_THROW(permutation_importance(m, y, std::vector<uint8_t>{1, 1, 1, 1, 1, 0, 0, 0, 0, 0}, {}), InvalidInput);
}

TEST(RedundancyReport, ClustersCorrelatedDimensions) {
  std::vector<double> y;
  const FeatureMatrix m = synthetic(500, y);
  const RedundancyReport rep = redundancy_report(m, 0.95);
  ASSERT_EQ(rep.clusters.size(), 1u);
  EXPECT_EQ(rep.clusters[0], (std::vector<std::string>{"signal", "copy"}));
  EXPECT_EQ(rep.constant, (std::vector<std::string>{"constant"}));
  ASSERT_EQ(rep.pairs.size(), 1u);
  EXPECT_NEAR(rep.pairs[0].corr, 1.0, 1e-6);
  EXPECT_THROW(redundancy_report(m, 0.0), InvalidInput);
}

}  // namespace
}  // namespace fincoach::features
