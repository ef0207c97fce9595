#pragma once
// The from-scratch computation of one user's state at one as-of day: a scan of the rows in
// the baseline window. Used for single snapshots (where it is the fast path: one window per
// user) and as the reference the incremental weekly panel is tested against.

#include <span>

#include "window_stats.hpp"

namespace fincoach::features::detail {

struct ScanContext {
  const Ledger& ledger;
  const FeatureParams& params;
  const LedgerKeys& keys;
  const GoalTable* goals = nullptr;
};

/// Fills `in` for user at as_of.
void scan_state(const ScanContext& ctx, uint32_t user, std::span<const uint32_t> user_goals, int32_t as_of,
                Scratch& scratch, StateInputs& in);

/// Adds `days` days closing at `balance` to a window's balance statistics.
void add_balance_run(DayStats& window, int64_t days, int64_t balance);

/// First row of [begin, end) with day ≥ day (rows are sorted by day).
uint64_t first_row_on_or_after(const Ledger& ledger, uint64_t begin, uint64_t end, int32_t day);

}  // namespace fincoach::features::detail
