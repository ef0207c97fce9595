// The dot-product (Gram) kernels: squared distances as ||x||² − 2 x·c + ||c||². They serve
// the blocked assignment, Hamerly's recomputations, the seeding and the silhouette, where a
// last-bit difference cannot change a result that matters. Built with -ffp-contract=fast, so
// the AVX-512 and Haswell variants fuse the multiply-add; results are identical for any
// thread count on one machine, and may differ in the last bits between CPUs with and
// without FMA.

#include <algorithm>
#include <cmath>

#include "distance.hpp"
#include "kernel_common.hpp"

#define FINCOACH_SEGMENT_FMA_CLONES __attribute__((target_clones("avx512f", "arch=haswell", "default")))

namespace fincoach::segment::detail {
namespace {

using namespace kernel;

#define FINCOACH_SEGMENT_DOT(A, X) A += (X)*c

/// Dot products of eight rows with the eight centres of `group`: acc[r][lane].
FINCOACH_SEGMENT_GROUP_KERNEL(FINCOACH_SEGMENT_FMA_CLONES, dot_group, FINCOACH_SEGMENT_DOT)

}  // namespace

void block_distances(MatrixView x, const std::vector<double>& x_norms, size_t begin, size_t end,
                     const PackedCentres& centres, double* out) {
  const size_t k = centres.count;
  for_each_pair(
      dot_group, x.cols, end - begin, [&](size_t i) { return x.row(begin + i); }, centres,
      [&](size_t i, size_t centre, double dot) {
        out[i * k + centre] = std::max(0.0, x_norms[begin + i] - 2.0 * dot + centres.norms[centre]);
      });
}

void gathered_distances(MatrixView x, const std::vector<double>& x_norms, const uint32_t* rows, size_t count,
                        const PackedCentres& centres, double* out) {
  const size_t k = centres.count;
  for_each_pair(
      dot_group, x.cols, count, [&](size_t i) { return x.row(rows[i]); }, centres,
      [&](size_t i, size_t centre, double dot) {
        out[i * k + centre] = std::max(0.0, x_norms[rows[i]] - 2.0 * dot + centres.norms[centre]);
      });
}

void block_euclidean(MatrixView a, const std::vector<double>& a_norms, size_t a_begin, size_t a_end,
                     const PackedCentres& b, double* out) {
  const size_t m = b.count;
  for_each_pair(
      dot_group, a.cols, a_end - a_begin, [&](size_t i) { return a.row(a_begin + i); }, b,
      [&](size_t i, size_t col, double dot) {
        out[i * m + col] = std::sqrt(std::max(0.0, a_norms[a_begin + i] - 2.0 * dot + b.norms[col]));
      });
}

}  // namespace fincoach::segment::detail
