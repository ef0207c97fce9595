#pragma once
// k-means: k-means++ seeding (plain or greedy), n_init initialisations with the lowest
// inertia kept, Lloyd iterations with a blocked or a Hamerly assignment step. Deterministic
// per seed whatever the thread count: init i draws from a seed derived from (seed, i), inits
// run in parallel but each one is sequential, and the best is chosen in init order.

#include <cstdint>
#include <span>
#include <vector>

#include "fincoach/segment/matrix.hpp"
#include "fincoach/segment/params.hpp"

namespace fincoach::segment {

struct KMeansResult {
  /// k × cols, in the data's (scaled) space.
  Matrix centroids;
  /// Cluster of each row, 0..k-1: the nearest centroid.
  std::vector<int32_t> labels;
  /// Rows per cluster.
  std::vector<uint64_t> sizes;
  /// Sum of squared distances of the rows to their centroid.
  double inertia = 0.0;
  /// Lloyd iterations of the kept initialisation.
  int iterations = 0;
  /// Whether the kept initialisation met the tolerance before max_iter.
  bool converged = false;
  /// Index of the kept initialisation.
  int best_init = 0;
  /// Inertia and iterations of every initialisation, in init order. An init's inertia comes
  /// from its final sums (no pass over the rows); the kept init's is the exact final one.
  std::vector<double> init_inertia;
  std::vector<int> init_iterations;
  /// Clusters that went empty during Lloyd and were re-seeded from the row farthest from
  /// its centroid (all inits together).
  int empty_cluster_reseeds = 0;
};

/// Fits k-means to the rows of `x`. Throws InvalidInput on invalid params, an empty matrix,
/// a NaN or infinite cell (naming row and column), k larger than the number of rows, or
/// rows with fewer than k distinct points (no k-th centre can be placed).
KMeansResult fit_kmeans(MatrixView x, const KMeansParams& params);

/// One initialisation: seeding from `seed`, then Lloyd. Used by fit_kmeans and by the
/// benchmarks; the inputs are not checked.
KMeansResult fit_kmeans_once(MatrixView x, const KMeansParams& params, uint64_t seed);

/// k-means++ centres (k × cols) drawn with `seed`. Throws InvalidInput when the rows have
/// fewer than k distinct points.
Matrix kmeans_plus_plus(MatrixView x, int k, Seeding seeding, int local_trials, uint64_t seed);

/// Index of the centroid nearest to `row` (lowest index on ties); its squared distance in
/// *distance2 when given. No allocation: the call a server makes per request.
int32_t nearest_centroid(std::span<const double> row, MatrixView centroids, double* distance2 = nullptr);

/// Nearest centroid of every row, and the sum of the squared distances in *inertia.
std::vector<int32_t> assign_nearest(MatrixView x, MatrixView centroids, double* inertia = nullptr);

/// Squared Euclidean distance of two rows of length `cols`.
double squared_distance(const double* a, const double* b, size_t cols);

}  // namespace fincoach::segment
