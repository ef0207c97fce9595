#include "fincoach/segment/stability.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "fincoach/common/error.hpp"
#include "fincoach/segment/kmeans.hpp"
#include "fincoach/segment/metrics.hpp"
#include "fincoach/common/parallel.hpp"
#include "sampling.hpp"

namespace fincoach::segment {
namespace {

constexpr uint64_t k_bootstrap_sample_stream = 31;
constexpr uint64_t k_bootstrap_stream = 32;
constexpr uint64_t k_bootstrap_fit_stream = 33;

/// Best Jaccard of each original segment against the clusters of one resample, over the
/// distinct rows present (-1 for a segment with no row present).
std::vector<double> best_jaccard(const std::vector<int32_t>& original, const std::vector<uint32_t>& draw,
                                 const std::vector<int32_t>& boot_labels, size_t k) {
  const size_t n = original.size();
  std::vector<int32_t> boot_of_row(n, -1);
  for (size_t t = 0; t < draw.size(); ++t) boot_of_row[draw[t]] = boot_labels[t];
  std::vector<std::vector<uint64_t>> both(k, std::vector<uint64_t>(k, 0));
  std::vector<uint64_t> in_original(k, 0), in_boot(k, 0);
  for (size_t r = 0; r < n; ++r) {
    if (boot_of_row[r] < 0) continue;
    const auto o = static_cast<size_t>(original[r]);
    const auto b = static_cast<size_t>(boot_of_row[r]);
    ++both[o][b];
    ++in_original[o];
    ++in_boot[b];
  }
  std::vector<double> best(k, -1.0);
  for (size_t o = 0; o < k; ++o) {
    if (in_original[o] == 0) continue;
    best[o] = 0.0;
    for (size_t b = 0; b < k; ++b) {
      const auto inter = static_cast<double>(both[o][b]);
      const double uni = static_cast<double>(in_original[o] + in_boot[b]) - inter;
      if (uni > 0.0) best[o] = std::max(best[o], inter / uni);
    }
  }
  return best;
}

}  // namespace

std::string_view to_string(StabilityVerdict verdict) {
  switch (verdict) {
    case StabilityVerdict::Stable:
      return "stable";
    case StabilityVerdict::Doubtful:
      return "doubtful";
    case StabilityVerdict::Dissolved:
      return "dissolved";
  }
  return "doubtful";
}

BootstrapStability bootstrap_stability(MatrixView x, std::span<const int32_t> labels, const KMeansParams& params,
                                       const ValidationParams& validation) {
  params.validate();
  validation.validate();
  if (labels.size() != x.rows)
    throw InvalidInput(fmt::format("bootstrap: {} labels for {} rows", labels.size(), x.rows));
  const auto k = static_cast<size_t>(params.k);
  const std::vector<uint32_t> rows = detail::sample_without_replacement(
      x.rows, validation.bootstrap_sample, derive_seed(params.seed, k_bootstrap_sample_stream, 0));
  if (rows.size() < k)
    throw InvalidInput(fmt::format("bootstrap: {} rows cannot hold k = {} clusters", rows.size(), k));
  const Matrix xs = take_rows(x, rows);
  std::vector<int32_t> original(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) original[i] = labels[rows[i]];

  const auto replicates = static_cast<size_t>(validation.bootstrap);
  std::vector<std::vector<double>> best(replicates);
  KMeansParams fit = params;
  fit.threads = 1;  // the replicates are the parallel unit
  parallel_for(replicates, resolve_threads(params.threads), [&](uint64_t b, int) {
    const std::vector<uint32_t> draw =
        detail::sample_with_replacement(rows.size(), derive_seed(params.seed, k_bootstrap_stream, b));
    const Matrix xb = take_rows(xs.view(), draw);
    KMeansParams p = fit;
    p.seed = derive_seed(params.seed, k_bootstrap_fit_stream, b);
    const KMeansResult r = fit_kmeans(xb.view(), p);
    best[b] = best_jaccard(original, draw, r.labels, k);
  });

  BootstrapStability out;
  out.rows = rows.size();
  out.resamples = validation.bootstrap;
  out.mean_jaccard.assign(k, 0.0);
  out.dissolved.assign(k, 0);
  out.recovered.assign(k, 0);
  out.present.assign(k, 0);
  for (size_t b = 0; b < replicates; ++b)
    for (size_t s = 0; s < k; ++s) {
      const double j = best[b][s];
      if (j < 0.0) continue;
      out.mean_jaccard[s] += j;
      ++out.present[s];
      if (j <= validation.dissolved_jaccard) ++out.dissolved[s];
      if (j >= validation.stable_jaccard) ++out.recovered[s];
    }
  for (size_t s = 0; s < k; ++s) {
    if (out.present[s] > 0) out.mean_jaccard[s] /= out.present[s];
    const double m = out.mean_jaccard[s];
    out.verdict.push_back(m >= validation.stable_jaccard      ? StabilityVerdict::Stable
                          : m <= validation.dissolved_jaccard ? StabilityVerdict::Dissolved
                                                              : StabilityVerdict::Doubtful);
  }
  return out;
}

TemporalStability temporal_stability(MatrixView first, MatrixView second, const KMeansParams& params) {
  if (first.rows != second.rows || first.cols != second.cols)
    throw InvalidInput(
        fmt::format("temporal stability: the periods differ in shape ({} × {} vs {} × {}); give the same "
                    "users and features for both",
                    first.rows, first.cols, second.rows, second.cols));
  const KMeansResult a = fit_kmeans(first, params);
  const KMeansResult b = fit_kmeans(second, params);
  const std::vector<int32_t> assigned = assign_nearest(second, a.centroids.view());

  TemporalStability out;
  out.rows = first.rows;
  out.ari_refit = adjusted_rand_index(a.labels, b.labels);
  out.ari_assigned = adjusted_rand_index(a.labels, assigned);
  const auto k = static_cast<size_t>(params.k);
  std::vector<std::vector<double>> overlap(k, std::vector<double>(k, 0.0));
  for (size_t i = 0; i < first.rows; ++i)
    overlap[static_cast<size_t>(a.labels[i])][static_cast<size_t>(b.labels[i])] += 1.0;
  out.match = max_weight_matching(overlap);
  out.retained_per_segment.assign(k, 0.0);
  double kept = 0.0;
  for (size_t s = 0; s < k; ++s) {
    const double kept_s = out.match[s] >= 0 ? overlap[s][static_cast<size_t>(out.match[s])] : 0.0;
    kept += kept_s;
    if (a.sizes[s] > 0) out.retained_per_segment[s] = kept_s / static_cast<double>(a.sizes[s]);
  }
  out.retained_share = first.rows > 0 ? kept / static_cast<double>(first.rows) : 0.0;
  return out;
}

}  // namespace fincoach::segment
