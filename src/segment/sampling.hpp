#pragma once
// Seeded row samples: the k-selection, Ward, bootstrap, silhouette and scatter samples.

#include <cstdint>
#include <vector>

namespace fincoach::segment::detail {

/// `count` distinct row indices of [0, n) drawn uniformly with `seed` (partial Fisher-Yates),
/// sorted ascending. All rows, in order, when count ≥ n.
std::vector<uint32_t> sample_without_replacement(uint64_t n, uint64_t count, uint64_t seed);

/// `n` row indices of [0, n) drawn with replacement with `seed` (a bootstrap resample), in
/// draw order.
std::vector<uint32_t> sample_with_replacement(uint64_t n, uint64_t seed);

}  // namespace fincoach::segment::detail
