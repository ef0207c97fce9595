#include "fincoach/features/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "fincoach/common/error.hpp"

namespace fincoach::features {
namespace {

using json = nlohmann::json;

/// splitmix64: a stated generator, so shuffles are the same on every platform.
struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
};

/// Solves A x = b for a symmetric positive definite A (n × n, row-major) by Cholesky.
std::vector<double> cholesky_solve(std::vector<double> a, std::vector<double> b, size_t n) {
  for (size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0.0)) throw InvalidInput("permutation importance: the ridge system is singular (use ridge_lambda > 0)");
    const double l = std::sqrt(d);
    a[j * n + j] = l;
    for (size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / l;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    double s = b[i];
    for (size_t k = 0; k < i; ++k) s -= a[i * n + k] * b[k];
    b[i] = s / a[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {
    double s = b[i];
    for (size_t k = i + 1; k < n; ++k) s -= a[k * n + i] * b[k];
    b[i] = s / a[i * n + i];
  }
  return b;
}

double r_squared(const std::vector<double>& y, const std::vector<double>& pred) {
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size());
  double ss_res = 0.0;
  double ss_tot = 0.0;
  for (size_t i = 0; i < y.size(); ++i) {
    ss_res += (y[i] - pred[i]) * (y[i] - pred[i]);
    ss_tot += (y[i] - mean) * (y[i] - mean);
  }
  return ss_tot > 0.0 ? 1.0 - ss_res / ss_tot : 0.0;
}

}  // namespace

void ImportanceParams::validate() const {
  if (!(ridge_lambda >= 0.0 && std::isfinite(ridge_lambda)))
    throw InvalidInput(fmt::format("importance.ridge_lambda = {}: must be a finite number >= 0", ridge_lambda));
  if (repeats < 1 || repeats > 1000)
    throw InvalidInput(fmt::format("importance.repeats = {}: must be in 1..1000", repeats));
}

PermutationImportance permutation_importance(const FeatureMatrix& m, std::span<const double> target,
                                             std::span<const uint8_t> train_mask, const ImportanceParams& params) {
  params.validate();
  if (target.size() != m.rows || train_mask.size() != m.rows)
    throw InvalidInput(fmt::format("permutation importance: {} rows, {} targets, {} mask entries", m.rows,
                                   target.size(), train_mask.size()));
  std::vector<size_t> train;
  std::vector<size_t> test;
  for (size_t r = 0; r < m.rows; ++r) {
    if (!std::isfinite(target[r]))
      throw InvalidInput(fmt::format("permutation importance: target of row {} is not finite", r));
    (train_mask[r] ? train : test).push_back(r);
  }
  if (train.size() < 2 || test.size() < 2)
    throw InvalidInput(fmt::format("permutation importance: {} training and {} held-out rows (2 each at least)",
                                   train.size(), test.size()));
  const size_t d = m.cols();
  std::vector<double> x_mean(d, 0.0);
  double y_mean = 0.0;
  for (size_t r : train) {
    for (size_t c = 0; c < d; ++c) x_mean[c] += m.at(r, c);
    y_mean += target[r];
  }
  for (double& v : x_mean) v /= static_cast<double>(train.size());
  y_mean /= static_cast<double>(train.size());
  std::vector<double> a(d * d, 0.0);
  std::vector<double> b(d, 0.0);
  std::vector<double> x(d);
  for (size_t r : train) {
    for (size_t c = 0; c < d; ++c) x[c] = m.at(r, c) - x_mean[c];
    const double y = target[r] - y_mean;
    for (size_t i = 0; i < d; ++i) {
      b[i] += x[i] * y;
      for (size_t j = 0; j <= i; ++j) a[i * d + j] += x[i] * x[j];
    }
  }
  for (size_t i = 0; i < d; ++i) {
    for (size_t j = 0; j < i; ++j) a[j * d + i] = a[i * d + j];
    a[i * d + i] += params.ridge_lambda * static_cast<double>(train.size()) + 1e-12;
  }
  const std::vector<double> w = cholesky_solve(std::move(a), std::move(b), d);

  std::vector<double> y_test(test.size());
  std::vector<double> pred(test.size());
  for (size_t i = 0; i < test.size(); ++i) {
    y_test[i] = target[test[i]];
    double p = y_mean;
    for (size_t c = 0; c < d; ++c) p += w[c] * (m.at(test[i], c) - x_mean[c]);
    pred[i] = p;
  }
  PermutationImportance out;
  out.feature = m.schema.names();
  out.baseline_r2 = r_squared(y_test, pred);
  out.train_rows = train.size();
  out.test_rows = test.size();
  out.importance.assign(d, 0.0);
  out.importance_std.assign(d, 0.0);
  SplitMix rng{params.seed};
  std::vector<size_t> perm(test.size());
  std::vector<double> shuffled(test.size());
  std::vector<double> drops(static_cast<size_t>(params.repeats));
  for (size_t c = 0; c < d; ++c) {
    for (int rep = 0; rep < params.repeats; ++rep) {
      std::iota(perm.begin(), perm.end(), size_t{0});
      for (size_t i = perm.size(); i > 1; --i) std::swap(perm[i - 1], perm[rng.below(i)]);
      for (size_t i = 0; i < test.size(); ++i)
        shuffled[i] = pred[i] + w[c] * (static_cast<double>(m.at(test[perm[i]], c)) - m.at(test[i], c));
      drops[static_cast<size_t>(rep)] = out.baseline_r2 - r_squared(y_test, shuffled);
    }
    const double mean = std::accumulate(drops.begin(), drops.end(), 0.0) / params.repeats;
    double var = 0.0;
    for (double v : drops) var += (v - mean) * (v - mean);
    out.importance[c] = mean;
    out.importance_std[c] = std::sqrt(var / params.repeats);
  }
  return out;
}

