#include "fincoach/features/recurring.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/features/params.hpp"
#include "fincoach/common/parallel.hpp"
#include "window_stats.hpp"

namespace fincoach::features {

std::string_view to_string(Cadence cadence) {
  switch (cadence) {
    case Cadence::Weekly: return "weekly";
    case Cadence::Fortnightly: return "fortnightly";
    case Cadence::FourWeekly: return "four_weekly";
    case Cadence::Monthly: return "monthly";
  }
  return "unknown";
}

int cadence_days(Cadence cadence) {
  switch (cadence) {
    case Cadence::Weekly: return 7;
    case Cadence::Fortnightly: return 14;
    case Cadence::FourWeekly: return 28;
    case Cadence::Monthly: return 30;
  }
  return 0;
}

void RecurringParams::validate() const {
  if (min_occurrences < 2 || min_occurrences > 1000)
    throw InvalidInput(fmt::format("recurring.min_occurrences = {}: must be in 2..1000", min_occurrences));
  if (day_tolerance < 0 || day_tolerance > 6)
    throw InvalidInput(fmt::format("recurring.day_tolerance = {}: must be in 0..6", day_tolerance));
  if (!(amount_tolerance >= 0.0 && amount_tolerance <= 1.0))
    throw InvalidInput(fmt::format("recurring.amount_tolerance = {}: must be in [0, 1]", amount_tolerance));
  if (!(min_purity >= 0.0 && min_purity <= 1.0))
    throw InvalidInput(fmt::format("recurring.min_purity = {}: must be in [0, 1]", min_purity));
  if (!(max_mean_day_error >= 0.0 && max_mean_day_error <= day_tolerance))
    throw InvalidInput(fmt::format("recurring.max_mean_day_error = {}: must be in [0, day_tolerance]", max_mean_day_error));
  if (!(max_missed_periods > 0.0 && std::isfinite(max_missed_periods)))
    throw InvalidInput(fmt::format("recurring.max_missed_periods = {}: must be a finite number > 0", max_missed_periods));
}

ParamSet recurring_param_set(RecurringParams& params) {
  ParamSet set("recurring");
  set.add("min_occurrences", &params.min_occurrences, "fewest payments that make a recurring stream");
  set.add("day_tolerance", &params.day_tolerance, "days a payment may land before or after its expected day");
  set.add("amount_tolerance", &params.amount_tolerance, "relative amount change allowed between payments");
  set.add("min_purity", &params.min_purity, "share of a counterparty's payments a stream must hold over its span");
  set.add("max_mean_day_error", &params.max_mean_day_error, "mean distance (days) of a stream's payments from schedule");
  set.add("max_missed_periods", &params.max_missed_periods, "periods after the last payment before a stream is over");
  return set;
}

namespace {

constexpr std::array<Cadence, 4> k_cadences = {Cadence::Monthly, Cadence::FourWeekly, Cadence::Fortnightly,
                                               Cadence::Weekly};
constexpr double k_constant_amount = 0.02;
constexpr int k_max_skipped = 1;  // one missed payment does not end a stream

struct Event {
  uint32_t key;
  uint8_t credit;
  int32_t day;
  uint64_t row;
};

int32_t add_months(const CivilDate& c, int months) {
  const int total = c.year * 12 + (c.month - 1) + months;
  const int year = total / 12;
  const int month = total % 12 + 1;
  int day = c.day;
  while (day > 28 && !is_valid_civil(year, month, day)) --day;
  return days_from_civil(year, month, day);
}

int32_t expected_day(int32_t anchor, const CivilDate& anchor_civil, Cadence cadence, int k) {
  return cadence == Cadence::Monthly ? add_months(anchor_civil, k) : anchor + k * cadence_days(cadence);
}

struct Chain {
  std::vector<size_t> events;
  Cadence cadence = Cadence::Monthly;
};

bool amount_fits(int64_t previous, int64_t next, double tolerance) {
  const double p = std::abs(static_cast<double>(previous));
  return std::abs(static_cast<double>(next - previous)) <= tolerance * p + 1e-9;
}

/// The chain of `cadence` starting at events[start] in one counterparty group.
/// `deviation` receives the summed distance (days) of the chain's payments from their schedule.
void follow(const Ledger& l, const std::vector<Event>& g, const std::vector<uint8_t>& used, size_t start,
            Cadence cadence, const RecurringParams& p, std::vector<size_t>& out, int64_t& deviation) {
  out.clear();
  out.push_back(start);
  deviation = 0;
  int k = 1;
  int skipped = 0;
  size_t search_from = start + 1;
  const CivilDate anchor = civil_from_days(g[start].day);
  while (skipped <= k_max_skipped) {
    const int32_t expect = expected_day(g[start].day, anchor, cadence, k);
    size_t best = g.size();
    int32_t best_gap = p.day_tolerance + 1;
    for (size_t j = search_from; j < g.size() && g[j].day <= expect + p.day_tolerance; ++j) {
      if (used[j] || g[j].day < expect - p.day_tolerance) continue;
      if (!amount_fits(l.amount[g[out.back()].row], l.amount[g[j].row], p.amount_tolerance)) continue;
      const int32_t gap = std::abs(g[j].day - expect);
      if (gap < best_gap) {
        best_gap = gap;
        best = j;
      }
    }
    if (best == g.size()) {
      ++skipped;
    } else {
      out.push_back(best);
      deviation += best_gap;
      search_from = best + 1;
      skipped = 0;
    }
    ++k;
    if (search_from >= g.size()) break;
  }
}

int64_t median_amount(const Ledger& l, const std::vector<Event>& g, const std::vector<size_t>& events, size_t from) {
  std::vector<int64_t> a;
  for (size_t i = from; i < events.size(); ++i) a.push_back(l.amount[g[events[i]].row]);
  std::sort(a.begin(), a.end());
  return a[a.size() / 2];
}

bool acceptable(const Ledger& l, const std::vector<Event>& g, const std::vector<size_t>& chain, int64_t deviation,
                size_t unused, const RecurringParams& p) {
  if (static_cast<int>(chain.size()) < p.min_occurrences) return false;
  // Scheduled payments post on their day (or a weekend away from it); visits to a shop that
  // happen to fall near a weekly or monthly grid scatter over the whole tolerance.
  if (static_cast<double>(deviation) > p.max_mean_day_error * static_cast<double>(chain.size() - 1)) return false;
  const double median = std::abs(static_cast<double>(median_amount(l, g, chain, 0)));
  std::vector<double> spread;
  spread.reserve(chain.size());
  for (size_t i : chain) spread.push_back(std::abs(std::abs(static_cast<double>(l.amount[g[i].row])) - median) / median);
  std::sort(spread.begin(), spread.end());
  if (spread.back() <= k_constant_amount) return true;  // a fixed price: even among other payments
  // Amounts that wander like a shopping basket are not a bill, however regular the visits;
  // and a bill is most of what is paid to that counterparty.
  if (spread[spread.size() / 2] > p.amount_tolerance / 2.0) return false;
  return static_cast<double>(chain.size()) / static_cast<double>(unused) >= p.min_purity;
}

void record(const Ledger& l, const std::vector<Event>& g, const Chain& chain, uint32_t user, int32_t user_last_day,
            const RecurringParams& p, RecurringStreamTable& out) {
  const Event& first = g[chain.events.front()];
  const Event& last = g[chain.events.back()];
  const int period = cadence_days(chain.cadence);
  if (static_cast<double>(user_last_day - last.day) > p.max_missed_periods * period) return;  // over
  int32_t next = last.day + period;
  if (chain.cadence == Cadence::Monthly) {
    const CivilDate anchor = civil_from_days(first.day);
    const CivilDate at = civil_from_days(last.day);
    next = add_months(CivilDate{at.year, at.month, 1}, 1);
    const CivilDate n = civil_from_days(next);
    int day = anchor.day;
    while (day > 28 && !is_valid_civil(n.year, n.month, day)) --day;
    next = days_from_civil(n.year, n.month, day);
  }
  const uint32_t m = l.merchant[last.row];
  const bool has_merchant = !l.merchants.at(m).empty();
  out.user.push_back(user);
  out.counterparty.emplace_back(has_merchant ? l.merchants.at(m) : l.descriptions.at(l.description[last.row]));
  out.cadence.push_back(static_cast<uint8_t>(chain.cadence));
  out.category.push_back(l.category[last.row]);
  out.amount.push_back(median_amount(l, g, chain.events, 0));
  out.occurrences.push_back(static_cast<int32_t>(chain.events.size()));
  out.first_day.push_back(first.day);
  out.last_day.push_back(last.day);
  out.next_day.push_back(next);
  out.next_amount.push_back(median_amount(l, g, chain.events, chain.events.size() >= 3 ? chain.events.size() - 3 : 0));
}

void detect_group(const Ledger& l, const std::vector<Event>& g, uint32_t user, int32_t user_last_day,
                  const RecurringParams& p, RecurringStreamTable& out) {
  std::vector<uint8_t> used(g.size(), 0);
  std::vector<uint8_t> visited(g.size(), 0);
  size_t unused = g.size();
  std::vector<size_t> candidate;
  int64_t deviation = 0;
  for (;;) {
    Chain best;
    for (Cadence cadence : k_cadences) {
      // A payment already inside a chain of this cadence is not tried as a start: its own
      // chain would mostly repeat a tail of that one. Linear in the payments, not quadratic.
      std::fill(visited.begin(), visited.end(), uint8_t{0});
      for (size_t i = 0; i < g.size(); ++i) {
        if (used[i] || visited[i] || g.size() - i < static_cast<size_t>(p.min_occurrences)) continue;
        follow(l, g, used, i, cadence, p, candidate, deviation);
        for (size_t e : candidate) visited[e] = 1;
        if (candidate.size() > best.events.size() && acceptable(l, g, candidate, deviation, unused, p)) {
          best.events = candidate;
          best.cadence = cadence;
        }
      }
    }
    if (best.events.empty()) return;
    for (size_t i : best.events) used[i] = 1;
    unused -= best.events.size();
    record(l, g, best, user, user_last_day, p, out);
  }
}

void detect_user(const Ledger& l, const detail::LedgerKeys& keys, uint32_t user, const RecurringParams& p,
                 std::vector<Event>& events, RecurringStreamTable& out) {
  const uint64_t begin = l.user_begin(user);
  const uint64_t end = l.user_end(user);
  if (begin == end) return;
  events.clear();
  for (uint64_t r = begin; r < end; ++r) {
    if (l.amount[r] == 0) continue;
    const uint32_t key = keys.counterparty(l, r);
    if (key == detail::k_no_key) continue;
    events.push_back({key, static_cast<uint8_t>(l.amount[r] > 0), l.day[r], r});
  }
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.credit != b.credit) return a.credit < b.credit;
    return a.row < b.row;
  });
  const int32_t last_day = l.day[end - 1];
  std::vector<Event> group;
  for (size_t i = 0; i < events.size();) {
    size_t j = i;
    while (j < events.size() && events[j].key == events[i].key && events[j].credit == events[i].credit) ++j;
    if (static_cast<int>(j - i) >= p.min_occurrences) {
      group.assign(events.begin() + static_cast<std::ptrdiff_t>(i), events.begin() + static_cast<std::ptrdiff_t>(j));
      detect_group(l, group, user, last_day, p, out);
    }
    i = j;
  }
}

