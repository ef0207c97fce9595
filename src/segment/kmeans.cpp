#include "fincoach/segment/kmeans.hpp"

#include <fmt/format.h>

#include <limits>

#include "distance.hpp"
#include "fincoach/common/error.hpp"
#include "lloyd.hpp"
#include "fincoach/common/parallel.hpp"
#include "sampling.hpp"
#include "seeding.hpp"

namespace fincoach::segment {
namespace {

/// Seed stream of k-means inits (see derive_seed).
constexpr uint64_t k_init_stream = 1;
/// Seed stream of each init's seeding sample.
constexpr uint64_t k_seeding_sample_stream = 2;

double absolute_tolerance(MatrixView x, double tol) {
  if (tol == 0.0) return 0.0;
  const std::vector<double> var = column_variances(x);
  double mean = 0.0;
  for (double v : var) mean += v;
  return tol * mean / static_cast<double>(var.size());
}

/// Lloyd with the configured assignment step, from `centres` to convergence.
detail::LloydOutcome lloyd(MatrixView x, const detail::DataStats& stats, Matrix centres, const KMeansParams& params,
                           double tol_abs) {
  return params.assignment == Assignment::Hamerly
             ? detail::lloyd_hamerly(x, stats, std::move(centres), params.max_iter, tol_abs)
             : detail::lloyd_blocked(x, stats, std::move(centres), params.max_iter, tol_abs);
}

/// k-means++ on all rows; above seeding_sample rows, k-means++ on a seeded sample of that
/// many rows and Lloyd on the sample to convergence (a warm start: the sample's optimum is
/// close to the full data's, so Lloyd on every row then needs a few iterations instead of
/// many, and the early ones, where every row changes cluster, run on the sample).
Matrix initial_centres(MatrixView x, const detail::DataStats& stats, const KMeansParams& params, uint64_t seed) {
  if (params.seeding_sample == 0 || x.rows <= params.seeding_sample)
    return detail::seed_centres(x, stats.norms, params.k, params.seeding, params.local_trials, seed);
  const std::vector<uint32_t> rows =
      detail::sample_without_replacement(x.rows, params.seeding_sample, derive_seed(seed, k_seeding_sample_stream, 0));
  const Matrix sample = take_rows(x, rows);
  const detail::DataStats sample_stats = detail::data_stats(sample.view());
  Matrix seeds =
      detail::seed_centres(sample.view(), sample_stats.norms, params.k, params.seeding, params.local_trials, seed);
  return lloyd(sample.view(), sample_stats, std::move(seeds), params, absolute_tolerance(sample.view(), params.tol))
      .centres;
}

detail::LloydOutcome run_once(MatrixView x, const detail::DataStats& stats, const KMeansParams& params, uint64_t seed,
                              double tol_abs) {
  return lloyd(x, stats, initial_centres(x, stats, params, seed), params, tol_abs);
}

KMeansResult to_result(detail::LloydOutcome lloyd, int k) {
  KMeansResult r;
  r.centroids = std::move(lloyd.centres);
  r.labels = std::move(lloyd.labels);
  r.inertia = lloyd.inertia;
  r.iterations = lloyd.iterations;
  r.converged = lloyd.converged;
  r.empty_cluster_reseeds = lloyd.reseeds;
  r.sizes.assign(static_cast<size_t>(k), 0);
  for (int32_t label : r.labels) ++r.sizes[static_cast<size_t>(label)];
  r.init_inertia = {r.inertia};
  r.init_iterations = {r.iterations};
  return r;
}

void check_input(MatrixView x, const KMeansParams& params) {
  params.validate();
  if (x.rows == 0 || x.cols == 0)
    throw InvalidInput(fmt::format("k-means: the matrix is empty ({} rows × {} columns)", x.rows, x.cols));
  if (static_cast<size_t>(params.k) > x.rows)
    throw InvalidInput(
        fmt::format("k-means: k = {} is larger than the number of rows ({}); lower k", params.k, x.rows));
  check_finite(x, "k-means input");
}

}  // namespace

KMeansResult fit_kmeans_once(MatrixView x, const KMeansParams& params, uint64_t seed) {
  const detail::DataStats stats = detail::data_stats(x);
  return to_result(detail::finish_exact(x, run_once(x, stats, params, seed, absolute_tolerance(x, params.tol))),
                   params.k);
}

KMeansResult fit_kmeans(MatrixView x, const KMeansParams& params) {
  check_input(x, params);
  const detail::DataStats stats = detail::data_stats(x);
  const double tol_abs = absolute_tolerance(x, params.tol);
  const auto inits = static_cast<size_t>(params.n_init);
  std::vector<detail::LloydOutcome> runs(inits);
  parallel_for(inits, resolve_threads(params.threads), [&](uint64_t i, int) {
    runs[i] = run_once(x, stats, params, derive_seed(params.seed, k_init_stream, i), tol_abs);
  });
  // The lowest inertia (from each init's sums, no pass needed) wins; the earliest init on
  // ties, so the choice never depends on timing. Only the winner gets the exact finish.
  size_t best = 0;
  for (size_t i = 1; i < inits; ++i)
    if (runs[i].inertia < runs[best].inertia) best = i;
  std::vector<double> inertia(inits);
  std::vector<int> iterations(inits);
  int reseeds = 0;
  for (size_t i = 0; i < inits; ++i) {
    inertia[i] = runs[i].inertia;
    iterations[i] = runs[i].iterations;
    reseeds += runs[i].reseeds;
  }
  KMeansResult result = to_result(detail::finish_exact(x, std::move(runs[best])), params.k);
  inertia[best] = result.inertia;
  result.best_init = static_cast<int>(best);
  result.init_inertia = std::move(inertia);
  result.init_iterations = std::move(iterations);
  result.empty_cluster_reseeds = reseeds;
  return result;
}

int32_t nearest_centroid(std::span<const double> row, MatrixView centroids, double* distance2) {
  FINCOACH_ASSERT(row.size() == centroids.cols && centroids.rows > 0);
  int32_t best = 0;
  double best_d = std::numeric_limits<double>::infinity();
  for (size_t j = 0; j < centroids.rows; ++j) {
    // Column order, one sum: the direct kernel's arithmetic, so the served label equals the
    // label of the final assignment.
    const double* c = centroids.row(j);
    double d = 0.0;
    for (size_t t = 0; t < row.size(); ++t) {
      const double diff = row[t] - c[t];
      d += diff * diff;
    }
    if (d < best_d) {
      best_d = d;
      best = static_cast<int32_t>(j);
    }
  }
  if (distance2 != nullptr) *distance2 = best_d;
  return best;
}

std::vector<int32_t> assign_nearest(MatrixView x, MatrixView centroids, double* inertia) {
  FINCOACH_ASSERT(x.cols == centroids.cols && centroids.rows > 0);
  return detail::final_assignment(x, centroids, inertia);
}

}  // namespace fincoach::segment
