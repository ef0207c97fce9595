#include "lloyd.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "distance.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/segment/kmeans.hpp"

namespace fincoach::segment::detail {
namespace {

/// Per-cluster coordinate sums and counts: the M-step's state.
struct ClusterSums {
  Matrix sums;
  std::vector<uint64_t> counts;

  ClusterSums(size_t k, size_t d) : sums(k, d), counts(k, 0) {}
  void clear() {
    std::fill(sums.values.begin(), sums.values.end(), 0.0);
    std::fill(counts.begin(), counts.end(), 0);
  }
  void add(const double* row, int32_t cluster) {
    double* s = sums.row(static_cast<size_t>(cluster));
    for (size_t j = 0; j < sums.cols; ++j) s[j] += row[j];
    ++counts[static_cast<size_t>(cluster)];
  }
  void remove(const double* row, int32_t cluster) {
    double* s = sums.row(static_cast<size_t>(cluster));
    for (size_t j = 0; j < sums.cols; ++j) s[j] -= row[j];
    --counts[static_cast<size_t>(cluster)];
  }
};

/// Sums in row order from scratch (no drift from incremental updates).
ClusterSums exact_sums(MatrixView x, const std::vector<int32_t>& labels, size_t k) {
  ClusterSums s(k, x.cols);
  for (size_t i = 0; i < x.rows; ++i) s.add(x.row(i), labels[i]);
  return s;
}

/// Centres from sums; returns the summed squared shift from `centres` (updated in place).
double move_centres(const ClusterSums& s, Matrix& centres) {
  double shift = 0.0;
  for (size_t j = 0; j < centres.rows; ++j) {
    FINCOACH_ASSERT(s.counts[j] > 0);
    const double inv = 1.0 / static_cast<double>(s.counts[j]);
    double* c = centres.row(j);
    const double* sum = s.sums.row(j);
    for (size_t t = 0; t < centres.cols; ++t) {
      const double next = sum[t] * inv;
      shift += (next - c[t]) * (next - c[t]);
      c[t] = next;
    }
  }
  return shift;
}

/// Empty clusters take the rows farthest from their centre (`dist2`: squared distance of
/// each row to its current centre), one row each, from clusters that keep at least one row
/// (scikit-learn's relocation). Moved rows are appended to `moved`. Returns the count.
int reseed_empty(MatrixView x, std::vector<int32_t>& labels, std::vector<double>& dist2, ClusterSums& s,
                 std::vector<size_t>& moved) {
  int reseeded = 0;
  for (size_t j = 0; j < s.counts.size(); ++j) {
    if (s.counts[j] > 0) continue;
    size_t far = x.rows;
    for (size_t i = 0; i < x.rows; ++i) {
      if (s.counts[static_cast<size_t>(labels[i])] < 2) continue;
      if (far == x.rows || dist2[i] > dist2[far]) far = i;
    }
    FINCOACH_ASSERT(far < x.rows);  // k ≤ rows, so some cluster has two rows
    s.remove(x.row(far), labels[far]);
    s.add(x.row(far), static_cast<int32_t>(j));
    labels[far] = static_cast<int32_t>(j);
    dist2[far] = 0.0;
    moved.push_back(far);
    ++reseeded;
  }
  return reseeded;
}

bool any_empty(const ClusterSums& s) {
  return std::any_of(s.counts.begin(), s.counts.end(), [](uint64_t c) { return c == 0; });
}

/// Keeps the nearest and second-nearest of the distances offered in turn.
struct NearestTwo {
  int32_t best = -1;
  double d1 = std::numeric_limits<double>::infinity();
  double d2 = std::numeric_limits<double>::infinity();