void append(RecurringStreamTable& to, RecurringStreamTable&& from, const std::vector<size_t>& order) {
  for (size_t i : order) {
    to.user.push_back(from.user[i]);
    to.counterparty.push_back(std::move(from.counterparty[i]));
    to.cadence.push_back(from.cadence[i]);
    to.category.push_back(from.category[i]);
    to.amount.push_back(from.amount[i]);
    to.occurrences.push_back(from.occurrences[i]);
    to.first_day.push_back(from.first_day[i]);
    to.last_day.push_back(from.last_day[i]);
    to.next_day.push_back(from.next_day[i]);
    to.next_amount.push_back(from.next_amount[i]);
  }
}

}  // namespace

RecurringStreamTable detect_recurring(const Ledger& ledger, const RecurringParams& params, int threads) {
  params.validate();
  const int workers = resolve_feature_threads(threads);
  const detail::LedgerKeys keys(ledger);
  // Users go in fixed blocks; each block's streams are sorted and appended in block order,
  // so the table is the same for any thread count.
  constexpr uint32_t k_block = 512;
  const uint32_t users = ledger.user_count();
  const uint32_t blocks = (users + k_block - 1) / k_block;
  std::vector<RecurringStreamTable> per_block(blocks);
  parallel_for<detail::k_user_chunk>(blocks, workers, [&](uint64_t b, int) {
    std::vector<Event> events;
    const uint32_t u_end = std::min(users, static_cast<uint32_t>((b + 1) * k_block));
    for (uint32_t u = static_cast<uint32_t>(b * k_block); u < u_end; ++u)
      detect_user(ledger, keys, u, params, events, per_block[b]);
  });
  RecurringStreamTable out;
  for (RecurringStreamTable& t : per_block) {
    std::vector<size_t> order(t.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (t.user[a] != t.user[b]) return t.user[a] < t.user[b];
      if (t.first_day[a] != t.first_day[b]) return t.first_day[a] < t.first_day[b];
      if (t.counterparty[a] != t.counterparty[b]) return t.counterparty[a] < t.counterparty[b];
      return t.amount[a] < t.amount[b];
    });
    append(out, std::move(t), order);
  }
  return out;
}

