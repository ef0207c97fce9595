#include "peers.hpp"

namespace fincoach::features::detail {

void fill_peer_block(FeatureMatrix& m, std::span<const float> peers, const std::vector<int32_t>& segment,
                     const PeerReference& ref, const FeatureParams& params) {
  const EnhancedLayout layout(params.segment_count);
  for (size_t r = 0; r < m.rows; ++r)
    for (size_t k = 0; k < k_peer_dims; ++k)
      m.values[r * m.cols() + layout.peer_begin + k] =
          static_cast<float>(ref.percentile(segment[r], k, peers[r * 3 + k]));
}

}  // namespace fincoach::features::detail
