#pragma once
// Distance kernels shared by seeding, Lloyd, silhouette and assignment. The block kernels
// take eight rows at a time against up to eight centres per vector (centres transposed and
// padded, so one vector operation serves every centre). The Gram kernel turns x·c into
// squared distances with precomputed norms, ||x||² − 2 x·c + ||c||² clamped at 0
// (cancellation can leave a tiny negative where x sits on c); the direct kernel sums
// (x − c)², exact for coinciding points.
//
// The kernels are compiled for several instruction sets (GCC target_clones) and picked at
// load time. distance.cpp (the direct kernel) is built without contraction, gram.cpp (the
// dot-product kernel) with fused multiply-add where available; see their headers.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "fincoach/segment/matrix.hpp"

namespace fincoach::segment::detail {

/// Rows handled per kernel call by the callers' loops (their per-block buffers stay in cache).
constexpr size_t k_block_rows = 256;

/// ||row||² of every row.
std::vector<double> row_norms(MatrixView x);

/// Centres laid out for the block kernel: transposed (cols × padded), zero-padded to a
/// multiple of 8 centres, with their squared norms.
struct PackedCentres {
  size_t count = 0;   ///< centres
  size_t padded = 0;  ///< count rounded up to a multiple of 8
  size_t cols = 0;
  std::vector<double> transposed;  ///< cols × padded
  std::vector<double> norms;       ///< count
};
PackedCentres pack_centres(MatrixView centres);

/// Squared distances of rows [begin, end) of `x` to every packed centre, written row by row
/// to out ((end - begin) × centres.count). `x_norms` holds the norms of all rows of x.
void block_distances(MatrixView x, const std::vector<double>& x_norms, size_t begin, size_t end,
                     const PackedCentres& centres, double* out);

/// The same (Gram) for the rows listed in rows[0 .. count): out is count × centres.count.
void gathered_distances(MatrixView x, const std::vector<double>& x_norms, const uint32_t* rows, size_t count,
                        const PackedCentres& centres, double* out);

/// Squared distances of rows [begin, end) of `x` to every packed centre computed directly,
/// Σ (x − c)² (exact 0 for a row on a centre), written as (end - begin) × centres.count.
void block_direct_distances(MatrixView x, size_t begin, size_t end, const PackedCentres& centres, double* out);

/// The same for the rows listed in rows[0 .. count): out is count × centres.count.
void gathered_direct_distances(MatrixView x, const uint32_t* rows, size_t count, const PackedCentres& centres,
                               double* out);

/// Euclidean distances between the rows of `a` ([a_begin, a_end)) and the packed rows of
/// `b` (b.count), written as (a_end - a_begin) × b.count: the silhouette's tile.
void block_euclidean(MatrixView a, const std::vector<double>& a_norms, size_t a_begin, size_t a_end,
                     const PackedCentres& b, double* out);

}  // namespace fincoach::segment::detail