json PermutationImportance::to_json() const {
  json rows = json::array();
  for (size_t c = 0; c < feature.size(); ++c)
    rows.push_back({{"feature", feature[c]}, {"importance", importance[c]}, {"std", importance_std[c]}});
  return {{"model", "ridge"}, {"metric", "held-out R2 drop"}, {"baseline_r2", baseline_r2},
          {"train_rows", train_rows}, {"test_rows", test_rows}, {"features", rows}};
}

RedundancyReport redundancy_report(const FeatureMatrix& m, double threshold) {
  if (!(threshold > 0.0 && threshold <= 1.0))
    throw InvalidInput(fmt::format("redundancy threshold = {}: must be in (0, 1]", threshold));
  const size_t d = m.cols();
  const std::vector<std::string> names = m.schema.names();
  std::vector<double> mean(d, 0.0);
  std::vector<double> sd(d, 0.0);
  for (size_t r = 0; r < m.rows; ++r)
    for (size_t c = 0; c < d; ++c) mean[c] += m.at(r, c);
  for (double& v : mean) v /= std::max<double>(1.0, static_cast<double>(m.rows));
  for (size_t r = 0; r < m.rows; ++r)
    for (size_t c = 0; c < d; ++c) sd[c] += (m.at(r, c) - mean[c]) * (m.at(r, c) - mean[c]);
  RedundancyReport rep;
  rep.threshold = threshold;
  std::vector<size_t> parent(d);
  std::iota(parent.begin(), parent.end(), size_t{0});
  auto find = [&](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (size_t c = 0; c < d; ++c)
    if (!(sd[c] > 0.0)) rep.constant.push_back(names[c]);
  for (size_t i = 0; i < d; ++i) {
    if (!(sd[i] > 0.0)) continue;
    for (size_t j = i + 1; j < d; ++j) {
      if (!(sd[j] > 0.0)) continue;
      double cov = 0.0;
      for (size_t r = 0; r < m.rows; ++r) cov += (m.at(r, i) - mean[i]) * (m.at(r, j) - mean[j]);
      const double corr = cov / std::sqrt(sd[i] * sd[j]);
      if (std::abs(corr) < threshold) continue;
      rep.pairs.push_back({names[i], names[j], corr});
      parent[find(i)] = find(j);
    }
  }
  std::vector<std::vector<size_t>> groups(d);
  for (size_t c = 0; c < d; ++c) groups[find(c)].push_back(c);
  std::vector<std::vector<size_t>> clusters;
  for (auto& g : groups)
    if (g.size() >= 2) clusters.push_back(g);
  std::stable_sort(clusters.begin(), clusters.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const auto& g : clusters) {
    std::vector<std::string> named;
    for (size_t c : g) named.push_back(names[c]);
    rep.clusters.push_back(std::move(named));
  }
  return rep;
}

json RedundancyReport::to_json() const {
  json p = json::array();
  for (const Pair& x : pairs) p.push_back({{"a", x.a}, {"b", x.b}, {"corr", x.corr}});
  return {{"threshold", threshold}, {"clusters", clusters}, {"pairs", p}, {"constant", constant}};
}

}  // namespace fincoach::features
