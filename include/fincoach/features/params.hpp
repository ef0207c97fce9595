#pragma once
// Tunables of feature extraction (config section [features]). Every window is a number of
// whole days ending with the as-of day; docs/features.md defines each feature against them.

#include "fincoach/common/params.hpp"

namespace fincoach::features {

struct FeatureParams {
  /// Days behind the behavioural block (the seed's lookback_days, 30); at least 14, so that
  /// the window holds two 7-day blocks for the consistency features; at most 364 (52 blocks).
  int lookback_days = 30;
  /// Days behind the user's own baselines (typical debit, category rates, spending rate);
  /// at least lookback_days.
  int baseline_days = 365;
  /// A debit is large when it exceeds this multiple of the user's mean debit over the
  /// baseline window (> 1).
  double large_multiple = 3.0;
  /// Two timed discretionary payments at most this many minutes apart on one day form a
  /// burst (1..1440).
  int impulse_gap_minutes = 60;
  /// On a day whose payments carry no time, this many discretionary payments or more form a
  /// burst (at least 2).
  int impulse_day_count = 3;
  /// emergency_fund_ratio is clamped to ±this many months of spending (> 0).
  double emergency_cap_months = 24.0;
  /// days_since_last_purchase is capped at this many days (at least 1).
  int max_days_since_purchase = 365;
  /// Dimensions of the segment one-hot block (1..64); the segmentation's k.
  int segment_count = 5;
  /// Worker threads (0: every core). The output is identical for any value. Not a config
  /// key: it is the program's global --threads.
  int threads = 0;

  /// Throws InvalidInput naming the field and the bad value.
  void validate() const;
};

/// Binds the fields (threads excepted) to the "features" config section and command flags.
ParamSet feature_param_set(FeatureParams& params);

/// Worker threads for a requested count (0: every core), at least 1.
int resolve_feature_threads(int requested);

}  // namespace fincoach::features
