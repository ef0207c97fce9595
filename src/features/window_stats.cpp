#include "window_stats.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::features::detail {
namespace {

constexpr int k_seconds_noon = 12 * 3600;
constexpr int k_seconds_evening = 18 * 3600;
constexpr double k_days_per_month = 30.4375;
constexpr int k_spending_categories = k_app_category_count - 1;  // savings is not spending

bool is_discretionary(uint8_t category) {
  switch (static_cast<AppCategory>(category)) {
    case AppCategory::DineOut:
    case AppCategory::Entertainment:
    case AppCategory::Shopping:
    case AppCategory::Other:
      return true;
    default:
      return false;
  }
}

double ratio(int64_t num, int64_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

double clamp(double v, double lo, double hi) { return std::min(hi, std::max(lo, v)); }

/// Payments of one day that belong to a burst (see the header of day_stats).
int64_t burst_rows(const Ledger& l, uint64_t a, uint64_t b, const FeatureParams& params, Scratch& scratch) {
  scratch.seconds.clear();
  int64_t untimed = 0;
  for (uint64_t r = a; r < b; ++r) {
    if (l.amount[r] >= 0 || !is_discretionary(l.category[r])) continue;
    if (l.second[r] >= 0)
      scratch.seconds.push_back(l.second[r]);
    else
      ++untimed;
  }
  int64_t bursts = untimed >= params.impulse_day_count ? untimed : 0;
  std::vector<int32_t>& s = scratch.seconds;
  if (s.size() < 2) return bursts;
  std::sort(s.begin(), s.end());
  const int32_t gap = params.impulse_gap_minutes * 60;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool near_prev = i > 0 && s[i] - s[i - 1] <= gap;
    const bool near_next = i + 1 < s.size() && s[i + 1] - s[i] <= gap;
    if (near_prev || near_next) ++bursts;
  }
  return bursts;
}

}  // namespace

void DayStats::add(const DayStats& o) {
  debit += o.debit;
  credit += o.credit;
  count += o.count;
  for (size_t c = 0; c < cat.size(); ++c) cat[c] += o.cat[c];
  pay_count += o.pay_count;
  weekday_pay += o.weekday_pay;
  weekend_pay += o.weekend_pay;
  timed_pay += o.timed_pay;
  morning_pay += o.morning_pay;
  evening_pay += o.evening_pay;
  burst_rows += o.burst_rows;
  savings_net += o.savings_net;
  pay_sq += o.pay_sq;
  balance_days += o.balance_days;
  negative_days += o.negative_days;
  balance_sum += o.balance_sum;
  balance_sq += o.balance_sq;
}

void DayStats::sub(const DayStats& o) {
  debit -= o.debit;
  credit -= o.credit;
  count -= o.count;
  for (size_t c = 0; c < cat.size(); ++c) cat[c] -= o.cat[c];
  pay_count -= o.pay_count;
  weekday_pay -= o.weekday_pay;
  weekend_pay -= o.weekend_pay;
  timed_pay -= o.timed_pay;
  morning_pay -= o.morning_pay;
  evening_pay -= o.evening_pay;
  burst_rows -= o.burst_rows;
  savings_net -= o.savings_net;
  pay_sq -= o.pay_sq;
  balance_days -= o.balance_days;
  negative_days -= o.negative_days;
  balance_sum -= o.balance_sum;
  balance_sq -= o.balance_sq;
}

LedgerKeys::LedgerKeys(const Ledger& ledger)
    : merchant_ids(ledger.merchants.size()),
      key_count(ledger.merchants.size() + ledger.descriptions.size()),
      city_count(ledger.cities.size()),
      empty_merchant(ledger.merchants.find("")),
      empty_description(ledger.descriptions.find("")),
      empty_city(ledger.cities.find("")) {}

void Scratch::prepare(const LedgerKeys& keys) {
  key_count.assign(keys.key_count, 0);
  city_count.assign(keys.city_count, 0);
}

