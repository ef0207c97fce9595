#pragma once
// The peer block: each user's mid-rank percentile within their segment, filled after every
// user's own state exists.

#include <span>
#include <vector>

#include "fincoach/features/extract.hpp"

namespace fincoach::features::detail {

/// Sets the peer dims of every row of `m` whose user (row index) has a segment.
void fill_peer_block(FeatureMatrix& m, std::span<const float> peers, const std::vector<int32_t>& segment,
                     const PeerReference& ref, const FeatureParams& params);

}  // namespace fincoach::features::detail
