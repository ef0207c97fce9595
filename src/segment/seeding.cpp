// k-means++ seeding, plain and greedy. Candidates are drawn with probability proportional
// to D² (the squared distance to the nearest centre chosen so far) by one scan over the
// running sum, so a row with D² = 0 (a duplicate of a centre) is never drawn.

#include "seeding.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "distance.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/segment/kmeans.hpp"
#include "rng.hpp"

namespace fincoach::segment {
namespace detail {
namespace {

/// Rows drawn ∝ weight for each sorted target in [0, total): the first row whose running
/// sum exceeds the target (only rows of positive weight qualify).
std::vector<size_t> draw_weighted(const std::vector<double>& weight, std::vector<double> targets) {
  std::sort(targets.begin(), targets.end());
  std::vector<size_t> picked;
  picked.reserve(targets.size());
  size_t t = 0;
  double running = 0.0;
  size_t last_positive = 0;
  for (size_t i = 0; i < weight.size() && t < targets.size(); ++i) {
    if (weight[i] <= 0.0) continue;
    running += weight[i];
    last_positive = i;
    while (t < targets.size() && running > targets[t]) {
      picked.push_back(i);
      ++t;
    }
  }
  // Rounding can leave the last targets just above the running total.
  while (picked.size() < targets.size()) picked.push_back(last_positive);
  return picked;
}

double potential(const std::vector<double>& closest) {
  double sum = 0.0;
  for (double d : closest) sum += d;
  return sum;
}

[[noreturn]] void throw_too_few_distinct(size_t chosen, int k) {
  throw InvalidInput(fmt::format(
      "k-means: the rows have only {} distinct point(s), fewer than k = {} (every remaining row coincides with a "
      "centre already chosen); lower k or check for constant or duplicated rows",
      chosen, k));
}

/// Squared distances of every row to `candidates` (rows × candidates.rows) by the Gram
/// kernel. A distance within rounding noise of 0 is recomputed directly, so a row that
/// coincides with a chosen centre has exactly 0 and is never drawn.
std::vector<double> distances_to(MatrixView x, const std::vector<double>& norms, const Matrix& candidates) {
  const PackedCentres packed = pack_centres(candidates.view());
  const size_t m = candidates.rows;
  std::vector<double> out(x.rows * m);
  for (size_t begin = 0; begin < x.rows; begin += k_block_rows) {
    const size_t end = std::min(x.rows, begin + k_block_rows);
    block_distances(x, norms, begin, end, packed, out.data() + begin * m);
  }
  for (size_t i = 0; i < x.rows; ++i)
    for (size_t t = 0; t < m; ++t) {
      double& d = out[i * m + t];
      if (d <= 1e-9 * (norms[i] + packed.norms[t])) d = squared_distance(x.row(i), candidates.row(t), x.cols);
    }
  return out;
}

}  // namespace

Matrix seed_centres(MatrixView x, const std::vector<double>& norms, int k, Seeding seeding, int local_trials,
                    uint64_t seed) {
  Rng rng(seed);
  const size_t n = x.rows;
  const size_t d = x.cols;
  Matrix centres(static_cast<size_t>(k), d);
  const size_t first = rng.below(n);
  std::memcpy(centres.row(0), x.row(first), d * sizeof(double));

  Matrix one(1, d);
  std::memcpy(one.row(0), x.row(first), d * sizeof(double));
  std::vector<double> closest = distances_to(x, norms, one);
  double pot = potential(closest);

  const size_t trials =
      seeding == Seeding::KMeansPlusPlus
          ? 1
          : static_cast<size_t>(local_trials > 0 ? local_trials
                                                 : 2 + static_cast<int>(std::log(static_cast<double>(k))));
  for (size_t c = 1; c < static_cast<size_t>(k); ++c) {
    if (!(pot > 0.0)) throw_too_few_distinct(c, k);
    std::vector<double> targets(trials);
    for (double& t : targets) t = rng.uniform() * pot;
    const std::vector<size_t> picked = draw_weighted(closest, targets);
    Matrix candidates(trials, d);
    for (size_t t = 0; t < trials; ++t) std::memcpy(candidates.row(t), x.row(picked[t]), d * sizeof(double));
    const std::vector<double> dist = distances_to(x, norms, candidates);
    // The candidate that lowers the potential most (the first on ties).
    size_t best = 0;
    double best_pot = 0.0;
    for (size_t t = 0; t < trials; ++t) {
      double sum = 0.0;
      for (size_t i = 0; i < n; ++i) sum += std::min(closest[i], dist[i * trials + t]);
      if (t == 0 || sum < best_pot) {
        best = t;
        best_pot = sum;
      }
    }
    for (size_t i = 0; i < n; ++i) closest[i] = std::min(closest[i], dist[i * trials + best]);
    pot = potential(closest);
    std::memcpy(centres.row(c), candidates.row(best), d * sizeof(double));
  }
  return centres;
}

}  // namespace detail

Matrix kmeans_plus_plus(MatrixView x, int k, Seeding seeding, int local_trials, uint64_t seed) {
  if (x.rows == 0) throw InvalidInput("k-means++: the matrix has no rows");
  if (k < 1) throw InvalidInput(fmt::format("k-means++: k = {} must be at least 1", k));
  if (static_cast<size_t>(k) > x.rows)
    throw InvalidInput(fmt::format("k-means++: k = {} is larger than the number of rows ({})", k, x.rows));
  return detail::seed_centres(x, detail::row_norms(x), k, seeding, local_trials, seed);
}

}  // namespace fincoach::segment
