#pragma once
// How much a segmentation can be trusted beyond one fit: per-segment bootstrap stability
// (Hennig's clusterboot) and temporal stability (the same users segmented on consecutive
// quarters).

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "fincoach/segment/matrix.hpp"
#include "fincoach/segment/params.hpp"

namespace fincoach::segment {

enum class StabilityVerdict : uint8_t { Stable, Doubtful, Dissolved };
/// "stable", "doubtful", "dissolved".
std::string_view to_string(StabilityVerdict verdict);

/// clusterboot's numbers per segment.
struct BootstrapStability {
  /// Rows the resamples were drawn from (a seeded sample of at most bootstrap_sample).
  uint64_t rows = 0;
  int resamples = 0;
  /// Per segment: mean over resamples of the best Jaccard similarity between the segment
  /// (restricted to the rows present in the resample) and any cluster of the resample.
  std::vector<double> mean_jaccard;
  /// Per segment: resamples in which its best Jaccard was ≤ dissolved_jaccard, and ≥
  /// stable_jaccard.
  std::vector<int> dissolved;
  std::vector<int> recovered;
  /// Per segment: resamples that held at least one of its rows (the mean's denominator).
  std::vector<int> present;
  std::vector<StabilityVerdict> verdict;
};

/// Re-fits k-means (params, seeds derived from (params.seed, replicate)) on `resamples`
/// bootstrap resamples of a seeded sample of the rows and compares with `labels`. Parallel
/// over resamples with params.threads; the result does not depend on it. Throws
/// InvalidInput when labels and rows differ in number or the sample has fewer rows than k.
BootstrapStability bootstrap_stability(MatrixView x, std::span<const int32_t> labels, const KMeansParams& params,
                                       const ValidationParams& validation);

/// The same users segmented on two consecutive periods.
struct TemporalStability {
  uint64_t rows = 0;
  /// ARI between the two periods' own segmentations (each fitted on its period).
  double ari_refit = 0.0;
  /// ARI between the first period's segmentation and the second period's rows assigned to
  /// the first period's centroids (the deployed model applied to the next quarter).
  double ari_assigned = 0.0;
  /// Second-period cluster matched to each first-period segment (Hungarian, by overlap).
  std::vector<int32_t> match;
  /// Share of users whose second-period segment (refit) is the one matched to their
  /// first-period segment, overall and per first-period segment.
  double retained_share = 0.0;
  std::vector<double> retained_per_segment;
};

/// `first` and `second` hold the same users in the same row order, the same columns, on
/// consecutive periods (e.g. features as of the end of two quarters). Throws InvalidInput
/// when their shapes differ.
TemporalStability temporal_stability(MatrixView first, MatrixView second, const KMeansParams& params);

}  // namespace fincoach::segment