void effective_balances(const Ledger& l, uint64_t begin, uint64_t end, std::vector<int64_t>& out) {
  out.resize(end - begin);
  int64_t running = 0;
  for (uint64_t r = begin; r < end; ++r) {
    running = l.balance[r] != k_no_balance ? l.balance[r] : running + l.amount[r];
    out[r - begin] = running;
  }
}

DayStats day_stats(const Ledger& l, uint64_t a, uint64_t b, int32_t day, std::optional<int64_t> closing,
                   const FeatureParams& params, Scratch& scratch) {
  DayStats s;
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is the weekday with Monday 0.
  const int weekday = ((day + 3) % 7 + 7) % 7;
  const bool weekend = weekday >= 5;
  for (uint64_t r = a; r < b; ++r) {
    const int64_t amount = l.amount[r];
    const uint8_t category = l.category[r];
    ++s.count;
    if (category == static_cast<uint8_t>(AppCategory::Savings)) s.savings_net -= amount;
    if (amount > 0) {
      s.credit += amount;
      continue;
    }
    if (amount == 0) continue;
    const int64_t debit = -amount;
    s.debit += debit;
    // Categories outside the 11 (a corrupt byte) are ignored, as the backend ignored them.
    if (category < k_app_category_count) s.cat[category] += debit;
    if (category == static_cast<uint8_t>(AppCategory::Savings)) continue;
    ++s.pay_count;
    (weekend ? s.weekend_pay : s.weekday_pay) += debit;
    const int32_t second = l.second[r];
    if (second >= 0) {
      s.timed_pay += debit;
      if (second < k_seconds_noon) s.morning_pay += debit;
      if (second >= k_seconds_evening) s.evening_pay += debit;
    }
  }
  if (b > a) s.burst_rows = burst_rows(l, a, b, params, scratch);
  const int128 pay = s.pay();
  s.pay_sq = pay * pay;
  if (closing) {
    s.balance_days = 1;
    s.negative_days = *closing < 0 ? 1 : 0;
    s.balance_sum = *closing;
    s.balance_sq = static_cast<int128>(*closing) * *closing;
  }
  return s;
}

int64_t large_threshold(const DayStats& baseline, const FeatureParams& params) {
  if (baseline.pay_count == 0) return 0;
  const double t = params.large_multiple * static_cast<double>(baseline.pay()) / static_cast<double>(baseline.pay_count);
  // For an integer x: x > t exactly when x > floor(t).
  return static_cast<int64_t>(std::floor(t));
}

int32_t active_goal(const GoalTable* goals, std::span<const uint32_t> user_goals, int32_t day) {
  int32_t best = -1;
  for (uint32_t g : user_goals) {
    if (goals->start_day[g] > day || goals->deadline_day[g] < day) continue;
    if (best < 0 || goals->deadline_day[g] < goals->deadline_day[static_cast<size_t>(best)]) best = static_cast<int32_t>(g);
  }
  return best;
}

double minor_scale(const Ledger& ledger) {
  static constexpr std::array<double, 7> k_powers = {1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6};
  const int d = ledger.minor_digits;
  return d >= 0 && d < static_cast<int>(k_powers.size()) ? k_powers[static_cast<size_t>(d)] : std::pow(10.0, d);
}

GoalIndex::GoalIndex(const GoalTable* goals, uint32_t users) {
  if (goals == nullptr || goals->size() == 0) return;
  offsets.assign(static_cast<size_t>(users) + 1, 0);
  for (uint32_t u : goals->user) {
    if (u >= users) throw InvalidInput("features: a goal refers to user " + std::to_string(u) + " outside the ledger");
    ++offsets[u + 1];
  }
  for (size_t u = 0; u < users; ++u) offsets[u + 1] += offsets[u];
  rows.resize(goals->size());
  std::vector<uint64_t> fill(offsets.begin(), offsets.end() - 1);
  for (uint32_t g = 0; g < goals->size(); ++g) rows[fill[goals->user[g]]++] = g;
}

