#include "fincoach/segment/hierarchy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "fincoach/common/error.hpp"
#include "fincoach/segment/kmeans.hpp"
#include "fincoach/segment/metrics.hpp"
#include "sampling.hpp"

namespace fincoach::segment {
namespace {

constexpr uint64_t k_ward_stream = 21;
constexpr uint64_t k_max_ward_rows = 20000;

/// Upper triangle of a symmetric n × n matrix without its diagonal.
class Condensed {
 public:
  explicit Condensed(size_t n) : n_(n), values_(n * (n - 1) / 2) {}
  double& at(size_t i, size_t j) {
    if (i > j) std::swap(i, j);
    return values_[n_ * i - i * (i + 1) / 2 + j - i - 1];
  }

 private:
  size_t n_;
  std::vector<double> values_;
};

struct Merge {
  uint32_t a = 0;  ///< slot (a row index that stands for its cluster)
  uint32_t b = 0;
  double height = 0.0;
};

/// Nearest-neighbour chain: merges of reciprocal nearest neighbours, in discovery order.
/// The merged cluster lives on in slot b; slot a retires.
std::vector<Merge> nn_chain(Condensed& d, size_t n) {
  std::vector<uint32_t> size(n, 1);
  std::vector<bool> active(n, true);
  std::vector<uint32_t> chain;
  std::vector<Merge> merges;
  merges.reserve(n - 1);
  size_t next_start = 0;
  while (merges.size() + 1 < n) {
    if (chain.empty()) {
      while (!active[next_start]) ++next_start;
      chain.push_back(static_cast<uint32_t>(next_start));
    }
    const uint32_t a = chain.back();
    // Nearest active neighbour of a; the chain's previous element wins ties, so the chain
    // always ends in a reciprocal pair.
    uint32_t b = chain.size() >= 2 ? chain[chain.size() - 2] : std::numeric_limits<uint32_t>::max();
    double best = b == std::numeric_limits<uint32_t>::max() ? std::numeric_limits<double>::infinity() : d.at(a, b);
    for (uint32_t j = 0; j < n; ++j) {
      if (!active[j] || j == a) continue;
      const double v = d.at(a, j);
      if (v < best) {
        best = v;
        b = j;
      }
    }
    if (chain.size() >= 2 && b == chain[chain.size() - 2]) {
      chain.pop_back();
      chain.pop_back();
      merges.push_back({a, b, std::sqrt(std::max(0.0, best))});
      // Lance-Williams for Ward on squared distances.
      const double na = size[a], nb = size[b];
      for (uint32_t j = 0; j < n; ++j) {
        if (!active[j] || j == a || j == b) continue;
        const double nj = size[j];
        d.at(b, j) = ((na + nj) * d.at(a, j) + (nb + nj) * d.at(b, j) - nj * best) / (na + nb + nj);
      }
      active[a] = false;
      size[b] += size[a];
    } else {
      chain.push_back(b);
    }
  }
  return merges;
}

struct UnionFind {
  std::vector<uint32_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  uint32_t find(uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
};

}  // namespace

Dendrogram ward_linkage(MatrixView x) {
  if (x.rows < 2) throw InvalidInput(fmt::format("Ward: {} row(s); it needs at least 2", x.rows));
  if (x.rows > k_max_ward_rows)
    throw InvalidInput(
        fmt::format("Ward: {} rows exceed the {} the distance matrix may hold", x.rows, k_max_ward_rows));
  check_finite(x, "Ward input");
  const size_t n = x.rows;
  Condensed d(n);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) d.at(i, j) = squared_distance(x.row(i), x.row(j), x.cols);
  std::vector<Merge> merges = nn_chain(d, n);
  std::stable_sort(merges.begin(), merges.end(), [](const Merge& l, const Merge& r) { return l.height < r.height; });

