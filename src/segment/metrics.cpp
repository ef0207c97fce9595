#include "fincoach/segment/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "distance.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/segment/params.hpp"
#include "fincoach/common/parallel.hpp"
#include "sampling.hpp"

namespace fincoach::segment {
namespace {

/// Seed stream of the silhouette sample (see derive_seed).
constexpr uint64_t k_silhouette_stream = 11;
/// Rows and columns of a silhouette tile: 256 × 256 distances (512 KB) and 256 packed
/// columns (46 dims: 94 KB).
constexpr size_t k_tile = 256;

double choose2(double n) {
  return n * (n - 1.0) / 2.0;
}

/// Sum of d[0 .. n) with four running sums (independent additions keep the adder busy).
double range_sum(const double* d, size_t n) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  size_t j = 0;
  for (; j + 4 <= n; j += 4) {
    s0 += d[j];
    s1 += d[j + 1];
    s2 += d[j + 2];
    s3 += d[j + 3];
  }
  for (; j < n; ++j) s0 += d[j];
  return (s0 + s1) + (s2 + s3);
}

/// Per row of the sample: summed distance to the other rows of each cluster (rows × k).
/// Distances are symmetric, so only tiles (I, J) with I ≤ J are computed: each tile adds to
/// the sums of its rows (by the columns' clusters) and of its columns (by the rows'
/// clusters), into its own buffers, and the buffers are added up afterwards in tile order,
/// so the result does not depend on the thread count. The rows are sorted by label, so each
/// tile's rows and columns fall into a few runs of one cluster.
std::vector<double> cluster_distance_sums(const Matrix& xs, const std::vector<int32_t>& ls, size_t k, int threads) {
  const size_t n = xs.rows;
  const size_t blocks = (n + k_tile - 1) / k_tile;
  const std::vector<double> norms = detail::row_norms(xs.view());
  std::vector<detail::PackedCentres> column_tiles;
  for (size_t b = 0; b < blocks; ++b) {
    const size_t c0 = b * k_tile;
    column_tiles.push_back(detail::pack_centres({xs.row(c0), std::min(n, c0 + k_tile) - c0, xs.cols}));
  }
  // Tile pairs in a fixed order: (0,0), (0,1), …, (0,B-1), (1,1), …
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t i = 0; i < blocks; ++i)
    for (size_t j = i; j < blocks; ++j) pairs.emplace_back(i, j);
  std::vector<std::vector<double>> row_part(pairs.size()), col_part(pairs.size());
  parallel_for(pairs.size(), resolve_threads(threads), [&](uint64_t p, int) {
    const auto [bi, bj] = pairs[p];
    const size_t r0 = bi * k_tile, r1 = std::min(n, r0 + k_tile);
    const size_t c0 = bj * k_tile;
    const detail::PackedCentres& cols = column_tiles[bj];
    std::vector<double> tile((r1 - r0) * cols.count);
    detail::block_euclidean(xs.view(), norms, r0, r1, cols, tile.data());
    if (bi == bj)
      for (size_t i = r0; i < r1; ++i) tile[(i - r0) * cols.count + (i - c0)] = 0.0;  // not its own neighbour
    std::vector<double>& rows = row_part[p];
    rows.assign((r1 - r0) * k, 0.0);
    for (size_t i = r0; i < r1; ++i) {
      const double* d = tile.data() + (i - r0) * cols.count;
      for (size_t j = 0; j < cols.count;) {
        const int32_t label = ls[c0 + j];
        size_t end = j + 1;
        while (end < cols.count && ls[c0 + end] == label) ++end;
        rows[(i - r0) * k + static_cast<size_t>(label)] += range_sum(d + j, end - j);
        j = end;
      }
    }
    if (bi == bj) return;
    std::vector<double>& colsum = col_part[p];
    colsum.assign(cols.count * k, 0.0);
    std::vector<double> run(cols.count);
    for (size_t i = r0; i < r1;) {
      const int32_t label = ls[i];
      std::fill(run.begin(), run.end(), 0.0);
      for (; i < r1 && ls[i] == label; ++i) {
        const double* d = tile.data() + (i - r0) * cols.count;
        for (size_t j = 0; j < cols.count; ++j) run[j] += d[j];
      }
      for (size_t j = 0; j < cols.count; ++j) colsum[j * k + static_cast<size_t>(label)] += run[j];
    }
  });
  std::vector<double> sums(n * k, 0.0);
  for (size_t p = 0; p < pairs.size(); ++p) {
    const auto [bi, bj] = pairs[p];
    const size_t r0 = bi * k_tile;
    for (size_t t = 0; t < row_part[p].size(); ++t) sums[r0 * k + t] += row_part[p][t];
    const size_t c0 = bj * k_tile;
    for (size_t t = 0; t < col_part[p].size(); ++t) sums[c0 * k + t] += col_part[p][t];
  }
  return sums;
}

}  // namespace