RecurringScore score_recurring(const RecurringStreamTable& detected, const std::vector<StreamTruth>& truth) {
  auto regular = [](int days) { return days == 7 || days == 14 || days == 28 || days == 30; };
  auto key = [](uint32_t user, const std::string& counterparty) { return fmt::format("{}\x1f{}", user, counterparty); };
  std::unordered_map<std::string, std::vector<size_t>> by_key;
  RecurringScore score;
  for (size_t t = 0; t < truth.size(); ++t) {
    by_key[key(truth[t].user, truth[t].counterparty)].push_back(t);
    if (regular(truth[t].cadence_days)) ++score.truth;
  }
  std::vector<uint8_t> truth_hit(truth.size(), 0);
  for (size_t d = 0; d < detected.size(); ++d) {
    const auto it = by_key.find(key(detected.user[d], detected.counterparty[d]));
    bool irregular_only = it != by_key.end();
    bool hit = false;
    if (it != by_key.end()) {
      for (size_t t : it->second) {
        if (!regular(truth[t].cadence_days)) continue;
        irregular_only = false;
        const bool same_sign = (truth[t].amount > 0) == (detected.amount[d] > 0);
        if (same_sign && truth[t].cadence_days == cadence_days(static_cast<Cadence>(detected.cadence[d]))) {
          hit = true;
          truth_hit[t] = 1;
        }
      }
    }
    if (irregular_only) continue;
    ++score.detected;
    if (hit) ++score.matched_detected;
  }
  for (size_t t = 0; t < truth.size(); ++t)
    if (truth_hit[t] && regular(truth[t].cadence_days)) ++score.matched_truth;
  return score;
}

}  // namespace fincoach::features
