#pragma once
// Feature analysis for later feature selection: permutation importance of each dimension for
// a target (a ridge model fitted on training rows, scored on held-out rows), and a
// redundancy report (clusters of dimensions whose absolute correlation exceeds a threshold).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "fincoach/features/extract.hpp"

namespace fincoach::features {

struct ImportanceParams {
  /// Ridge penalty on the standardised weights (≥ 0).
  double ridge_lambda = 1.0;
  /// Shuffles per dimension; the importance is their mean (at least 1).
  int repeats = 5;
  uint64_t seed = 42;
  void validate() const;
};

struct PermutationImportance {
  std::vector<std::string> feature;
  /// Held-out R² of the fitted model.
  double baseline_r2 = 0.0;
  /// Mean drop in held-out R² when the dimension is shuffled among held-out rows.
  std::vector<double> importance;
  /// Standard deviation of the drop over the repeats.
  std::vector<double> importance_std;
  uint64_t train_rows = 0;
  uint64_t test_rows = 0;

  nlohmann::json to_json() const;
};

/// `matrix` should be scaled (FeaturePipeline::transform). `target` has one value per row;
/// `train_mask` 1 marks training rows, the others are held out. Throws InvalidInput on size
/// mismatches, fewer than 2 rows on either side or a non-finite target.
PermutationImportance permutation_importance(const FeatureMatrix& matrix, std::span<const double> target,
                                             std::span<const uint8_t> train_mask, const ImportanceParams& params);

struct RedundancyReport {
  double threshold = 0.9;
  /// Groups of two or more dimensions linked by |corr| ≥ threshold (single linkage), each
  /// listed by name, largest group first.
  std::vector<std::vector<std::string>> clusters;
  /// Every linked pair: (a, b, corr).
  struct Pair {
    std::string a;
    std::string b;
    double corr = 0.0;
  };
  std::vector<Pair> pairs;
  /// Dimensions constant over the rows (no correlation defined).
  std::vector<std::string> constant;

  nlohmann::json to_json() const;
};

/// Pearson correlations over all rows. Throws InvalidInput for a threshold outside (0, 1].
RedundancyReport redundancy_report(const FeatureMatrix& matrix, double threshold = 0.9);

}  // namespace fincoach::features