  // SciPy's numbering: the cluster made by merge m is n + m.
  Dendrogram out;
  out.rows = n;
  UnionFind uf(n);
  std::vector<uint32_t> cluster_id(n);
  std::iota(cluster_id.begin(), cluster_id.end(), 0u);
  std::vector<uint32_t> cluster_size(n, 1);
  for (size_t m = 0; m < merges.size(); ++m) {
    const uint32_t ra = uf.find(merges[m].a), rb = uf.find(merges[m].b);
    const uint32_t ia = cluster_id[ra], ib = cluster_id[rb];
    out.left.push_back(std::min(ia, ib));
    out.right.push_back(std::max(ia, ib));
    out.height.push_back(merges[m].height);
    const uint32_t merged_size = cluster_size[ra] + cluster_size[rb];
    out.size.push_back(merged_size);
    uf.parent[ra] = rb;
    cluster_id[rb] = static_cast<uint32_t>(n + m);
    cluster_size[rb] = merged_size;
  }
  return out;
}

std::vector<int32_t> cut_tree(const Dendrogram& dendrogram, int k) {
  const size_t n = dendrogram.rows;
  if (k < 1 || static_cast<size_t>(k) > n) throw InvalidInput(fmt::format("cut_tree: k = {} is outside 1..{}", k, n));
  // Replay the lowest n - k merges on the rows (cluster ids above n name merges).
  UnionFind uf(n);
  std::vector<uint32_t> representative(n + dendrogram.left.size());
  std::iota(representative.begin(), representative.begin() + static_cast<std::ptrdiff_t>(n), 0u);
  for (size_t m = 0; m + static_cast<size_t>(k) < n; ++m) {
    const uint32_t ra = uf.find(representative[dendrogram.left[m]]);
    const uint32_t rb = uf.find(representative[dendrogram.right[m]]);
    uf.parent[ra] = rb;
    representative[n + m] = rb;
  }
  std::vector<int32_t> labels(n, -1);
  std::vector<int32_t> label_of_root(n, -1);
  int32_t next = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t root = uf.find(static_cast<uint32_t>(i));
    if (label_of_root[root] < 0) label_of_root[root] = next++;
    labels[i] = label_of_root[root];
  }
  return labels;
}

WardCheck ward_check(MatrixView x, std::span<const int32_t> labels, int k, uint64_t sample, uint64_t seed) {
  FINCOACH_ASSERT(labels.size() == x.rows);
  const std::vector<uint32_t> rows = detail::sample_without_replacement(
      x.rows, std::min<uint64_t>(sample, k_max_ward_rows), derive_seed(seed, k_ward_stream, 0));
  const Matrix xs = take_rows(x, rows);
  std::vector<int32_t> kmeans_labels(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) kmeans_labels[i] = labels[rows[i]];
  const std::vector<int32_t> ward = cut_tree(ward_linkage(xs.view()), std::min<int>(k, static_cast<int>(rows.size())));

  WardCheck out;
  out.rows = rows.size();
  out.k = k;
  out.ari = adjusted_rand_index(kmeans_labels, ward);
  // Match Ward clusters to segments by overlap.
  const auto table = contingency_table(kmeans_labels, ward);
  std::vector<std::vector<double>> overlap(static_cast<size_t>(k));
  for (size_t s = 0; s < overlap.size(); ++s) {
    overlap[s].assign(table.empty() ? 0 : table[0].size(), 0.0);
    if (s < table.size())
      for (size_t w = 0; w < table[s].size(); ++w) overlap[s][w] = static_cast<double>(table[s][w]);
  }
  const std::vector<int32_t> match = max_weight_matching(overlap);
  std::vector<uint64_t> ward_size(overlap.empty() ? 0 : overlap[0].size(), 0);
  for (int32_t w : ward) ++ward_size[static_cast<size_t>(w)];
  out.ward_size.assign(static_cast<size_t>(k), 0);
  uint64_t agree = 0;
  for (size_t s = 0; s < match.size(); ++s) {
    if (match[s] < 0) continue;
    out.ward_size[s] = ward_size[static_cast<size_t>(match[s])];
    agree += static_cast<uint64_t>(overlap[s][static_cast<size_t>(match[s])]);
  }
  out.agreement = rows.empty() ? 0.0 : static_cast<double>(agree) / static_cast<double>(rows.size());
  return out;
}

}  // namespace fincoach::segment