void finish_legacy(const DayStats& week, std::optional<int64_t> legacy_balance, double scale, std::span<float> out) {
  const double spending = static_cast<double>(week.debit) / scale;
  const double income = static_cast<double>(week.credit) / scale;
  out[dim::current_balance] =
      static_cast<float>(legacy_balance ? static_cast<double>(*legacy_balance) / scale : 1000.0);
  out[dim::total_spending] = static_cast<float>(spending);
  out[dim::total_income] = static_cast<float>(income);
  out[dim::transaction_count] = static_cast<float>(week.count);
  for (size_t c = 0; c < k_app_category_count; ++c)
    out[dim::first_category + c] = static_cast<float>(static_cast<double>(week.cat[c]) / scale);
  out[dim::savings_rate] = static_cast<float>((income - spending) / std::max(income, 1.0));
  out[dim::spending_velocity] = static_cast<float>(spending / 7.0);
}

namespace {

/// Coefficient of variation from exact sums over n values: sqrt(n Σx² − (Σx)²) / Σx.
double exact_cv(int128 n, int128 sum, int128 sum_sq) {
  if (sum <= 0 || n <= 0) return 0.0;
  const int128 spread = n * sum_sq - sum * sum;
  if (spread <= 0) return 0.0;
  return std::sqrt(static_cast<double>(spread)) / static_cast<double>(sum);
}

double entropy_share(const DayStats& w) {
  const int64_t total = w.pay();
  if (total <= 0) return 0.0;
  double h = 0.0;
  for (size_t c = 0; c < k_app_category_count; ++c) {
    if (c == k_savings || w.cat[c] <= 0) continue;
    const double p = static_cast<double>(w.cat[c]) / static_cast<double>(total);
    h -= p * std::log2(p);
  }
  return clamp(h / std::log2(static_cast<double>(k_spending_categories)), 0.0, 1.0);
}

double budget_adherence(const DayStats& look, const DayStats& base, int64_t look_days, int64_t base_days) {
  const int64_t total = look.pay();
  if (total <= 0) return 1.0;
  if (base_days <= 0) return 1.0;
  double within = 0.0;
  for (size_t c = 0; c < k_app_category_count; ++c) {
    if (c == k_savings || look.cat[c] <= 0) continue;
    const double budget = static_cast<double>(base.cat[c]) * static_cast<double>(look_days) / static_cast<double>(base_days);
    within += std::min(static_cast<double>(look.cat[c]), budget);
  }
  return clamp(within / static_cast<double>(total), 0.0, 1.0);
}

void block_features(const StateInputs& in, double& consistency, double& savings) {
  consistency = 1.0;
  savings = 0.0;
  if (in.blocks <= 0) return;
  int128 sum = 0;
  int128 sum_sq = 0;
  int saved = 0;
  for (int j = 0; j < in.blocks; ++j) {
    sum += in.block_pay[static_cast<size_t>(j)];
    sum_sq += static_cast<int128>(in.block_pay[static_cast<size_t>(j)]) * in.block_pay[static_cast<size_t>(j)];
    if (in.block_savings[static_cast<size_t>(j)] > 0) ++saved;
  }
  savings = static_cast<double>(saved) / in.blocks;
  if (in.blocks >= 2) consistency = 1.0 / (1.0 + exact_cv(in.blocks, sum, sum_sq));
}

void goal_block(const StateInputs& in, const GoalTable* goals, double income_per_day, double scale,
                std::span<float> out) {
  std::fill(out.begin(), out.end(), 0.0f);
  if (in.goal < 0) return;
  const size_t g = static_cast<size_t>(in.goal);
  const double target = static_cast<double>(goals->target_amount[g]) / scale;
  const double saved = static_cast<double>(in.goal_saved) / scale;
  const int32_t start = goals->start_day[g];
  const int32_t deadline = goals->deadline_day[g];
  const double income = std::max(income_per_day, 1.0);
  const double days_left = std::max(1.0, static_cast<double>(deadline - in.as_of));
  const double elapsed = static_cast<double>(in.as_of - start + 1);
  out[0] = 1.0f;
  out[1] = static_cast<float>(target > 0.0 ? clamp(saved / target, -1.0, 2.0) : 1.0);
  out[2] = static_cast<float>(clamp(std::max(target - saved, 0.0) / days_left / income, 0.0, 5.0));
  out[3] = static_cast<float>(clamp(saved / elapsed / income, -5.0, 5.0));
  out[4] = static_cast<float>(
      clamp(static_cast<double>(in.as_of - start) / std::max(1.0, static_cast<double>(deadline - start)), 0.0, 1.0));
}

/// sin and cos of 2πk/n for k < n, computed once (the panel asks millions of times).
template <int N>
const std::array<std::array<float, 2>, N>& unit_circle() {
  static const std::array<std::array<float, 2>, N> table = [] {
    std::array<std::array<float, 2>, N> t{};
    for (int k = 0; k < N; ++k) {
      const double angle = 2.0 * std::numbers::pi * k / N;
      t[static_cast<size_t>(k)] = {static_cast<float>(std::sin(angle)), static_cast<float>(std::cos(angle))};
    }
    return t;
  }();
  return table;
}

void temporal_block(const StateInputs& in, const FeatureParams& params, std::span<float> out) {
  const int32_t cap = params.max_days_since_purchase;
  const int64_t since = in.last_pay_day == k_no_day ? cap : std::min<int64_t>(cap, in.as_of - in.last_pay_day);
  const auto& weekday = unit_circle<7>()[static_cast<size_t>(weekday_from_days(in.as_of))];
  const auto& month = unit_circle<12>()[static_cast<size_t>(civil_from_days(in.as_of).month - 1)];
  out[0] = static_cast<float>(since);
  out[1] = weekday[0];
  out[2] = weekday[1];
  out[3] = month[0];
  out[4] = month[1];
}

}  // namespace

