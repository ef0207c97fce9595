#pragma once
// Per-user state vectors at an as-of day: the original backend's 17-dim weekly state
// (legacy17) and the enhanced state (the 17, the plan's 18 behavioural dims, then the
// segment, peer, goal and temporal context). Every window is a run of whole days ending
// with the as-of day, evaluated as the backend would at the very end of that day.
// Definitions: docs/features.md. No NaN or infinity ever leaves these functions.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "fincoach/common/ledger.hpp"
#include "fincoach/common/population.hpp"
#include "fincoach/features/params.hpp"
#include "fincoach/features/schema.hpp"

namespace fincoach::features {

/// The 1000.0 the backend reports as the balance of a user with no transaction in the window.
constexpr double k_legacy_default_balance = 1000.0;

/// A row-major matrix of feature values with a per-cell "missing" flag: a missing cell holds
/// its documented finite default, and the feature pipeline imputes it (median) instead.
struct FeatureMatrix {
  FeatureSchema schema;
  size_t rows = 0;
  std::vector<float> values;     ///< rows × schema.size()
  std::vector<uint8_t> missing;  ///< rows × schema.size(); 1: the value is a stand-in

  size_t cols() const { return schema.size(); }
  float at(size_t row, size_t col) const { return values[row * cols() + col]; }
  std::span<const float> row(size_t r) const { return {values.data() + r * cols(), cols()}; }
  std::span<const uint8_t> row_missing(size_t r) const { return {missing.data() + r * cols(), cols()}; }
  /// Allocates rows × cols zeros (and no missing flags).
  void resize(size_t row_count);
  bool operator==(const FeatureMatrix&) const = default;
};

/// Percentile references of the peer block: per segment, the sorted values of total
/// lookback spending, lookback savings rate and spending volatility of its members.
struct PeerReference {
  /// [segment][k] sorted ascending; k = 0 spending, 1 savings rate, 2 volatility.
  std::vector<std::array<std::vector<float>, 3>> sorted;

  bool empty() const { return sorted.empty(); }
  /// Mid-rank percentile of `value` among segment `segment`'s k-th values, in [0, 1]; 0.5 when
  /// the segment is unknown or has no members.
  double percentile(int segment, size_t k, double value) const;
};

/// What the ledger alone does not say about a user.
struct FeatureContext {
  /// Segment of each ledger user (-1: none). Empty until a segmentation exists; the segment
  /// one-hot is then all zeros and every peer percentile 0.5.
  std::vector<int32_t> segment;
  /// Savings goals (Population::goals). nullptr: no goals (the goal block is zeros).
  const GoalTable* goals = nullptr;
  /// For single-user calls: the peers to rank against. Population calls rank against the
  /// users being extracted and ignore it.
  const PeerReference* peers = nullptr;
};

/// The latest posting day of the ledger (0 for an empty ledger): the default as-of day.
int32_t last_ledger_day(const Ledger& ledger);

/// The backend's 17-dim state for every ledger user (row u = user u) over the 7 days ending
/// with `as_of_day`. Throws InvalidInput when threads < 0.
FeatureMatrix extract_legacy17(const Ledger& ledger, int32_t as_of_day, int threads = 0);

/// The enhanced state for every ledger user (row u = user u). Throws InvalidInput on bad
/// params or a segment vector of the wrong size or with a segment ≥ segment_count.
/// `peer_values`, when given, receives each user's three peer metrics (lookback spending,
/// lookback savings rate, spending volatility; users × 3), the input of build_peer_reference.
FeatureMatrix extract_enhanced(const Ledger& ledger, const FeatureContext& context, const FeatureParams& params,
                               int32_t as_of_day, std::vector<float>* peer_values = nullptr);

/// The enhanced state of one user, ranked against context.peers (0.5 when null): the cheap
/// call a server makes for one request. `out` must have enhanced_schema(params).size()
/// entries; `missing` likewise.
void user_enhanced_state(const Ledger& ledger, uint32_t user, const FeatureContext& context,
                         const FeatureParams& params, int32_t as_of_day, std::span<float> out,
                         std::span<uint8_t> missing);

/// Builds the peer reference from the users' peer metrics (users × 3, see extract_enhanced)
/// and segments (-1: left out). Throws InvalidInput on a size mismatch.
PeerReference build_peer_reference(std::span<const float> peer_values, const std::vector<int32_t>& segment,
                                   int segment_count);

}  // namespace fincoach::features
