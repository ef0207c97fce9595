#include "fincoach/features/panel.hpp"

#include <algorithm>
#include <numeric>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/parallel.hpp"
#include "state_scan.hpp"

namespace fincoach::features {

using detail::DayStats;
using detail::Scratch;
using detail::StateInputs;

int32_t week_end_on_or_after(int32_t day) { return day + (6 - weekday_from_days(day)); }

namespace {

struct PanelShape {
  std::vector<uint64_t> offsets{0};
  std::vector<int32_t> first_week;
};

PanelShape panel_shape(const Ledger& ledger) {
  PanelShape shape;
  shape.offsets.resize(static_cast<size_t>(ledger.user_count()) + 1, 0);
  shape.first_week.resize(ledger.user_count(), 0);
  for (uint32_t u = 0; u < ledger.user_count(); ++u) {
    const uint64_t begin = ledger.user_begin(u);
    const uint64_t end = ledger.user_end(u);
    uint64_t weeks = 0;
    if (begin < end) {
      shape.first_week[u] = week_end_on_or_after(ledger.day[begin]);
      weeks = static_cast<uint64_t>((week_end_on_or_after(ledger.day[end - 1]) - shape.first_week[u]) / 7 + 1);
    }
    shape.offsets[u + 1] = shape.offsets[u] + weeks;
  }
  return shape;
}

WeeklyPanel empty_panel(const Ledger& ledger, const FeatureParams& params, const PanelShape& shape) {
  WeeklyPanel panel;
  panel.matrix.schema = enhanced_schema(params);
  panel.matrix.resize(shape.offsets.back());
  panel.user_offsets = shape.offsets;
  panel.week_end.resize(shape.offsets.back());
  for (uint32_t u = 0; u < ledger.user_count(); ++u)
    for (uint64_t r = shape.offsets[u]; r < shape.offsets[u + 1]; ++r)
      panel.week_end[r] = shape.first_week[u] + static_cast<int32_t>(7 * (r - shape.offsets[u]));
  return panel;
}

void check_segments(const Ledger& ledger, const FeatureContext& context, const FeatureParams& params) {
  params.validate();
  if (context.segment.empty()) return;
  if (context.segment.size() != ledger.user_count())
    throw InvalidInput("weekly panel: " + std::to_string(context.segment.size()) + " segment assignments for " +
                       std::to_string(ledger.user_count()) + " users");
  for (int32_t s : context.segment)
    if (s < -1 || s >= params.segment_count)
      throw InvalidInput("weekly panel: segment " + std::to_string(s) + " outside -1.." +
                         std::to_string(params.segment_count - 1));
}

/// Ranks every row among the rows of the same week and segment.
void rank_panel_peers(WeeklyPanel& panel, const std::vector<float>& peers, const FeatureContext& context,
                      const FeatureParams& params) {
  if (context.segment.empty()) return;
  std::vector<int32_t> row_segment(panel.rows(), -1);
  for (size_t u = 0; u + 1 < panel.user_offsets.size(); ++u)
    for (uint64_t r = panel.user_offsets[u]; r < panel.user_offsets[u + 1]; ++r) row_segment[r] = context.segment[u];
  std::vector<uint64_t> order(panel.rows());
  std::iota(order.begin(), order.end(), uint64_t{0});
  std::sort(order.begin(), order.end(), [&](uint64_t a, uint64_t b) {
    if (panel.week_end[a] != panel.week_end[b]) return panel.week_end[a] < panel.week_end[b];
    if (row_segment[a] != row_segment[b]) return row_segment[a] < row_segment[b];
    return a < b;
  });
  const EnhancedLayout layout(params.segment_count);
  std::vector<float> sorted;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && panel.week_end[order[j]] == panel.week_end[order[i]] &&
           row_segment[order[j]] == row_segment[order[i]])
      ++j;
    if (row_segment[order[i]] >= 0) {
      for (size_t k = 0; k < k_peer_dims; ++k) {
        sorted.clear();
        for (size_t x = i; x < j; ++x) sorted.push_back(peers[order[x] * 3 + k]);
        std::sort(sorted.begin(), sorted.end());
        for (size_t x = i; x < j; ++x) {
          const float v = peers[order[x] * 3 + k];
          const auto lo = std::lower_bound(sorted.begin(), sorted.end(), v);
          const auto hi = std::upper_bound(lo, sorted.end(), v);
          const double pct = (static_cast<double>(lo - sorted.begin()) + 0.5 * static_cast<double>(hi - lo)) /
                             static_cast<double>(sorted.size());
          panel.matrix.values[order[x] * panel.matrix.cols() + layout.peer_begin + k] = static_cast<float>(pct);
        }
      }
    }
    i = j;
  }
}

