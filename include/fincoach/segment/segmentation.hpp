#pragma once
// The whole segmentation of a population: from the enhanced feature matrix and the fitted
// feature pipeline to a named, validated SegmentModel with everything the bundle and the
// report show (k selection, Ward cross-check, bootstrap stability, silhouette, PCA scatter,
// profiles, personas, comparison table). Files: docs/segmentation.md, "Outputs".

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "fincoach/features/extract.hpp"
#include "fincoach/features/feature_pipeline.hpp"
#include "fincoach/features/panel.hpp"
#include "fincoach/segment/choose_k.hpp"
#include "fincoach/segment/hierarchy.hpp"
#include "fincoach/segment/kmeans.hpp"
#include "fincoach/segment/metrics.hpp"
#include "fincoach/segment/model.hpp"
#include "fincoach/segment/naming.hpp"
#include "fincoach/segment/pca.hpp"
#include "fincoach/segment/stability.hpp"

namespace fincoach::segment {

/// A segment's profile: means over its users.
struct SegmentProfile {
  uint64_t size = 0;
  double share = 0.0;
  /// Per schema feature: mean of the raw values present (NaN-free; the overall mean when no
  /// user of the segment has the value) and mean of the scaled values (standard deviations
  /// from the training mean).
  std::vector<double> raw_mean;
  std::vector<double> scaled_mean;
  /// The six profile dimensions in standard deviations (see naming.hpp).
  ProfileVector dims{};
};

struct SegmentationTimings {
  double kmeans = 0.0;
  double choose_k = 0.0;
  double validation = 0.0;  ///< silhouette, Ward, bootstrap
  double profiles = 0.0;    ///< PCA, profiles, naming
  double total = 0.0;
};

struct Segmentation {
  SegmentModel model;
  KMeansResult fit;  ///< on the training rows (labels of those rows only)
  /// Segment of every row (training or not) and its confidence (see SegmentAssignment).
  std::vector<int32_t> labels;
  std::vector<float> confidence;
  /// Schema indices of the clustered columns and the columns left out for zero variance.
  std::vector<uint32_t> columns;
  std::vector<std::string> dropped_constant;
  /// Weight of each clustered column (its block's weight in SegmentParams::blocks).
  std::vector<double> weights;
  uint64_t training_rows = 0;

  Silhouette silhouette;
  bool choose_k_done = false;
  /// Why the k selection did not run although asked for (too few rows), else empty.
  std::string choose_k_skipped;
  KSelection selection;
  bool ward_done = false;
  WardCheck ward;
  bool bootstrap_done = false;
  BootstrapStability bootstrap;

  /// 2-D PCA of the clustered space (fitted on at most 50,000 training rows) and every
  /// row's coordinates (rows × 2); scatter_rows is the seeded sample the report plots.
  Pca pca;
  Matrix coordinates;
  std::vector<uint32_t> scatter_rows;

