#pragma once
// The fitted feature pipeline: median imputation of missing cells, then standard scaling,
// both fitted on training users only. A dimension with zero variance on the training users
// keeps scale 1 and is flagged. Saved as JSON whose numbers round-trip exactly, so a
// reloaded pipeline transforms bit-for-bit like the fitted one.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "fincoach/features/extract.hpp"
#include "fincoach/features/schema.hpp"

namespace fincoach::features {

/// True when the user belongs to the training side of the seeded split: XXH3-64 of the
/// external user id with `seed`, mapped to [0, 1), below train_fraction. The split of a user
/// never depends on the other users.
bool is_training_user(std::string_view user_id, uint64_t seed, double train_fraction);
/// The split of every ledger user (1: training).
std::vector<uint8_t> training_mask(const Ledger& ledger, uint64_t seed, double train_fraction);

class FeaturePipeline {
 public:
  FeaturePipeline() = default;

  /// Fits on the rows whose train_mask entry is 1 (one entry per matrix row). Throws
  /// InvalidInput when the mask has the wrong size or selects no row.
  static FeaturePipeline fit(const FeatureMatrix& matrix, std::span<const uint8_t> train_mask);

  /// Imputes and scales one row in place (values of `missing` cells are replaced by the
  /// median). Throws InvalidInput when the row length differs from the schema.
  void transform_row(std::span<float> row, std::span<const uint8_t> missing) const;
  /// A transformed copy of a matrix (all cells then present). Throws InvalidInput when the
  /// schema differs from the fitted one.
  FeatureMatrix transform(const FeatureMatrix& matrix) const;

  const FeatureSchema& schema() const { return schema_; }
  const std::vector<double>& median() const { return median_; }
  const std::vector<double>& mean() const { return mean_; }
  const std::vector<double>& scale() const { return scale_; }
  /// 1 for dimensions constant on the training users (scale kept at 1).
  const std::vector<uint8_t>& zero_variance() const { return zero_variance_; }
  uint64_t training_rows() const { return training_rows_; }
  bool fitted() const { return !mean_.empty(); }

  nlohmann::json to_json() const;
  /// Throws InvalidInput naming the bad key.
  static FeaturePipeline from_json(const nlohmann::json& json);
  /// Writes atomically; throws IoError.
  void save(const std::string& path) const;
  /// Throws InvalidInput naming the file on a bad document, IoError when unreadable.
  static FeaturePipeline load(const std::string& path);

  bool operator==(const FeaturePipeline&) const = default;

 private:
  FeatureSchema schema_;
  std::vector<double> median_;
  std::vector<double> mean_;
  std::vector<double> scale_;
  std::vector<uint8_t> zero_variance_;
  uint64_t training_rows_ = 0;
};

}  // namespace fincoach::features