/// Running sums over one user's days: prefix[i] = Σ stats of days first..first+i.
class DayPrefix {
 public:
  DayPrefix(std::vector<DayStats>& storage, int32_t first) : p_(storage), first_(first) {}
  /// Σ over days ≤ day.
  const DayStats& upto(int32_t day) const {
    if (day < first_) return zero_;
    const size_t i = static_cast<size_t>(day - first_);
    return p_[std::min(i, p_.size() - 1)];
  }
  /// out = Σ over the `length` days ending on `day`.
  void window(int32_t day, int length, DayStats& out) const {
    out = upto(day);
    out.sub(upto(day - length));
  }
  /// Only the sums finish_state() reads from the baseline.
  void baseline(int32_t day, int length, DayStats& out) const {
    const DayStats& a = upto(day);
    const DayStats& b = upto(day - length);
    out.debit = a.debit - b.debit;
    out.credit = a.credit - b.credit;
    out.pay_count = a.pay_count - b.pay_count;
    for (size_t c = 0; c < out.cat.size(); ++c) out.cat[c] = a.cat[c] - b.cat[c];
  }
  /// Payments and savings debits of the 7 days ending on `day`.
  void block(int32_t day, int64_t& pay, int64_t& savings) const {
    const DayStats& a = upto(day);
    const DayStats& b = upto(day - 7);
    pay = a.pay() - b.pay();
    savings = a.cat[detail::k_savings] - b.cat[detail::k_savings];
  }

 private:
  const std::vector<DayStats>& p_;
  int32_t first_;
  DayStats zero_;
};

/// Fills scratch.prefix with the running sums of the user's days first..last_day.
void build_prefix(const Ledger& l, uint64_t begin, uint64_t end, int32_t last_day, const FeatureParams& params,
                  Scratch& scratch) {
  const int32_t first = l.day[begin];
  scratch.prefix.resize(static_cast<size_t>(last_day - first + 1));
  DayStats running;
  uint64_t r = begin;
  int64_t closing = 0;
  for (int32_t d = first; d <= last_day; ++d) {
    if (r < end && l.day[r] == d) {
      uint64_t r2 = r;
      while (r2 < end && l.day[r2] == d) ++r2;
      closing = scratch.balance[r2 - 1 - begin];
      running.add(detail::day_stats(l, r, r2, d, closing, params, scratch));
      r = r2;
    } else {
      detail::add_balance_run(running, 1, closing);
    }
    scratch.prefix[static_cast<size_t>(d - first)] = running;
  }
}

struct Counts {
  uint64_t n = 0;
  uint64_t sq = 0;
  void add(std::vector<uint32_t>& count, uint32_t key) {
    if (key == detail::k_no_key) return;
    sq += 2 * static_cast<uint64_t>(count[key]++) + 1;
    ++n;
  }
  void remove(std::vector<uint32_t>& count, uint32_t key) {
    if (key == detail::k_no_key) return;
    sq -= 2 * static_cast<uint64_t>(--count[key]) + 1;
    --n;
  }
};

