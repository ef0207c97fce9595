#pragma once
// The weekly panel: every user's enhanced state at every week end (Sunday), for offline RL
// trajectories and temporal validation. Computed incrementally: one pass over each user's
// days keeps running sums for the 7-day, lookback and baseline windows and running counts
// for the merchant and city mixes, so a week costs what entered and left its windows.

#include <cstdint>
#include <vector>

#include "fincoach/common/ledger.hpp"
#include "fincoach/features/extract.hpp"

namespace fincoach::features {

struct WeeklyPanel {
  /// One row per (user, week end), users in ledger order, weeks ascending.
  FeatureMatrix matrix;
  /// Rows of user u are [user_offsets[u], user_offsets[u + 1]).
  std::vector<uint64_t> user_offsets{0};
  /// The week end (a Sunday, days since epoch) of each row.
  std::vector<int32_t> week_end;

  size_t rows() const { return matrix.rows; }
  bool operator==(const WeeklyPanel&) const = default;
};

/// The Sunday on or after `day` (pandas resample('W') labels).
int32_t week_end_on_or_after(int32_t day);

/// Week ends of a user: every Sunday from the one on or after the user's first posting day
/// through the one on or after the last. A user without rows has none.
/// The peer block ranks each user among the same segment's users of the same week.
WeeklyPanel build_weekly_panel(const Ledger& ledger, const FeatureContext& context, const FeatureParams& params);

/// The same panel computed the slow way, every week from scratch (user_enhanced_state-style
/// scans): the reference of the differential test and the benchmark.
WeeklyPanel build_weekly_panel_from_scratch(const Ledger& ledger, const FeatureContext& context,
                                            const FeatureParams& params);

}  // namespace fincoach::features
