#include "sampling.hpp"

#include <algorithm>
#include <numeric>

#include "fincoach/common/error.hpp"
#include "rng.hpp"

namespace fincoach::segment::detail {

std::vector<uint32_t> sample_without_replacement(uint64_t n, uint64_t count, uint64_t seed) {
  FINCOACH_ASSERT(n <= UINT32_MAX);
  std::vector<uint32_t> index(n);
  std::iota(index.begin(), index.end(), 0u);
  if (count >= n) return index;
  Rng rng(seed);
  for (uint64_t i = 0; i < count; ++i) std::swap(index[i], index[i + rng.below(n - i)]);
  index.resize(count);
  std::sort(index.begin(), index.end());
  return index;
}

std::vector<uint32_t> sample_with_replacement(uint64_t n, uint64_t seed) {
  FINCOACH_ASSERT(n <= UINT32_MAX);
  Rng rng(seed);
  std::vector<uint32_t> index(n);
  for (uint32_t& i : index) i = static_cast<uint32_t>(rng.below(n));
  return index;
}

}  // namespace fincoach::segment::detail