Silhouette silhouette(MatrixView x, std::span<const int32_t> labels, int k, uint64_t sample_size, uint64_t seed,
                      int threads) {
  if (labels.size() != x.rows)
    throw InvalidInput(fmt::format("silhouette: {} labels for {} rows", labels.size(), x.rows));
  if (k < 1) throw InvalidInput(fmt::format("silhouette: k = {} must be at least 1", k));
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] < 0 || labels[i] >= k)
      throw InvalidInput(fmt::format("silhouette: label {} of row {} is outside 0..{}", labels[i], i, k - 1));
  const auto kk = static_cast<size_t>(k);
  std::vector<uint32_t> rows =
      detail::sample_without_replacement(x.rows, sample_size, derive_seed(seed, k_silhouette_stream, 0));
  // By label, then row: the distance sums run over contiguous clusters.
  std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) { return labels[a] < labels[b]; });
  const Matrix xs = take_rows(x, rows);
  std::vector<int32_t> ls(rows.size());
  std::vector<uint64_t> size(kk, 0);
  for (size_t i = 0; i < rows.size(); ++i) {
    ls[i] = labels[rows[i]];
    ++size[static_cast<size_t>(ls[i])];
  }
  const auto occupied = std::count_if(size.begin(), size.end(), [](uint64_t s) { return s > 0; });
  if (occupied < 2)
    throw InvalidInput(
        fmt::format("silhouette: the {} rows used hold {} cluster(s); it needs at least 2", rows.size(), occupied));

  const std::vector<double> sums = cluster_distance_sums(xs, ls, kk, threads);
  Silhouette out;
  out.rows_used = rows.size();
  out.sampled = rows.size() < x.rows;
  out.per_cluster.assign(kk, 0.0);
  double total = 0.0;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto own = static_cast<size_t>(ls[i]);
    double s_i = 0.0;
    if (size[own] > 1) {
      const double a = sums[i * kk + own] / static_cast<double>(size[own] - 1);
      double b = std::numeric_limits<double>::infinity();
      for (size_t c = 0; c < kk; ++c)
        if (c != own && size[c] > 0) b = std::min(b, sums[i * kk + c] / static_cast<double>(size[c]));
      const double m = std::max(a, b);
      s_i = m > 0.0 ? (b - a) / m : 0.0;
    }
    total += s_i;
    out.per_cluster[own] += s_i;
  }
  out.mean = total / static_cast<double>(rows.size());
  for (size_t c = 0; c < kk; ++c)
    if (size[c] > 0) out.per_cluster[c] /= static_cast<double>(size[c]);
  return out;
}