void incremental_user(const detail::ScanContext& ctx, uint32_t user, std::span<const uint32_t> user_goals,
                      int32_t segment, WeeklyPanel& panel, std::vector<float>& peers, Scratch& scratch) {
  const Ledger& l = ctx.ledger;
  const FeatureParams& p = ctx.params;
  const uint64_t begin = l.user_begin(user);
  const uint64_t end = l.user_end(user);
  const uint64_t row0 = panel.user_offsets[user];
  const uint64_t rows = panel.user_offsets[user + 1] - row0;
  if (rows == 0) return;
  const int32_t first = l.day[begin];
  const int32_t last_week = panel.week_end[row0 + rows - 1];
  detail::effective_balances(l, begin, end, scratch.balance);
  scratch.pay.resize(end - begin);
  for (uint64_t r = begin; r < end; ++r) scratch.pay[r - begin] = detail::is_payment(l, r) ? -l.amount[r] : 0;
  build_prefix(l, begin, end, last_week, p, scratch);
  const DayPrefix prefix(scratch.prefix, first);
  const int blocks = detail::block_count(p);
  const size_t cols = panel.matrix.cols();
  Counts keys;
  Counts cities;
  uint64_t lo = begin;
  uint64_t hi = begin;
  int32_t last_pay = detail::k_no_day;
  for (uint64_t w = 0; w < rows; ++w) {
    const int32_t D = panel.week_end[row0 + w];
    for (; hi < end && l.day[hi] <= D; ++hi) {  // rows entering the lookback
      if (!detail::is_payment(l, hi)) continue;
      last_pay = l.day[hi];
      keys.add(scratch.key_count, ctx.keys.counterparty(l, hi));
      cities.add(scratch.city_count, ctx.keys.city(l, hi));
    }
    for (; lo < hi && l.day[lo] <= D - p.lookback_days; ++lo) {  // rows leaving it
      if (!detail::is_payment(l, lo)) continue;
      keys.remove(scratch.key_count, ctx.keys.counterparty(l, lo));
      cities.remove(scratch.city_count, ctx.keys.city(l, lo));
    }
    StateInputs& in = scratch.inputs;
    in.reset();
    in.as_of = D;
    in.first_day = first;
    prefix.window(D, 7, in.week);
    prefix.window(D, p.lookback_days, in.lookback);
    prefix.baseline(D, p.baseline_days, in.baseline);
    in.balance = scratch.balance[hi - 1 - begin];
    if (l.day[hi - 1] >= D - 6)
      in.legacy_balance = l.balance[hi - 1] != k_no_balance ? l.balance[hi - 1] : scratch.balance[hi - 1 - begin];
    // The threshold moves with the baseline every week, so the share is recounted over the
    // lookback's payments (one comparison each); every other statistic slides.
    const int64_t threshold = detail::large_threshold(in.baseline, p);
    const int64_t* pay = scratch.pay.data() - begin;
    int64_t large = 0;
    for (uint64_t r = lo; r < hi; ++r) large += pay[r] > threshold ? 1 : 0;
    in.large_count = large;
    in.key_n = keys.n;
    in.key_sq = keys.sq;
    in.city_n = cities.n;
    in.city_sq = cities.sq;
    in.last_pay_day = last_pay != detail::k_no_day && last_pay >= D - p.max_days_since_purchase ? last_pay : detail::k_no_day;
    in.blocks = static_cast<int>(std::min<int64_t>(blocks, (static_cast<int64_t>(D) - first) / 7 + 1));
    for (int j = 0; j < in.blocks; ++j)
      prefix.block(D - 7 * j, in.block_pay[static_cast<size_t>(j)], in.block_savings[static_cast<size_t>(j)]);
    if (ctx.goals != nullptr) {
      in.goal = detail::active_goal(ctx.goals, user_goals, D);
      if (in.goal >= 0)
        in.goal_saved = prefix.upto(D).savings_net -
                        prefix.upto(ctx.goals->start_day[static_cast<size_t>(in.goal)] - 1).savings_net;
    }
    const uint64_t row = row0 + w;
    detail::finish_state(in, l, ctx.goals, segment, p, std::span<float>(panel.matrix.values.data() + row * cols, cols),
                         std::span<uint8_t>(panel.matrix.missing.data() + row * cols, cols),
                         std::span<float, 3>(peers.data() + row * 3, 3));
  }
  for (; lo < hi; ++lo) {  // leave the counters at zero for the next user
    if (!detail::is_payment(l, lo)) continue;
    keys.remove(scratch.key_count, ctx.keys.counterparty(l, lo));
    cities.remove(scratch.city_count, ctx.keys.city(l, lo));
  }
}

template <typename PerUser>
WeeklyPanel run_panel(const Ledger& ledger, const FeatureContext& context, const FeatureParams& params,
                      PerUser&& per_user) {
  check_segments(ledger, context, params);
  const int workers = resolve_feature_threads(params.threads);
  const PanelShape shape = panel_shape(ledger);
  WeeklyPanel panel = empty_panel(ledger, params, shape);
  const detail::LedgerKeys keys(ledger);
  const detail::GoalIndex goal_index(context.goals, ledger.user_count());
  const detail::ScanContext ctx{ledger, params, keys, context.goals};
  std::vector<float> peers(panel.rows() * 3, 0.0f);
  std::vector<Scratch> scratch(static_cast<size_t>(workers));
  for (Scratch& s : scratch) s.prepare(keys);
  parallel_for<detail::k_user_chunk>(ledger.user_count(), workers, [&](uint64_t u, int worker) {
    const uint32_t user = static_cast<uint32_t>(u);
    const int32_t segment = context.segment.empty() ? -1 : context.segment[user];
    per_user(ctx, user, goal_index.of(user), segment, panel, peers, scratch[static_cast<size_t>(worker)]);
  });
  rank_panel_peers(panel, peers, context, params);
  return panel;
}

void scratch_user(const detail::ScanContext& ctx, uint32_t user, std::span<const uint32_t> user_goals,
                  int32_t segment, WeeklyPanel& panel, std::vector<float>& peers, Scratch& scratch) {
  const size_t cols = panel.matrix.cols();
  for (uint64_t row = panel.user_offsets[user]; row < panel.user_offsets[user + 1]; ++row) {
    StateInputs in;
    detail::scan_state(ctx, user, user_goals, panel.week_end[row], scratch, in);
    detail::finish_state(in, ctx.ledger, ctx.goals, segment, ctx.params,
                         std::span<float>(panel.matrix.values.data() + row * cols, cols),
                         std::span<uint8_t>(panel.matrix.missing.data() + row * cols, cols),
                         std::span<float, 3>(peers.data() + row * 3, 3));
  }
}

}  // namespace

WeeklyPanel build_weekly_panel(const Ledger& ledger, const FeatureContext& context, const FeatureParams& params) {
  return run_panel(ledger, context, params, incremental_user);
}

WeeklyPanel build_weekly_panel_from_scratch(const Ledger& ledger, const FeatureContext& context,
                                            const FeatureParams& params) {
  return run_panel(ledger, context, params, scratch_user);
}

}  // namespace fincoach::features
