#pragma once
// The fitted segmentation as it ships in the bundle (segmentation.json): centroids in the
// scaled space of the clustered columns, the scaler of those columns and the fingerprint of
// the feature pipeline it came from, the feature schema's names, the segment names and
// personas, and the params. Numbers round-trip exactly through JSON. assign() is the cheap
// per-request call: k × columns operations, no allocation.

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "fincoach/segment/matrix.hpp"
#include "fincoach/segment/params.hpp"

namespace fincoach::segment {

/// Bumped when the file's meaning changes.
constexpr int k_segment_model_version = 2;

struct SegmentInfo {
  std::string name;
  /// Persona key ("impulse_buyer", …) or empty when the segment fits none.
  std::string persona;
  /// Score against the assigned (or best) persona, in standard deviations.
  double persona_score = 0.0;
  uint64_t size = 0;
  double share = 0.0;
  /// Generated persona text: what distinguishes the segment, with numbers.
  std::string description;

  bool operator==(const SegmentInfo&) const = default;
};

struct SegmentModel {
  int version = k_segment_model_version;
  /// The feature schema the rows follow (name, version, every feature's name in order).
  std::string schema_name;
  int schema_version = 0;
  std::vector<std::string> feature_names;
  /// A user's row is the mean of this many weekly snapshots of the enhanced state ending on
  /// the as-of day (SegmentParams::window_weeks): build served rows the same way.
  int window_weeks = 1;
  /// Schema indices of the clustered columns (the centroids' columns, in order).
  std::vector<uint32_t> columns;
  /// Weight of each clustered column: the centroids live in the scaled columns times these
  /// (SegmentParams::blocks). Files written before weights existed mean 1 for every column.
  std::vector<double> weights;
  /// The feature pipeline's fingerprint (XXH3-64 of its JSON, hex) and its imputation and
  /// scaling of the clustered columns, so unscaled rows can be assigned without it.
  std::string pipeline_fingerprint;
  std::vector<double> median;
  std::vector<double> mean;
  std::vector<double> scale;
  /// k × columns.size(), scaled space.
  Matrix centroids;
  std::vector<SegmentInfo> segments;
  KMeansParams params;
  /// Inertia of the fit on its training rows, and their number.
  double inertia = 0.0;
  uint64_t training_rows = 0;

  int k() const { return static_cast<int>(centroids.rows); }
  bool operator==(const SegmentModel&) const = default;
};

/// A served assignment.
struct SegmentAssignment {
  int32_t segment = -1;
  /// 1 − d_nearest / d_second (0 on the boundary between two segments, 1 at a centroid); 1
  /// when k = 1.
  double confidence = 0.0;
  /// Euclidean distance to the assigned centroid (scaled units).
  double distance = 0.0;
};

/// The segment of one user from their *scaled* feature row (the feature pipeline's output,
/// the whole schema). Throws InvalidInput when the row length differs from the schema.
SegmentAssignment assign(const SegmentModel& model, std::span<const float> scaled_row);
/// The same from a raw row and its missing flags (features::user_enhanced_state's output):
/// the model's own median imputation and scaling of the clustered columns are applied.
SegmentAssignment assign_unscaled(const SegmentModel& model, std::span<const float> raw_row,
                                  std::span<const uint8_t> missing);

nlohmann::json model_to_json(const SegmentModel& model);
/// Throws InvalidInput naming the key on a malformed or inconsistent document, or a newer
/// version.
SegmentModel model_from_json(const nlohmann::json& json);
/// Writes atomically; throws IoError.
void save_model(const SegmentModel& model, const std::string& path);
/// Throws IoError when unreadable, InvalidInput naming the file on a bad document.
SegmentModel load_model(const std::string& path);

}  // namespace fincoach::segment