std::vector<std::vector<uint64_t>> contingency_table(std::span<const int32_t> a, std::span<const int32_t> b) {
  if (a.size() != b.size())
    throw InvalidInput(fmt::format("contingency table: labelings of {} and {} rows", a.size(), b.size()));
  int32_t ka = 0, kb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] < 0 || b[i] < 0)
      throw InvalidInput(fmt::format("contingency table: negative label at row {} ({}, {})", i, a[i], b[i]));
    ka = std::max(ka, a[i] + 1);
    kb = std::max(kb, b[i] + 1);
  }
  std::vector<std::vector<uint64_t>> table(static_cast<size_t>(ka), std::vector<uint64_t>(static_cast<size_t>(kb), 0));
  for (size_t i = 0; i < a.size(); ++i) ++table[static_cast<size_t>(a[i])][static_cast<size_t>(b[i])];
  return table;
}

double adjusted_rand_index(std::span<const int32_t> a, std::span<const int32_t> b) {
  const auto table = contingency_table(a, b);
  double sum_cells = 0.0;
  std::vector<double> row_sum(table.size(), 0.0);
  std::vector<double> col_sum(table.empty() ? 0 : table[0].size(), 0.0);
  for (size_t i = 0; i < table.size(); ++i)
    for (size_t j = 0; j < table[i].size(); ++j) {
      const auto c = static_cast<double>(table[i][j]);
      sum_cells += choose2(c);
      row_sum[i] += c;
      col_sum[j] += c;
    }
  double sum_rows = 0.0, sum_cols = 0.0;
  for (double r : row_sum) sum_rows += choose2(r);
  for (double c : col_sum) sum_cols += choose2(c);
  const double pairs = choose2(static_cast<double>(a.size()));
  if (pairs == 0.0) return 1.0;
  const double expected = sum_rows * sum_cols / pairs;
  const double max_index = 0.5 * (sum_rows + sum_cols);
  // Both labelings trivial (one cluster, or all singletons): identical partitions.
  if (max_index == expected) return 1.0;
  return (sum_cells - expected) / (max_index - expected);
}

std::vector<int32_t> max_weight_matching(const std::vector<std::vector<double>>& score) {
  const size_t rows = score.size();
  const size_t cols = rows == 0 ? 0 : score[0].size();
  for (const auto& r : score) FINCOACH_ASSERT(r.size() == cols);
  if (rows == 0 || cols == 0) return std::vector<int32_t>(rows, -1);
  if (rows > cols) {
    // Match columns to rows instead, then invert.
    std::vector<std::vector<double>> t(cols, std::vector<double>(rows));
    for (size_t i = 0; i < rows; ++i)
      for (size_t j = 0; j < cols; ++j) t[j][i] = score[i][j];
    const std::vector<int32_t> by_col = max_weight_matching(t);
    std::vector<int32_t> out(rows, -1);
    for (size_t j = 0; j < cols; ++j)
      if (by_col[j] >= 0) out[static_cast<size_t>(by_col[j])] = static_cast<int32_t>(j);
    return out;
  }
  // Kuhn-Munkres with potentials on costs (max - score), 1-based (e-maxx formulation).
  double top = score[0][0];
  for (const auto& r : score)
    for (double s : r) top = std::max(top, s);
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(rows + 1, 0.0), v(cols + 1, 0.0);
  std::vector<size_t> p(cols + 1, 0), way(cols + 1, 0);
  for (size_t i = 1; i <= rows; ++i) {
    p[0] = i;
    size_t j0 = 0;
    std::vector<double> minv(cols + 1, inf);
    std::vector<bool> used(cols + 1, false);
    do {
      used[j0] = true;
      const size_t i0 = p[j0];
      double delta = inf;
      size_t j1 = 0;
      for (size_t j = 1; j <= cols; ++j) {
        if (used[j]) continue;
        const double cur = (top - score[i0 - 1][j - 1]) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (size_t j = 0; j <= cols; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<int32_t> out(rows, -1);
  for (size_t j = 1; j <= cols; ++j)
    if (p[j] != 0) out[p[j] - 1] = static_cast<int32_t>(j - 1);
  return out;
}

}  // namespace fincoach::segment
