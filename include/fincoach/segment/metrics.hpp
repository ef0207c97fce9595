#pragma once
// Measures of a clustering: silhouette (exact or on a seeded sample), the adjusted Rand
// index between two labelings, Jaccard similarity of two sets of rows, and the one-to-one
// matching of clusters (Hungarian algorithm) used to compare and to name them.

#include <cstdint>
#include <span>
#include <vector>

#include "fincoach/segment/matrix.hpp"

namespace fincoach::segment {

struct Silhouette {
  /// Mean silhouette over the rows used, in [-1, 1].
  double mean = 0.0;
  /// Mean silhouette of each cluster's rows among those used (0 for a cluster with none).
  std::vector<double> per_cluster;
  /// Rows the silhouette was computed on (all rows, or the sample).
  uint64_t rows_used = 0;
  /// True when computed on a sample.
  bool sampled = false;
};

/// Silhouette of `labels` (values 0..k-1) on the rows of `x`: exact when x.rows ≤
/// sample_size, else on a uniform sample of sample_size rows drawn without replacement with
/// `seed`, distances taken within the sample (scikit-learn's silhouette_score(sample_size=…)
/// convention). A row alone in its cluster scores 0. Parallel over rows with `threads`
/// (0: every core); the result does not depend on it. Throws InvalidInput when labels and
/// rows differ in number, a label is outside 0..k-1, or the rows used hold fewer than two
/// clusters.
Silhouette silhouette(MatrixView x, std::span<const int32_t> labels, int k, uint64_t sample_size, uint64_t seed,
                      int threads = 0);

/// Adjusted Rand index of two labelings of the same rows (Hubert & Arabie 1985): 1 for
/// identical partitions whatever the label values, about 0 for independent ones. 1 when
/// both put every row in one cluster. Throws InvalidInput on a size mismatch or a negative
/// label.
double adjusted_rand_index(std::span<const int32_t> a, std::span<const int32_t> b);

/// counts[i][j]: rows labelled i in `a` and j in `b` (sizes: max label + 1).
std::vector<std::vector<uint64_t>> contingency_table(std::span<const int32_t> a, std::span<const int32_t> b);

/// The one-to-one assignment of rows to columns of `score` (rows × cols, any shape) with
/// the largest total score (Hungarian algorithm, O(n³)). result[r] is the column of row r,
/// or -1 when there are more rows than columns and r is left over. Ties go to the lowest
/// indices, so the result is deterministic.
std::vector<int32_t> max_weight_matching(const std::vector<std::vector<double>>& score);

}  // namespace fincoach::segment
