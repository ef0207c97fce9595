#include "state_scan.hpp"

#include <algorithm>

namespace fincoach::features::detail {

void add_balance_run(DayStats& window, int64_t days, int64_t balance) {
  if (days <= 0) return;
  window.balance_days += days;
  if (balance < 0) window.negative_days += days;
  window.balance_sum += static_cast<int128>(days) * balance;
  window.balance_sq += static_cast<int128>(days) * balance * balance;
}

uint64_t first_row_on_or_after(const Ledger& l, uint64_t begin, uint64_t end, int32_t day) {
  const auto it = std::lower_bound(l.day.begin() + static_cast<std::ptrdiff_t>(begin),
                                   l.day.begin() + static_cast<std::ptrdiff_t>(end), day);
  return static_cast<uint64_t>(it - l.day.begin());
}

namespace {

/// Adds the balance-only days [from, to] (inclusive, no rows) to the lookback and the week
/// (the baseline's balance statistics are never read).
void add_quiet_days(StateInputs& in, int32_t from, int32_t to, int64_t balance, const FeatureParams& p) {
  if (from > to) return;
  const int32_t D = in.as_of;
  auto overlap = [&](int32_t window_start) {
    const int32_t a = std::max(from, window_start);
    return to >= a ? static_cast<int64_t>(to) - a + 1 : 0;
  };
  add_balance_run(in.lookback, overlap(D - p.lookback_days + 1), balance);
  add_balance_run(in.week, overlap(D - 6), balance);
}

/// The baseline days before the lookback: only the sums finish_state() reads from the
/// baseline (debits per category, payments, credits).
void scan_baseline_only(const Ledger& l, uint64_t r, uint64_t end, DayStats& baseline) {
  for (; r < end; ++r) {
    const int64_t amount = l.amount[r];
    const uint8_t category = l.category[r];
    if (amount > 0) {
      baseline.credit += amount;
      continue;
    }
    if (amount == 0 || category >= k_app_category_count) continue;
    baseline.debit -= amount;
    baseline.cat[category] -= amount;
    if (category != k_savings) ++baseline.pay_count;
  }
}

void scan_days(const ScanContext& ctx, uint64_t begin, uint64_t hi, int32_t as_of, Scratch& scratch,
               StateInputs& in) {
  const Ledger& l = ctx.ledger;
  const FeatureParams& p = ctx.params;
  const int32_t look_start = as_of - p.lookback_days + 1;
  const int32_t week_start = as_of - 6;
  const int blocks = block_count(p);
  const uint64_t base_lo = first_row_on_or_after(l, begin, hi, as_of - p.baseline_days + 1);
  uint64_t r = first_row_on_or_after(l, base_lo, hi, look_start);
  scan_baseline_only(l, base_lo, r, in.baseline);
  std::optional<int64_t> carried;
  if (r > begin) carried = scratch.balance[r - 1 - begin];
  int32_t next_quiet = std::max(look_start, in.first_day);  // first day not yet accounted for
  while (r < hi) {
    const int32_t d = l.day[r];
    uint64_t r2 = r;
    while (r2 < hi && l.day[r2] == d) ++r2;
    if (carried) add_quiet_days(in, next_quiet, d - 1, *carried, p);
    carried = scratch.balance[r2 - 1 - begin];
    const DayStats s = day_stats(l, r, r2, d, carried, p, scratch);
    in.baseline.add(s);
    in.lookback.add(s);
    if (d >= week_start) in.week.add(s);
    const int j = (as_of - d) / 7;
    if (j < blocks) {
      in.block_pay[static_cast<size_t>(j)] += s.pay();
      in.block_savings[static_cast<size_t>(j)] += s.cat[k_savings];
    }
    next_quiet = d + 1;
    r = r2;
  }
  if (carried) add_quiet_days(in, next_quiet, as_of, *carried, p);
}

/// Σ n² over the runs of equal values of a sorted copy of `keys` (n = run length).
uint64_t sum_of_squared_counts(std::vector<uint32_t>& keys) {
  std::sort(keys.begin(), keys.end());
  uint64_t sq = 0;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    sq += static_cast<uint64_t>(j - i) * (j - i);
    i = j;
  }
  return sq;
}

void scan_lookback_rows(const ScanContext& ctx, uint64_t lo, uint64_t hi, int64_t threshold, Scratch& scratch,
                        StateInputs& in) {
  const Ledger& l = ctx.ledger;
  // With dictionary-sized counters (population calls) a count is one increment; without them
  // (one-user calls, which must not allocate per dictionary entry) the keys are sorted.
  const bool counters = !scratch.key_count.empty() || !scratch.city_count.empty();
  scratch.key_list.clear();
  scratch.city_list.clear();
  for (uint64_t r = lo; r < hi; ++r) {
    if (!is_payment(l, r)) continue;
    if (-l.amount[r] > threshold) ++in.large_count;
    const uint32_t key = ctx.keys.counterparty(l, r);
    if (key != k_no_key) {
      ++in.key_n;
      if (counters)
        in.key_sq += 2 * static_cast<uint64_t>(scratch.key_count[key]++) + 1;
      else
        scratch.key_list.push_back(key);
    }
    const uint32_t city = ctx.keys.city(l, r);
    if (city != k_no_key) {
      ++in.city_n;
      if (counters)
        in.city_sq += 2 * static_cast<uint64_t>(scratch.city_count[city]++) + 1;
      else
        scratch.city_list.push_back(city);
    }
  }
  if (!counters) {
    in.key_sq = sum_of_squared_counts(scratch.key_list);
    in.city_sq = sum_of_squared_counts(scratch.city_list);
    return;
  }
  for (uint64_t r = lo; r < hi; ++r) {  // leave the counters at zero for the next call
    const uint32_t key = ctx.keys.counterparty(l, r);
    if (key != k_no_key) scratch.key_count[key] = 0;
    const uint32_t city = ctx.keys.city(l, r);
    if (city != k_no_key) scratch.city_count[city] = 0;
  }
}

}  // namespace

