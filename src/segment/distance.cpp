#include "distance.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "fincoach/common/error.hpp"
#include "fincoach/segment/kmeans.hpp"
#include "kernel_common.hpp"

// Built with -ffp-contract=off: the direct kernel does the same multiplications and
// additions, in the same order, in every instruction-set variant and in the scalar loops of
// nearest_centroid() and assign(), so a served assignment equals the training label.
#define FINCOACH_SEGMENT_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))

namespace fincoach::segment {

FINCOACH_SEGMENT_CLONES
double squared_distance(const double* a, const double* b, size_t cols) {
  V8 acc = {0, 0, 0, 0, 0, 0, 0, 0};
  size_t j = 0;
  for (; j + 8 <= cols; j += 8) {
    V8 va, vb;
    std::memcpy(&va, a + j, sizeof va);
    std::memcpy(&vb, b + j, sizeof vb);
    const V8 d = va - vb;
    acc += d * d;
  }
  // A fixed summation order, the same in every variant.
  double s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  for (; j < cols; ++j) {
    const double d = a[j] - b[j];
    s += d * d;
  }
  return s;
}

namespace detail {
namespace {

using namespace kernel;

#define FINCOACH_SEGMENT_DIFF(A, X) \
  do {                              \
    const V8 d = (X)-c;             \
    A += d * d;                     \
  } while (0)

/// Squared distances Σ (x − c)² of eight rows to the eight centres of `group`, computed
/// directly: exact 0 for a row that coincides with a centre.
FINCOACH_SEGMENT_GROUP_KERNEL(FINCOACH_SEGMENT_CLONES, diff_group, FINCOACH_SEGMENT_DIFF)

}  // namespace

std::vector<double> row_norms(MatrixView x) {
  std::vector<double> norms(x.rows);
  for (size_t r = 0; r < x.rows; ++r) {
    const double* row = x.row(r);
    double s = 0.0;
    for (size_t j = 0; j < x.cols; ++j) s += row[j] * row[j];
    norms[r] = s;
  }
  return norms;
}

PackedCentres pack_centres(MatrixView centres) {
  PackedCentres p;
  p.count = centres.rows;
  p.padded = (centres.rows + k_lanes - 1) / k_lanes * k_lanes;
  p.cols = centres.cols;
  p.transposed.assign(p.cols * p.padded, 0.0);
  for (size_t j = 0; j < centres.rows; ++j)
    for (size_t t = 0; t < centres.cols; ++t) p.transposed[t * p.padded + j] = centres.at(j, t);
  p.norms = row_norms(centres);
  return p;
}

void block_direct_distances(MatrixView x, size_t begin, size_t end, const PackedCentres& centres, double* out) {
  const size_t k = centres.count;
  for_each_pair(
      diff_group, x.cols, end - begin, [&](size_t i) { return x.row(begin + i); }, centres,
      [&](size_t i, size_t centre, double d2) { out[i * k + centre] = d2; });
}

void gathered_direct_distances(MatrixView x, const uint32_t* rows, size_t count, const PackedCentres& centres,
                               double* out) {
  const size_t k = centres.count;
  for_each_pair(
      diff_group, x.cols, count, [&](size_t i) { return x.row(rows[i]); }, centres,
      [&](size_t i, size_t centre, double d2) { out[i * k + centre] = d2; });
}

}  // namespace detail
}  // namespace fincoach::segment
