#pragma once

#include <cstdint>
#include <vector>

#include "fincoach/segment/matrix.hpp"
#include "fincoach/segment/params.hpp"

namespace fincoach::segment::detail {

/// k-means++ centres, the rows' squared norms precomputed (the checks are the caller's).
Matrix seed_centres(MatrixView x, const std::vector<double>& norms, int k, Seeding seeding, int local_trials,
                    uint64_t seed);

}  // namespace fincoach::segment::detail
