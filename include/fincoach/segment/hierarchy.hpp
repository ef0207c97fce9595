#pragma once
// Ward's hierarchical clustering, to cross-check k-means on a sample: if an agglomerative
// method with a different objective path finds the same partition, the segments are not an
// artefact of k-means' initialisation. Nearest-neighbour chain over a condensed matrix of
// squared distances with the Lance-Williams update: O(n²) time and n²/2 doubles of memory.

#include <cstdint>
#include <span>
#include <vector>

#include "fincoach/segment/matrix.hpp"
#include "fincoach/segment/params.hpp"

namespace fincoach::segment {

/// The merges of an agglomerative clustering of n rows, in the order of SciPy's linkage
/// matrix: n - 1 merges sorted by height; merge m creates cluster n + m; rows are 0..n-1.
struct Dendrogram {
  uint64_t rows = 0;
  std::vector<uint32_t> left;
  std::vector<uint32_t> right;
  /// Ward distance (SciPy's convention: sqrt of the Lance-Williams squared distance).
  std::vector<double> height;
  /// Rows under the new cluster.
  std::vector<uint32_t> size;
};

/// Ward linkage of the rows of `x`. Throws InvalidInput for fewer than 2 rows, more than
/// 20000 rows (memory), or a NaN cell.
Dendrogram ward_linkage(MatrixView x);

/// Flat clusters from cutting the dendrogram into k (1 ≤ k ≤ rows): labels 0..k-1 numbered
/// by each cluster's first row. Throws InvalidInput for a k out of range.
std::vector<int32_t> cut_tree(const Dendrogram& dendrogram, int k);

/// Ward against k-means on a seeded sample.
struct WardCheck {
  uint64_t rows = 0;  ///< rows of the sample
  int k = 0;
  /// Adjusted Rand index between the Ward cut at k and the k-means labels of the sample.
  double ari = 0.0;
  /// Rows per Ward cluster, matched to k-means segments one to one (Hungarian, by overlap):
  /// ward_size[s] is the size of the Ward cluster matched to segment s.
  std::vector<uint64_t> ward_size;
  /// Share of sampled rows whose Ward cluster is the one matched to their segment.
  double agreement = 0.0;
};

/// Draws `sample` rows with `seed`, clusters them by Ward's method, cuts at k and compares
/// with `labels` (the k-means labels of all rows of x).
WardCheck ward_check(MatrixView x, std::span<const int32_t> labels, int k, uint64_t sample, uint64_t seed);

}  // namespace fincoach::segment