  void offer(int32_t centre, double d) {
    if (d < d1) {
      d2 = d1;
      d1 = d;
      best = centre;
    } else if (d < d2) {
      d2 = d;
    }
  }
};

/// Outputs of a full assignment pass; null members are not wanted.
struct PassOutputs {
  std::vector<int32_t>* labels = nullptr;  ///< nearest centre (required)
  std::vector<double>* best2 = nullptr;    ///< its squared distance (required)
  std::vector<double>* second2 = nullptr;  ///< squared distance to the second nearest
  ClusterSums* sums = nullptr;             ///< rows added in row order
};

/// One assignment pass over blocks of rows: `fill_block(begin, end, packed, block)` writes the
/// squared distances of rows [begin, end) to every centre. Returns the rows whose label changed.
template <typename FillBlock>
uint64_t blocked_pass(MatrixView x, const Matrix& centres, const PassOutputs& out, FillBlock&& fill_block) {
  const size_t k = centres.rows;
  const PackedCentres packed = pack_centres(centres.view());
  std::vector<double> block(k_block_rows * k);
  uint64_t changed = 0;
  for (size_t begin = 0; begin < x.rows; begin += k_block_rows) {
    const size_t end = std::min(x.rows, begin + k_block_rows);
    fill_block(begin, end, packed, block.data());
    for (size_t i = begin; i < end; ++i) {
      const double* d = block.data() + (i - begin) * k;
      NearestTwo near;
      for (size_t j = 0; j < k; ++j) near.offer(static_cast<int32_t>(j), d[j]);
      if ((*out.labels)[i] != near.best) ++changed;
      (*out.labels)[i] = near.best;
      (*out.best2)[i] = near.d1;
      if (out.second2 != nullptr) (*out.second2)[i] = near.d2;
      if (out.sums != nullptr) out.sums->add(x.row(i), near.best);
    }
  }
  return changed;
}

/// Every distance of every row by the direct kernel (Σ (x − c)², exact for coinciding
/// points). Returns the rows whose label changed.
uint64_t direct_pass(MatrixView x, const Matrix& centres, const PassOutputs& out) {
  return blocked_pass(x, centres, out, [&](size_t begin, size_t end, const PackedCentres& packed, double* block) {
    block_direct_distances(x, begin, end, packed, block);
  });
}

/// The same pass by the block kernel: ||x||² − 2 x·c + ||c||² over blocks of rows.
uint64_t gram_pass(MatrixView x, const std::vector<double>& norms, const Matrix& centres, const PassOutputs& out) {
  return blocked_pass(x, centres, out, [&](size_t begin, size_t end, const PackedCentres& packed, double* block) {
    block_distances(x, norms, begin, end, packed, block);
  });
}

/// Hamerly's bounds state: upper bound on the distance to the own centre, lower bound on
/// the distance to any other centre (plain distances, not squared).
struct Bounds {
  std::vector<double> upper;
  std::vector<double> lower;
};

/// Half the distance from each centre to its nearest other centre.
std::vector<double> half_separation(const Matrix& centres) {
  const size_t k = centres.rows;
  std::vector<double> s(k, std::numeric_limits<double>::infinity());
  for (size_t a = 0; a < k; ++a)
    for (size_t b = a + 1; b < k; ++b) {
      const double half = 0.5 * std::sqrt(squared_distance(centres.row(a), centres.row(b), centres.cols));
      s[a] = std::min(s[a], half);
      s[b] = std::min(s[b], half);
    }
  return s;
}

/// How far the centres moved in the last update: what loosens the bounds.
struct Shift {
  std::vector<double> by_centre;  ///< plain distances
  size_t top = 0;                 ///< the centre that moved most
  double runner_up = 0.0;         ///< the largest move of any other centre
};

Shift describe_shift(std::vector<double> by_centre) {
  Shift s;
  for (size_t j = 1; j < by_centre.size(); ++j)
    if (by_centre[j] > by_centre[s.top]) s.top = j;
  for (size_t j = 0; j < by_centre.size(); ++j)
    if (j != s.top) s.runner_up = std::max(s.runner_up, by_centre[j]);
  s.by_centre = std::move(by_centre);
  return s;
}

/// One Hamerly assignment step; moves rows between the incremental sums. Returns the count.
/// Rows whose bounds fail get all their distances from the Gram block kernel, a block of
/// them at a time, and are then updated in row order.
/// The rows whose bounds fail after the centres moved by `shift` (the bounds loosened on the
/// way), written to `todo`; returns their number. A tight loop over plain arrays: it runs
/// over every row every iteration.
size_t rows_to_check(const std::vector<int32_t>& labels, const std::vector<double>& half, const Shift& shift,
                     Bounds& bounds, std::vector<uint32_t>& todo) {
  const int32_t* label = labels.data();
  double* upper = bounds.upper.data();
  double* lower = bounds.lower.data();
  const double* moved = shift.by_centre.data();
  const double* separation = half.data();
  const double top_move = shift.by_centre[shift.top];
  uint32_t* out = todo.data();
  size_t count = 0;
  const size_t n = labels.size();
  for (size_t i = 0; i < n; ++i) {
    const auto own = static_cast<size_t>(label[i]);
    const double u = upper[i] + moved[own];
    const double l = lower[i] - (own == shift.top ? shift.runner_up : top_move);
    upper[i] = u;
    lower[i] = l;
    // Classic Hamerly first tightens the upper bound with one distance; here a row's
    // distances to eight centres cost one vector pass of the block kernel, the same as one
    // distance, so every row that fails the test goes straight to the batch.
    out[count] = static_cast<uint32_t>(i);
    count += u > std::max(separation[own], l) ? 1 : 0;
  }
  return count;
}

uint64_t hamerly_step(MatrixView x, const std::vector<double>& norms, const Matrix& centres, const Shift& shift,
                      std::vector<int32_t>& labels, Bounds& bounds, ClusterSums& s,
                      std::vector<uint32_t>& todo_buffer) {
  const size_t k = centres.rows;
  const size_t pending = rows_to_check(labels, half_separation(centres), shift, bounds, todo_buffer);
  const std::span<const uint32_t> todo(todo_buffer.data(), pending);
  const PackedCentres packed = pack_centres(centres.view());
  std::vector<double> block(k_block_rows * k);
  uint64_t changed = 0;
  for (size_t b = 0; b < todo.size(); b += k_block_rows) {
    const size_t count = std::min(k_block_rows, todo.size() - b);
    gathered_distances(x, norms, todo.data() + b, count, packed, block.data());
    for (size_t t = 0; t < count; ++t) {
      const uint32_t i = todo[b + t];
      NearestTwo near;
      for (size_t j = 0; j < k; ++j) near.offer(static_cast<int32_t>(j), block[t * k + j]);
      if (near.best != labels[i]) {
        s.remove(x.row(i), labels[i]);
        s.add(x.row(i), near.best);
        labels[i] = near.best;
        ++changed;
      }
      bounds.upper[i] = std::sqrt(near.d1);
      bounds.lower[i] = std::sqrt(near.d2);
    }
  }
  return changed;
}

/// Centres from the incremental sums, re-seeding empty clusters first. Returns the shift
/// of every centre (plain distance) and adds to *reseeds.
std::vector<double> hamerly_move(MatrixView x, Matrix& centres, std::vector<int32_t>& labels, Bounds& bounds,
                                 ClusterSums& s, int* reseeds) {
  if (any_empty(s)) {
    std::vector<double> dist2(x.rows);
    for (size_t i = 0; i < x.rows; ++i)
      dist2[i] = squared_distance(x.row(i), centres.row(static_cast<size_t>(labels[i])), x.cols);
    std::vector<size_t> moved;
    *reseeds += reseed_empty(x, labels, dist2, s, moved);
    // A moved row's bounds say nothing any more: force a full check next step.
    for (size_t i : moved) {
      bounds.upper[i] = std::numeric_limits<double>::infinity();
      bounds.lower[i] = 0.0;
    }
  }
  const Matrix before = centres;
  move_centres(s, centres);
  std::vector<double> shift(centres.rows);
  for (size_t j = 0; j < centres.rows; ++j)
    shift[j] = std::sqrt(squared_distance(before.row(j), centres.row(j), centres.cols));
  return shift;
}

/// total_ss − Σ n_j ||c_j − mean||²: the inertia of means `centres` over counts.
double inertia_from_sums(const DataStats& stats, const ClusterSums& s, const Matrix& centres) {
  double between = 0.0;
  for (size_t j = 0; j < centres.rows; ++j) {
    const double* c = centres.row(j);
    double d = 0.0;
    for (size_t t = 0; t < centres.cols; ++t) d += (c[t] - stats.mean[t]) * (c[t] - stats.mean[t]);
    between += static_cast<double>(s.counts[j]) * d;
  }
  return std::max(0.0, stats.total_ss - between);
}

}  // namespace

DataStats data_stats(MatrixView x) {
  DataStats stats;
  stats.norms = row_norms(x);
  stats.mean = column_means(x);
  for (size_t i = 0; i < x.rows; ++i) {
    const double* row = x.row(i);
    for (size_t t = 0; t < x.cols; ++t) stats.total_ss += (row[t] - stats.mean[t]) * (row[t] - stats.mean[t]);
  }
  return stats;
}

LloydOutcome finish_exact(MatrixView x, LloydOutcome out) {
  const size_t k = out.centres.rows;
  move_centres(exact_sums(x, out.labels, k), out.centres);
  out.labels = final_assignment(x, out.centres.view(), &out.inertia);
  return out;
}

std::vector<int32_t> final_assignment(MatrixView x, MatrixView centres, double* inertia) {
  Matrix c(centres.rows, centres.cols);
  std::copy(centres.data, centres.data + centres.rows * centres.cols, c.values.begin());
  std::vector<int32_t> labels(x.rows, -1);
  std::vector<double> best2(x.rows);
  direct_pass(x, c, {&labels, &best2, nullptr, nullptr});
  if (inertia != nullptr) {
    double sum = 0.0;
    for (double d : best2) sum += d;
    *inertia = sum;
  }
  return labels;
}

LloydOutcome lloyd_blocked(MatrixView x, const DataStats& stats, Matrix centres, int max_iter, double tol_abs) {
  const std::vector<double>& norms = stats.norms;
  const size_t k = centres.rows;
  LloydOutcome out;
  std::vector<int32_t> labels(x.rows, -1);
  std::vector<double> best2(x.rows);
  std::vector<size_t> moved;
  ClusterSums s(k, x.cols);
  for (int it = 1; it <= max_iter; ++it) {
    s.clear();
    const uint64_t changed = gram_pass(x, norms, centres, {&labels, &best2, nullptr, &s});
    out.reseeds += reseed_empty(x, labels, best2, s, moved);
    const double shift = move_centres(s, centres);
    out.iterations = it;
    if ((it > 1 && changed == 0) || shift <= tol_abs) {
      out.converged = true;
      break;
    }
  }
  out.inertia = inertia_from_sums(stats, s, centres);
  out.centres = std::move(centres);
  out.labels = std::move(labels);
  return out;
}

LloydOutcome lloyd_hamerly(MatrixView x, const DataStats& stats, Matrix centres, int max_iter, double tol_abs) {
  const std::vector<double>& norms = stats.norms;
  const size_t k = centres.rows;
  LloydOutcome out;
  std::vector<int32_t> labels(x.rows, -1);
  Bounds bounds{std::vector<double>(x.rows), std::vector<double>(x.rows)};
  std::vector<uint32_t> todo(x.rows);
  ClusterSums s(k, x.cols);
  gram_pass(x, norms, centres, {&labels, &bounds.upper, &bounds.lower, &s});
  for (size_t i = 0; i < x.rows; ++i) {
    bounds.upper[i] = std::sqrt(bounds.upper[i]);
    bounds.lower[i] = std::sqrt(bounds.lower[i]);
  }
  for (int it = 1; it <= max_iter; ++it) {
    const std::vector<double> shift = hamerly_move(x, centres, labels, bounds, s, &out.reseeds);
    double total = 0.0;
    for (double p : shift) total += p * p;
    out.iterations = it;
    if (total <= tol_abs) {
      out.converged = true;
      break;
    }
    if (it == max_iter) break;
    if (hamerly_step(x, norms, centres, describe_shift(shift), labels, bounds, s, todo) == 0) {
      // Same labels as this iteration: the next centres would not move.
      out.iterations = it + 1;
      out.converged = true;
      break;
    }
  }
  out.inertia = inertia_from_sums(stats, s, centres);
  out.centres = std::move(centres);
  out.labels = std::move(labels);
  return out;
}

}  // namespace fincoach::segment::detail
