#pragma once
// Which k the data prefers: the elbow of the inertia curve (Kneedle), the silhouette
// maximum, and the gap statistic with Tibshirani's one-standard-error rule, with a
// recommendation and its reasons. The product keeps its k; this reports the evidence.

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "fincoach/segment/matrix.hpp"
#include "fincoach/segment/params.hpp"

namespace fincoach::segment {

/// Knee of a decreasing convex curve (Satopää et al. 2011, "Kneedle"): both axes scaled to
/// [0, 1], the knee is where 1 - y - x peaks. Returns the index of the knee and the peak
/// height in *strength (0: a straight line, no knee). Needs at least 3 points; the ends are
/// never knees.
size_t kneedle(const std::vector<double>& x, const std::vector<double>& y, double* strength = nullptr);

/// The smallest k whose gap is within one standard error of the next k's:
/// Gap(k) ≥ Gap(k+1) − s(k+1). `gap` and `s` are indexed from k = k_first; the last k
/// qualifies when none before it does.
int gap_one_se_choice(const std::vector<double>& gap, const std::vector<double>& s, int k_first);

struct KSelection {
  /// Rows the fits ran on (all, or a seeded sample of choose_k.sample_size).
  uint64_t rows = 0;
  bool sampled = false;
  /// The k range [k_min, k_max] and, per k, the best inertia (on those rows) and the
  /// silhouette (exact, or on silhouette_sample of those rows).
  std::vector<int> k;
  std::vector<double> inertia;
  std::vector<double> silhouette;
  uint64_t silhouette_rows = 0;
  /// Inertia at k = 1 (the total sum of squares), the start of the elbow curve.
  double inertia_k1 = 0.0;
  /// Gap statistic for k = 1 .. k_max and its standard error s(k) = sd · sqrt(1 + 1/B).
  std::vector<int> gap_k;
  std::vector<double> gap;
  std::vector<double> gap_s;
  int gap_references = 0;

  int elbow_k = 0;
  double elbow_strength = 0.0;
  int silhouette_k = 0;
  int gap_choice = 0;
  /// The k at least two criteria agree on; else the median of the three.
  int recommended_k = 0;
  /// One line per criterion, with its numbers, and the verdict.
  std::vector<std::string> reasons;

  nlohmann::json to_json() const;
};

/// Runs the three criteria on the rows of `x` (already scaled). `kmeans` supplies tol,
/// max_iter, seeding, seed and threads; choose.n_init the initialisations per fit. Throws
/// InvalidInput on invalid params or when the rows used are fewer than k_max + 1.
KSelection choose_k(MatrixView x, const KMeansParams& kmeans, const ChooseKParams& choose);

}  // namespace fincoach::segment
