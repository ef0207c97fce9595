#include "fincoach/features/extract.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "fincoach/common/error.hpp"
#include "fincoach/common/parallel.hpp"
#include "peers.hpp"
#include "state_scan.hpp"

namespace fincoach::features {

using detail::DayStats;
using detail::Scratch;
using detail::StateInputs;

void FeatureMatrix::resize(size_t row_count) {
  rows = row_count;
  values.assign(rows * cols(), 0.0f);
  missing.assign(rows * cols(), 0);
}

int32_t last_ledger_day(const Ledger& ledger) {
  if (ledger.rows() == 0) return 0;
  return *std::max_element(ledger.day.begin(), ledger.day.end());
}

double PeerReference::percentile(int segment, size_t k, double value) const {
  if (segment < 0 || static_cast<size_t>(segment) >= sorted.size()) return 0.5;
  const std::vector<float>& v = sorted[static_cast<size_t>(segment)][k];
  if (v.empty()) return 0.5;
  const float x = static_cast<float>(value);
  const auto lo = std::lower_bound(v.begin(), v.end(), x);
  const auto hi = std::upper_bound(lo, v.end(), x);
  const double below = static_cast<double>(lo - v.begin());
  const double equal = static_cast<double>(hi - lo);
  return (below + 0.5 * equal) / static_cast<double>(v.size());
}

PeerReference build_peer_reference(std::span<const float> peer_values, const std::vector<int32_t>& segment,
                                   int segment_count) {
  if (peer_values.size() != segment.size() * 3)
    throw InvalidInput(fmt::format("peer reference: {} peer values for {} users (3 each expected)", peer_values.size(),
                                   segment.size()));
  PeerReference ref;
  ref.sorted.resize(static_cast<size_t>(segment_count));
  for (size_t u = 0; u < segment.size(); ++u) {
    const int32_t s = segment[u];
    if (s < 0 || s >= segment_count) continue;
    for (size_t k = 0; k < 3; ++k) ref.sorted[static_cast<size_t>(s)][k].push_back(peer_values[u * 3 + k]);
  }
  for (auto& per_segment : ref.sorted)
    for (auto& v : per_segment) std::sort(v.begin(), v.end());
  return ref;
}

namespace {

void check_context(const Ledger& ledger, const FeatureContext& context, const FeatureParams& params) {
  params.validate();
  if (!context.segment.empty()) {
    if (context.segment.size() != ledger.user_count())
      throw InvalidInput(fmt::format("features: {} segment assignments for {} users", context.segment.size(),
                                     ledger.user_count()));
    for (size_t u = 0; u < context.segment.size(); ++u)
      if (context.segment[u] < -1 || context.segment[u] >= params.segment_count)
        throw InvalidInput(fmt::format("features: user {} has segment {}, outside -1..{}", u, context.segment[u],
                                       params.segment_count - 1));
  }
}

int32_t segment_of(const FeatureContext& context, uint32_t user) {
  return context.segment.empty() ? -1 : context.segment[user];
}

}  // namespace

FeatureMatrix extract_legacy17(const Ledger& ledger, int32_t as_of_day, int threads) {
  const int workers = resolve_feature_threads(threads);
  FeatureMatrix m;
  m.schema = legacy17_schema();
  m.resize(ledger.user_count());
  const double scale = detail::minor_scale(ledger);
  FeatureParams params;  // burst settings are irrelevant to the 17 dims
  std::vector<Scratch> scratch(static_cast<size_t>(workers));
  parallel_for<detail::k_user_chunk>(ledger.user_count(), workers, [&](uint64_t u, int worker) {
    const uint64_t begin = ledger.user_begin(static_cast<uint32_t>(u));
    const uint64_t end = ledger.user_end(static_cast<uint32_t>(u));
    const uint64_t lo = detail::first_row_on_or_after(ledger, begin, end, as_of_day - 6);
    const uint64_t hi = detail::first_row_on_or_after(ledger, lo, end, as_of_day + 1);
    DayStats week;
    for (uint64_t r = lo; r < hi;) {  // legacy dims never read balances or bursts
      uint64_t r2 = r;
      while (r2 < hi && ledger.day[r2] == ledger.day[r]) ++r2;
      week.add(detail::day_stats(ledger, r, r2, ledger.day[r], std::nullopt, params, scratch[static_cast<size_t>(worker)]));
      r = r2;
    }
    std::optional<int64_t> balance;
    if (hi > lo) {
      if (ledger.balance[hi - 1] != k_no_balance) {
        balance = ledger.balance[hi - 1];
      } else {
        std::vector<int64_t>& eff = scratch[static_cast<size_t>(worker)].balance;
        detail::effective_balances(ledger, begin, hi, eff);
        balance = eff.back();
      }
    }
    detail::finish_legacy(week, balance, scale, std::span<float>(m.values.data() + u * m.cols(), m.cols()));
  });
  return m;
}

FeatureMatrix extract_enhanced(const Ledger& ledger, const FeatureContext& context, const FeatureParams& params,
                               int32_t as_of_day, std::vector<float>* peer_values) {
  check_context(ledger, context, params);
  const int workers = resolve_feature_threads(params.threads);
  FeatureMatrix m;
  m.schema = enhanced_schema(params);
  m.resize(ledger.user_count());
  const detail::LedgerKeys keys(ledger);
  const detail::GoalIndex goal_index(context.goals, ledger.user_count());
  const detail::ScanContext ctx{ledger, params, keys, context.goals};
  std::vector<float> peers(static_cast<size_t>(ledger.user_count()) * 3, 0.0f);
  std::vector<Scratch> scratch(static_cast<size_t>(workers));
  for (Scratch& s : scratch) s.prepare(keys);
  const size_t cols = m.cols();
  parallel_for<detail::k_user_chunk>(ledger.user_count(), workers, [&](uint64_t u, int worker) {
    const uint32_t user = static_cast<uint32_t>(u);
    StateInputs in;
    detail::scan_state(ctx, user, goal_index.of(user), as_of_day, scratch[static_cast<size_t>(worker)], in);
    detail::finish_state(in, ledger, context.goals, segment_of(context, user), params,
                         std::span<float>(m.values.data() + u * cols, cols),
                         std::span<uint8_t>(m.missing.data() + u * cols, cols),
                         std::span<float, 3>(peers.data() + u * 3, 3));
  });
  if (!context.segment.empty()) {
    const PeerReference ref = build_peer_reference(peers, context.segment, params.segment_count);
    detail::fill_peer_block(m, peers, context.segment, ref, params);
  }
  if (peer_values != nullptr) *peer_values = std::move(peers);
  return m;
}

void user_enhanced_state(const Ledger& ledger, uint32_t user, const FeatureContext& context,
                         const FeatureParams& params, int32_t as_of_day, std::span<float> out,
                         std::span<uint8_t> missing) {
  params.validate();
  const EnhancedLayout layout(params.segment_count);
  if (out.size() != layout.size || missing.size() != layout.size)
    throw InvalidInput(fmt::format("user_enhanced_state: buffers of {} and {} values, {} expected", out.size(),
                                   missing.size(), layout.size));
  if (user >= ledger.user_count())
    throw InvalidInput(fmt::format("user_enhanced_state: user {} of {}", user, ledger.user_count()));
  const detail::LedgerKeys keys(ledger);
  std::vector<uint32_t> goals;
  if (context.goals != nullptr)
    for (uint32_t g = 0; g < context.goals->size(); ++g)
      if (context.goals->user[g] == user) goals.push_back(g);
  Scratch scratch;  // no dictionary-sized counters: this call costs the user's rows only
  const detail::ScanContext ctx{ledger, params, keys, context.goals};
  StateInputs in;
  detail::scan_state(ctx, user, goals, as_of_day, scratch, in);
  const int32_t segment = segment_of(context, user);
  std::array<float, 3> peer{};
  detail::finish_state(in, ledger, context.goals, segment, params, out, missing, peer);
  if (context.peers != nullptr)
    for (size_t k = 0; k < k_peer_dims; ++k)
      out[layout.peer_begin + k] = static_cast<float>(context.peers->percentile(segment, k, peer[k]));
}

}  // namespace fincoach::features
