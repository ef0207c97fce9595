#pragma once
// What the two kernel files share: the eight-double vector, the eight-row by eight-centre
// tile, and the loop that walks rows and centre groups through a tile kernel. Private to
// distance.cpp (direct kernel, no contraction) and gram.cpp (dot-product kernel, fused
// multiply-add where the CPU has it).

#include <algorithm>
#include <cstddef>
#include <cstring>

#include "distance.hpp"
#include "fincoach/common/error.hpp"

// One vector of eight doubles: the compiler lowers it to whatever the clone's instruction
// set offers (one AVX-512 register, two AVX2 registers, four SSE2 registers).
using V8 = double __attribute__((vector_size(64)));

namespace fincoach::segment::detail::kernel {

constexpr size_t k_lanes = 8;
/// Rows per kernel call: eight independent accumulators hide the latency of the additions.
constexpr size_t k_rows = 8;

using Accumulators = double (*)[k_lanes];

// The eight accumulators are spelled out: a loop over them would live in memory, not in
// registers, at -O2.
#define FINCOACH_SEGMENT_GROUP_KERNEL(CLONES, NAME, UPDATE)                                                \
  CLONES                                                                                                   \
  void NAME(const double* const* rows, size_t cols, const double* transposed, size_t padded, size_t group, \
            Accumulators acc) {                                                                            \
    const V8 zero = {0, 0, 0, 0, 0, 0, 0, 0};                                                              \
    V8 a0 = zero, a1 = zero, a2 = zero, a3 = zero, a4 = zero, a5 = zero, a6 = zero, a7 = zero;             \
    const double *r0 = rows[0], *r1 = rows[1], *r2 = rows[2], *r3 = rows[3];                               \
    const double *r4 = rows[4], *r5 = rows[5], *r6 = rows[6], *r7 = rows[7];                               \
    for (size_t t = 0; t < cols; ++t) {                                                                    \
      V8 c;                                                                                                \
      std::memcpy(&c, transposed + t * padded + group, sizeof c);                                          \
      UPDATE(a0, r0[t]);                                                                                   \
      UPDATE(a1, r1[t]);                                                                                   \
      UPDATE(a2, r2[t]);                                                                                   \
      UPDATE(a3, r3[t]);                                                                                   \
      UPDATE(a4, r4[t]);                                                                                   \
      UPDATE(a5, r5[t]);                                                                                   \
      UPDATE(a6, r6[t]);                                                                                   \
      UPDATE(a7, r7[t]);                                                                                   \
    }                                                                                                      \
    const V8 out[k_rows] = {a0, a1, a2, a3, a4, a5, a6, a7};                                               \
    for (size_t r = 0; r < k_rows; ++r) std::memcpy(acc[r], &out[r], sizeof out[r]);                       \
  }

#define FINCOACH_SEGMENT_DOT(A, X) A += (X)*c
#define FINCOACH_SEGMENT_DIFF(A, X) \
  do {                              \
    const V8 d = (X)-c;             \
    A += d * d;                     \
  } while (0)

using GroupKernel = void (*)(const double* const*, size_t, const double*, size_t, size_t, Accumulators);

/// Calls emit(i, centre, value) for every i in [0, count) and centre, where row i is
/// row_of(i) and value is the kernel's output (a dot product or a squared distance).
template <typename RowOf, typename Emit>
void for_each_pair(GroupKernel kernel, size_t cols, size_t count, RowOf&& row_of, const PackedCentres& c, Emit&& emit) {
  FINCOACH_ASSERT(cols == c.cols);
  double acc[k_rows][k_lanes];
  const double* rows[k_rows];
  for (size_t i = 0; i < count; i += k_rows) {
    const size_t n = std::min(k_rows, count - i);
    // Missing rows of a short group repeat the first; their results are dropped.
    for (size_t r = 0; r < k_rows; ++r) rows[r] = row_of(i + (r < n ? r : 0));
    for (size_t g = 0; g < c.padded; g += k_lanes) {
      kernel(rows, cols, c.transposed.data(), c.padded, g, acc);
      const size_t lanes = std::min(k_lanes, c.count - g);
      for (size_t r = 0; r < n; ++r)
        for (size_t l = 0; l < lanes; ++l) emit(i + r, g + l, acc[r][l]);
    }
  }
}

}  // namespace fincoach::segment::detail::kernel