  std::vector<SegmentProfile> profiles;
  /// Raw mean of every feature over all rows (present values), for "vs all users" text.
  std::vector<double> overall_raw_mean;
  SegmentDims dims;
  SegmentNames names;
  SegmentationTimings seconds;
};

/// Segments the users of `raw` (unscaled enhanced rows with missing flags) with the fitted
/// `pipeline`. k-means is fitted on the rows whose train_mask entry is 1 (every row when the
/// mask is empty) and every row is assigned. Throws InvalidInput on invalid params, a
/// schema that differs from the pipeline's, no usable column in params.blocks, a NaN, or
/// fewer training rows than k; NotFitted when the pipeline is not fitted.
Segmentation segment_users(const features::FeatureMatrix& raw, const features::FeaturePipeline& pipeline,
                           const SegmentParams& params, std::span<const uint8_t> train_mask = {});

/// Schema indices of the features of `blocks` ("base,behavioural,goal:0.5"), minus those flagged
/// in `zero_variance` (names of those go to *dropped). Throws InvalidInput for an unknown
/// block or when nothing is left.
std::vector<uint32_t> clustered_columns(const features::FeatureSchema& schema, const std::string& blocks,
                                        const std::vector<uint8_t>& zero_variance, std::vector<std::string>* dropped);

/// The weight of each of `columns` (schema indices) from the block weights in `blocks`
/// ("base,behavioural,goal:0.5"): the clustered space is the scaled columns times these.
std::vector<double> clustered_weights(const features::FeatureSchema& schema, const std::string& blocks,
                                      const std::vector<uint32_t>& columns);

/// The clustered space of scaled rows: `columns` (schema indices) times their `weights`.
Matrix clustered_matrix(const features::FeatureMatrix& scaled, const std::vector<uint32_t>& columns,
                        const std::vector<double>& weights);

/// The mean of `weeks` weekly snapshots of the enhanced state, as of as_of_day, as_of_day − 7,
/// …: a profile of habits rather than of one week, whose phase in the pay cycle would
/// otherwise dominate the 7-day dims. A cell is missing only when missing in every snapshot.
/// Throws InvalidInput when weeks < 1.
features::FeatureMatrix window_profile(const Ledger& ledger, const features::FeatureContext& context,
                                       const features::FeatureParams& params, int32_t as_of_day, int weeks);

/// The same window for one user: what a server builds before segment::assign_unscaled().
/// `out` and `missing` must have enhanced_schema(params).size() entries (InvalidInput
/// otherwise). The clustered blocks equal window_profile()'s row for the user; the peer
/// block is ranked against context.peers as in features::user_enhanced_state.
void user_window_profile(const Ledger& ledger, uint32_t user, const features::FeatureContext& context,
                         const features::FeatureParams& params, int32_t as_of_day, int weeks, std::span<float> out,
                         std::span<uint8_t> missing);

/// The same window from a weekly panel (features::build_weekly_panel): per user, the mean
/// of its last `weeks` rows (present cells only). A user without panel rows gets a row of
/// missing cells (the feature pipeline imputes them). Throws InvalidInput when weeks < 1 or
/// the panel's user count differs from `users`.
features::FeatureMatrix panel_window_profile(const features::WeeklyPanel& panel, size_t users, int weeks);

/// The segmentation against known personas (simulator ground truth).
struct TruthComparison {
  double ari = 0.0;
  /// Per segment: the persona most of its users have (index into persona_templates()) and
  /// their share; whether the segment's name is that persona's.
  std::vector<int32_t> majority;
  std::vector<double> majority_share;
  std::vector<bool> name_matches;
  int names_matching = 0;
  /// segments × personas user counts.
  std::vector<std::vector<uint64_t>> table;
};
/// `persona` gives each row's true persona (0..4 in persona_templates() order). Throws
/// InvalidInput on a size mismatch or a value outside 0..4.
TruthComparison compare_with_truth(const Segmentation& segmentation, std::span<const int32_t> persona);

/// The comparison table of the segments: header and one row of text cells per segment
/// (name, users, share, the six profile dimensions as raw means with z, stability).
struct ComparisonTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};
ComparisonTable comparison_table(const Segmentation& segmentation);

/// user_segments.csv's text: user_id,segment_id,segment_name,confidence,pc1,pc2, one line per
/// row (user_ids[row]). Throws InvalidInput when the ids and rows differ in number.
std::string user_segments_csv(const Segmentation& segmentation, const std::vector<std::string>& user_ids);
/// Writes user_segments_csv() atomically; throws IoError.
void write_user_segments_csv(const Segmentation& segmentation, const std::vector<std::string>& user_ids,
                             const std::string& path);
/// segment_profiles.json: per segment its name, persona, size, description, profile
/// dimensions and feature means; the comparison table; the quality numbers.
nlohmann::json segment_profiles_json(const Segmentation& segmentation);
/// Everything the report draws (curves, scatter sample, stability), as one JSON object.
nlohmann::json segmentation_report_json(const Segmentation& segmentation);

/// XXH3-64 of the pipeline's JSON text, hex: the model's reference to its scaler.
std::string pipeline_fingerprint(const features::FeaturePipeline& pipeline);

}  // namespace fincoach::segment
