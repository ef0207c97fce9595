#include "fincoach/segment/choose_k.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "fincoach/common/error.hpp"
#include "fincoach/segment/kmeans.hpp"
#include "fincoach/segment/metrics.hpp"
#include "fincoach/segment/pca.hpp"
#include "fincoach/common/parallel.hpp"
#include "rng.hpp"
#include "sampling.hpp"

namespace fincoach::segment {
namespace {

constexpr uint64_t k_sample_stream = 41;
constexpr uint64_t k_reference_stream = 42;
constexpr uint64_t k_fit_stream = 43;
constexpr uint64_t k_silhouette_seed_stream = 44;
/// Below this Kneedle height the inertia curve is called straight: no elbow worth the name.
constexpr double k_weak_elbow = 0.1;

double total_sum_of_squares(MatrixView x) {
  const std::vector<double> var = column_variances(x);
  double s = 0.0;
  for (double v : var) s += v;
  return s * static_cast<double>(x.rows);
}

/// B uniform data sets in the box spanned by the rows along their principal axes
/// (Tibshirani et al.'s reference "b"), each as many rows as x.
std::vector<Matrix> reference_sets(MatrixView x, int count, uint64_t seed) {
  const Pca pca = fit_pca(x, x.cols);
  const Matrix z = pca.project(x);
  std::vector<double> lo(x.cols, 0.0), hi(x.cols, 0.0);
  for (size_t c = 0; c < x.cols; ++c) {
    lo[c] = hi[c] = z.at(0, c);
    for (size_t r = 1; r < z.rows; ++r) {
      lo[c] = std::min(lo[c], z.at(r, c));
      hi[c] = std::max(hi[c], z.at(r, c));
    }
  }
  std::vector<Matrix> sets;
  std::vector<double> coords(x.cols);
  for (int b = 0; b < count; ++b) {
    detail::Rng rng(derive_seed(seed, k_reference_stream, static_cast<uint64_t>(b)));
    Matrix ref(x.rows, x.cols);
    for (size_t r = 0; r < x.rows; ++r) {
      for (size_t c = 0; c < x.cols; ++c) coords[c] = lo[c] + rng.uniform() * (hi[c] - lo[c]);
      pca.reconstruct(coords, {ref.row(r), x.cols});
    }
    sets.push_back(std::move(ref));
  }
  return sets;
}

double safe_log(double w) {
  return std::log(std::max(w, 1e-300));
}

int median_of_three(int a, int b, int c) {
  return std::max(std::min(a, b), std::min(std::max(a, b), c));
}

void recommend(KSelection& s, int product_k) {
  const int e = s.elbow_k, q = s.silhouette_k, g = s.gap_choice;
  if (e == q || e == g) {
    s.recommended_k = e;
  } else if (q == g) {
    s.recommended_k = q;
  } else {
    s.recommended_k = median_of_three(e, q, g);
  }
  const auto at = [&](int k) { return static_cast<size_t>(k - s.k.front()); };
  s.reasons.push_back(
      s.elbow_strength < k_weak_elbow
          ? fmt::format("elbow: no clear bend in the inertia curve (Kneedle height {:.2f} < {:.2f}); "
                        "its weak maximum is at k = {}",
                        s.elbow_strength, k_weak_elbow, e)
          : fmt::format("elbow: the inertia curve bends most at k = {} (Kneedle height {:.2f})", e, s.elbow_strength));
  std::string sil = fmt::format("silhouette: highest at k = {} ({:.3f})", q, s.silhouette[at(q)]);
  if (product_k >= s.k.front() && product_k <= s.k.back() && product_k != q)
    sil += fmt::format("; at the product's k = {} it is {:.3f}", product_k, s.silhouette[at(product_k)]);
  s.reasons.push_back(sil);
  const auto gi = static_cast<size_t>(g - 1);
  s.reasons.push_back(
      gi + 1 < s.gap.size()
          ? fmt::format(
                "gap statistic: k = {} is the smallest with Gap(k) >= Gap(k+1) - s(k+1) ({:.3f} >= {:.3f} - {:.3f}, "
                "B = {})",
                g, s.gap[gi], s.gap[gi + 1], s.gap_s[gi + 1], s.gap_references)
          : fmt::format("gap statistic: still rising at k = {} (Gap {:.3f}, B = {}): the range may be too narrow", g,
                        s.gap[gi], s.gap_references));
  if (e == q && q == g)
    s.reasons.push_back(fmt::format("recommendation: k = {}, all three criteria agree", s.recommended_k));
  else if (e == q || e == g || q == g)
    s.reasons.push_back(
        fmt::format("recommendation: k = {}, two of three criteria agree (elbow {}, silhouette {}, gap {})",
                    s.recommended_k, e, q, g));
  else
    s.reasons.push_back(
        fmt::format("recommendation: k = {}, the median of three disagreeing criteria (elbow {}, "
                    "silhouette {}, gap {})",
                    s.recommended_k, e, q, g));
  if (product_k != s.recommended_k)
    s.reasons.push_back(
        fmt::format("the product keeps k = {} segments (the plan's personas); the data alone prefers k = {}", product_k,
                    s.recommended_k));
}

}  // namespace

size_t kneedle(const std::vector<double>& x, const std::vector<double>& y, double* strength) {
  FINCOACH_ASSERT(x.size() == y.size() && x.size() >= 3);
  const auto [y_min, y_max] = std::minmax_element(y.begin(), y.end());
  const double x_span = x.back() - x.front();
  const double y_span = *y_max - *y_min;
  size_t knee = 1;
  double best = 0.0;
  for (size_t i = 1; i + 1 < x.size(); ++i) {
    const double xn = (x[i] - x.front()) / x_span;
    const double yn = y_span > 0.0 ? (y[i] - *y_min) / y_span : 1.0 - xn;
    const double d = (1.0 - yn) - xn;
    if (d > best) {
      best = d;
      knee = i;
    }
  }
  if (strength != nullptr) *strength = best;
  return knee;
}

int gap_one_se_choice(const std::vector<double>& gap, const std::vector<double>& s, int k_first) {
  FINCOACH_ASSERT(gap.size() == s.size() && !gap.empty());
  for (size_t i = 0; i + 1 < gap.size(); ++i)
    if (gap[i] >= gap[i + 1] - s[i + 1]) return k_first + static_cast<int>(i);
  return k_first + static_cast<int>(gap.size()) - 1;
}

KSelection choose_k(MatrixView x, const KMeansParams& kmeans, const ChooseKParams& choose) {
  kmeans.validate();
  choose.validate();
  check_finite(x, "choose-k input");
  const uint64_t want = choose.sample_size == 0 ? x.rows : choose.sample_size;
  const std::vector<uint32_t> rows =
      detail::sample_without_replacement(x.rows, want, derive_seed(kmeans.seed, k_sample_stream, 0));
  if (rows.size() < static_cast<size_t>(choose.k_max) + 1)
    throw InvalidInput(
        fmt::format("choose k: {} rows are too few to try k up to k_max = {}", rows.size(), choose.k_max));
  const Matrix xs = take_rows(x, rows);
  const std::vector<Matrix> refs = reference_sets(xs.view(), choose.gap_references, kmeans.seed);

  // Every fit is a task: data set d (0: the rows, 1..B: references) at k = 2..k_max.
  const auto k_max = static_cast<size_t>(choose.k_max);
  const size_t sets = refs.size() + 1;
  std::vector<KMeansResult> fits(sets * (k_max + 1));
  KMeansParams p = kmeans;
  p.n_init = choose.n_init;
  p.threads = 1;
  const size_t tasks = sets * (k_max - 1);
  parallel_for(tasks, resolve_threads(kmeans.threads), [&](uint64_t t, int) {
    const size_t set = t / (k_max - 1);
    const size_t k = 2 + t % (k_max - 1);
    KMeansParams q = p;
    q.k = static_cast<int>(k);
    q.seed = derive_seed(kmeans.seed, k_fit_stream, t);
    const MatrixView data = set == 0 ? xs.view() : refs[set - 1].view();
    KMeansResult r = fit_kmeans(data, q);
    if (set > 0) r.labels.clear();  // only the inertia of a reference fit is needed
    fits[set * (k_max + 1) + k] = std::move(r);
  });

  KSelection s;
  s.rows = rows.size();
  s.sampled = rows.size() < x.rows;
  s.inertia_k1 = total_sum_of_squares(xs.view());
  for (int k = choose.k_min; k <= choose.k_max; ++k) {
    const KMeansResult& r = fits[static_cast<size_t>(k)];
    s.k.push_back(k);
    s.inertia.push_back(r.inertia);
    const Silhouette sil =
        silhouette(xs.view(), r.labels, k, choose.silhouette_sample,
                   derive_seed(kmeans.seed, k_silhouette_seed_stream, static_cast<uint64_t>(k)), kmeans.threads);
    s.silhouette.push_back(sil.mean);
    s.silhouette_rows = sil.rows_used;
  }

  s.gap_references = choose.gap_references;
  const double b = static_cast<double>(refs.size());
  for (size_t k = 1; k <= k_max; ++k) {
    const double log_w = safe_log(k == 1 ? s.inertia_k1 : fits[k].inertia);
    std::vector<double> log_ref(refs.size());
    for (size_t r = 0; r < refs.size(); ++r)
      log_ref[r] = safe_log(k == 1 ? total_sum_of_squares(refs[r].view()) : fits[(r + 1) * (k_max + 1) + k].inertia);
    double mean = 0.0;
    for (double v : log_ref) mean += v;
    mean /= b;
    double var = 0.0;
    for (double v : log_ref) var += (v - mean) * (v - mean);
    s.gap_k.push_back(static_cast<int>(k));
    s.gap.push_back(mean - log_w);
    s.gap_s.push_back(std::sqrt(var / b) * std::sqrt(1.0 + 1.0 / b));
  }

  std::vector<double> ex{1.0}, ey{s.inertia_k1};
  for (size_t i = 0; i < s.k.size(); ++i) {
    ex.push_back(s.k[i]);
    ey.push_back(s.inertia[i]);
  }
  const size_t knee = kneedle(ex, ey, &s.elbow_strength);
  s.elbow_k = static_cast<int>(ex[knee]);
  s.silhouette_k =
      s.k[static_cast<size_t>(std::max_element(s.silhouette.begin(), s.silhouette.end()) - s.silhouette.begin())];
  s.gap_choice = gap_one_se_choice(s.gap, s.gap_s, 1);
  recommend(s, kmeans.k);
  return s;
}

nlohmann::json KSelection::to_json() const {
  return {{"rows", rows},
          {"sampled", sampled},
          {"k", k},
          {"inertia", inertia},
          {"inertia_k1", inertia_k1},
          {"silhouette", silhouette},
          {"silhouette_rows", silhouette_rows},
          {"gap_k", gap_k},
          {"gap", gap},
          {"gap_s", gap_s},
          {"gap_references", gap_references},
          {"elbow_k", elbow_k},
          {"elbow_strength", elbow_strength},
          {"silhouette_k", silhouette_k},
          {"gap_k_choice", gap_choice},
          {"recommended_k", recommended_k},
          {"reasons", reasons}};
}

}  // namespace fincoach::segment