void scan_state(const ScanContext& ctx, uint32_t user, std::span<const uint32_t> user_goals, int32_t as_of,
                Scratch& scratch, StateInputs& in) {
  const Ledger& l = ctx.ledger;
  const FeatureParams& p = ctx.params;
  in = StateInputs{};
  in.as_of = as_of;
  const uint64_t begin = l.user_begin(user);
  const uint64_t end = l.user_end(user);
  in.first_day = begin < end ? l.day[begin] : as_of + 1;
  const uint64_t hi = first_row_on_or_after(l, begin, end, as_of + 1);
  if (ctx.goals != nullptr) in.goal = active_goal(ctx.goals, user_goals, as_of);
  if (hi == begin) return;  // no history up to as_of: only the goal and temporal context

  effective_balances(l, begin, hi, scratch.balance);
  in.balance = scratch.balance[hi - 1 - begin];
  if (l.day[hi - 1] >= as_of - 6)
    in.legacy_balance = l.balance[hi - 1] != k_no_balance ? l.balance[hi - 1] : scratch.balance[hi - 1 - begin];
  const int64_t weeks_seen = (static_cast<int64_t>(as_of) - in.first_day) / 7 + 1;
  in.blocks = static_cast<int>(std::min<int64_t>(block_count(p), weeks_seen));

  scan_days(ctx, begin, hi, as_of, scratch, in);
  const uint64_t look_lo = first_row_on_or_after(l, begin, hi, as_of - p.lookback_days + 1);
  scan_lookback_rows(ctx, look_lo, hi, large_threshold(in.baseline, p), scratch, in);

  const int32_t oldest = as_of - p.max_days_since_purchase;
  for (uint64_t r = hi; r > begin && l.day[r - 1] >= oldest; --r) {
    if (is_payment(l, r - 1)) {
      in.last_pay_day = l.day[r - 1];
      break;
    }
  }
  if (in.goal >= 0) {
    const uint64_t from = first_row_on_or_after(l, begin, hi, ctx.goals->start_day[static_cast<size_t>(in.goal)]);
    for (uint64_t r = from; r < hi; ++r)
      if (l.category[r] == static_cast<uint8_t>(AppCategory::Savings)) in.goal_saved -= l.amount[r];
  }
}

}  // namespace fincoach::features::detail