void finish_state(const StateInputs& in, const Ledger& ledger, const GoalTable* goals, int32_t segment,
                  const FeatureParams& params, std::span<float> out, std::span<uint8_t> missing,
                  std::span<float, 3> peer) {
  const double scale = minor_scale(ledger);
  std::fill(out.begin(), out.end(), 0.0f);
  std::fill(missing.begin(), missing.end(), uint8_t{0});
  finish_legacy(in.week, in.legacy_balance, scale, out);

  const DayStats& w = in.lookback;
  const DayStats& base = in.baseline;
  const int64_t look_days = observed_days(in.as_of, in.first_day, params.lookback_days);
  const int64_t base_days = observed_days(in.as_of, in.first_day, params.baseline_days);
  const int64_t pay = w.pay();
  const double pay_major = static_cast<double>(pay) / scale;
  const double income_major = static_cast<double>(w.credit) / scale;
  const double base_pay_per_day = base_days > 0 ? static_cast<double>(base.pay()) / scale / static_cast<double>(base_days) : 0.0;
  const double monthly_pay = base_pay_per_day * k_days_per_month;

  out[dim::weekday_spending_ratio] = static_cast<float>(ratio(w.weekday_pay, pay));
  out[dim::weekend_spending_ratio] = static_cast<float>(ratio(w.weekend_pay, pay));
  out[dim::morning_spending_ratio] = static_cast<float>(ratio(w.morning_pay, w.timed_pay));
  out[dim::evening_spending_ratio] = static_cast<float>(ratio(w.evening_pay, w.timed_pay));
  missing[dim::morning_spending_ratio] = missing[dim::evening_spending_ratio] = w.timed_pay == 0 ? 1 : 0;
  const double volatility = exact_cv(look_days, pay, w.pay_sq);
  out[dim::spending_volatility] = static_cast<float>(volatility);
  out[dim::large_transaction_ratio] = static_cast<float>(ratio(in.large_count, w.pay_count));
  out[dim::impulse_buying_score] = static_cast<float>(ratio(w.burst_rows, w.pay_count));
  out[dim::category_diversity] = static_cast<float>(entropy_share(w));
  double consistency = 1.0;
  double savings_consistency = 0.0;
  block_features(in, consistency, savings_consistency);
  out[dim::spending_consistency] = static_cast<float>(consistency);
  out[dim::budget_adherence_score] = static_cast<float>(budget_adherence(w, base, look_days, base_days));
  out[dim::savings_consistency] = static_cast<float>(savings_consistency);

  const double cap = params.emergency_cap_months;
  double buffer_months = 0.0;
  if (in.balance) {
    buffer_months = clamp(static_cast<double>(*in.balance) / scale / std::max(monthly_pay, 1.0), -cap, cap);
    out[dim::emergency_fund_ratio] = static_cast<float>(buffer_months);
  } else {
    missing[dim::emergency_fund_ratio] = 1;
  }
  const double debt = ratio(w.negative_days, w.balance_days);
  out[dim::debt_indicator] = static_cast<float>(debt);
  if (in.key_n > 0)
    out[dim::merchant_loyalty_score] =
        static_cast<float>(static_cast<double>(in.key_sq) / (static_cast<double>(in.key_n) * static_cast<double>(in.key_n)));
  else
    missing[dim::merchant_loyalty_score] = 1;
  if (in.city_n > 0)
    out[dim::location_diversity] = static_cast<float>(
        1.0 - static_cast<double>(in.city_sq) / (static_cast<double>(in.city_n) * static_cast<double>(in.city_n)));
  else
    missing[dim::location_diversity] = 1;
  double seasonal = 1.0;
  if (base_pay_per_day > 0.0 && look_days > 0)
    seasonal = clamp(pay_major / static_cast<double>(look_days) / base_pay_per_day, 0.0, 10.0);
  out[dim::seasonal_spending_factor] = static_cast<float>(seasonal);
  double balance_std = 0.0;
  if (w.balance_days >= 2) {
    const int128 spread = static_cast<int128>(w.balance_days) * w.balance_sq - w.balance_sum * w.balance_sum;
    if (spread > 0)
      balance_std = std::sqrt(static_cast<double>(spread)) / static_cast<double>(w.balance_days) / scale;
  }
  out[dim::balance_volatility] = static_cast<float>(clamp(balance_std / std::max(monthly_pay, 1.0), 0.0, 100.0));
  const double overspend = clamp((pay_major - income_major) / std::max(pay_major, 1.0), 0.0, 1.0);
  const double low_buffer = in.balance ? clamp(1.0 - buffer_months, 0.0, 1.0) : 0.0;
  out[dim::financial_stress_indicator] = static_cast<float>((overspend + low_buffer + debt) / 3.0);

  const EnhancedLayout layout(params.segment_count);
  if (segment >= 0 && segment < params.segment_count) out[layout.segment_begin + static_cast<size_t>(segment)] = 1.0f;
  for (size_t k = 0; k < k_peer_dims; ++k) out[layout.peer_begin + k] = 0.5f;
  peer[0] = static_cast<float>(pay_major);
  peer[1] = static_cast<float>((income_major - pay_major) / std::max(income_major, 1.0));
  peer[2] = static_cast<float>(volatility);

  const double income_per_day = base_days > 0 ? static_cast<double>(base.credit) / scale / static_cast<double>(base_days) : 0.0;
  goal_block(in, goals, income_per_day, scale, out.subspan(layout.goal_begin, k_goal_dims));
  temporal_block(in, params, out.subspan(layout.temporal_begin, k_temporal_dims));
}

}  // namespace fincoach::features::detail
