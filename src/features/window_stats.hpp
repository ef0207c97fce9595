#pragma once
// The arithmetic both state computations share. A window's statistics are sums of per-day
// statistics in exact integers (minor units, counts, 128-bit squares), so the from-scratch
// scan and the incremental running sums give identical inputs, and finish_state() turns
// them into features the same way for both.

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "fincoach/common/category.hpp"
#include "fincoach/common/ledger.hpp"
#include "fincoach/common/population.hpp"
#include "fincoach/features/params.hpp"
#include "fincoach/features/schema.hpp"

namespace fincoach::features::detail {

__extension__ typedef __int128 int128;

constexpr int32_t k_no_day = std::numeric_limits<int32_t>::min();
/// Users handed to a worker at a time by parallel_for: users are many and cheap.
constexpr uint64_t k_user_chunk = 256;
constexpr uint32_t k_no_key = std::numeric_limits<uint32_t>::max();
constexpr size_t k_savings = static_cast<size_t>(AppCategory::Savings);

/// Summable statistics of one day (or, summed, of a window of days).
struct DayStats {
  int64_t debit = 0;   ///< Σ −amount over debits (the backend's spending)
  int64_t credit = 0;  ///< Σ amount over credits
  int64_t count = 0;   ///< rows
  std::array<int64_t, k_app_category_count> cat{};  ///< debits per category
  // "Payments": debits outside the savings category (money spent, not put aside).
  int64_t pay_count = 0;
  int64_t weekday_pay = 0;
  int64_t weekend_pay = 0;
  int64_t timed_pay = 0;
  int64_t morning_pay = 0;
  int64_t evening_pay = 0;
  int64_t burst_rows = 0;     ///< payments in a discretionary burst
  int64_t savings_net = 0;    ///< Σ −amount over savings-category rows (debits +, credits −)
  int128 pay_sq = 0;          ///< Σ over days of (day's payments)²
  int64_t balance_days = 0;   ///< days with a known closing balance
  int64_t negative_days = 0;  ///< of which closed below zero
  int128 balance_sum = 0;
  int128 balance_sq = 0;

  int64_t pay() const { return debit - cat[k_savings]; }
  void add(const DayStats& o);
  void sub(const DayStats& o);
};

/// What a ledger says about its string columns, looked up once per extraction.
struct LedgerKeys {
  uint32_t merchant_ids = 0;  ///< counterparty keys: merchant ids, then merchant_ids + description id
  uint32_t key_count = 0;
  uint32_t city_count = 0;
  std::optional<uint32_t> empty_merchant;
  std::optional<uint32_t> empty_description;
  std::optional<uint32_t> empty_city;
  explicit LedgerKeys(const Ledger& ledger);
  /// The merchant, else the description, else k_no_key.
  uint32_t counterparty(const Ledger& ledger, uint64_t row) const {
    const uint32_t m = ledger.merchant[row];
    if (empty_merchant != m) return m;
    const uint32_t d = ledger.description[row];
    return empty_description != d ? merchant_ids + d : k_no_key;
  }
  uint32_t city(const Ledger& ledger, uint64_t row) const {
    const uint32_t c = ledger.city[row];
    return empty_city == c ? k_no_key : c;
  }
};

struct Scratch;

/// Effective balance after each row of [begin, end): the ledger's balance when present, else
/// the previous effective balance plus the amount (opening balance 0 when none is known).
void effective_balances(const Ledger& ledger, uint64_t begin, uint64_t end, std::vector<int64_t>& out);

/// Statistics of one day with rows [a, b) of one user (possibly none) whose closing balance
/// is `closing` (nullopt: unknown).
DayStats day_stats(const Ledger& ledger, uint64_t a, uint64_t b, int32_t day, std::optional<int64_t> closing,
                   const FeatureParams& params, Scratch& scratch);

/// A debit outside the savings category: money spent, not put aside.
inline bool is_payment(const Ledger& ledger, uint64_t row) {
  return ledger.amount[row] < 0 && ledger.category[row] != static_cast<uint8_t>(AppCategory::Savings);
}

/// Most 7-day blocks of the lookback (lookback_days ≤ 7 × this).
constexpr int k_max_blocks = 52;

/// Everything finish_state() needs besides the three window sums. Of `baseline` only debit,
/// credit, cat and pay_count are read.
struct StateInputs {
  int32_t as_of = 0;
  int32_t first_day = 0;           ///< the user's first posting day
  DayStats week;                   ///< the 7 days ending on as_of
  DayStats lookback;               ///< lookback_days
  DayStats baseline;               ///< baseline_days
  std::optional<int64_t> legacy_balance;   ///< balance of the week's last row (nullopt: no row)
  std::optional<int64_t> balance;          ///< closing balance of as_of (nullopt: unknown)
  int64_t large_count = 0;
  uint64_t key_n = 0, key_sq = 0;    ///< counterparty counts over lookback payments
  uint64_t city_n = 0, city_sq = 0;  ///< city counts over lookback payments
  int32_t last_pay_day = k_no_day;
  std::array<int64_t, k_max_blocks> block_pay{};
  std::array<int64_t, k_max_blocks> block_savings{};
  int blocks = 0;                    ///< valid 7-day blocks (ending on or after first_day)
  int32_t goal = -1;                 ///< active goal (GoalTable row), -1: none
  int64_t goal_saved = 0;            ///< net savings from the goal's start through as_of

  /// Back to the initial state, without clearing the block arrays (only [0, blocks) is read).
  void reset() {
    week = lookback = baseline = DayStats{};
    legacy_balance.reset();
    balance.reset();
    large_count = 0;
    key_n = key_sq = city_n = city_sq = 0;
    last_pay_day = k_no_day;
    blocks = 0;
    goal = -1;
    goal_saved = 0;
  }
};

/// Per-worker buffers, reused from user to user so the hot loops never allocate.
struct Scratch {
  std::vector<int64_t> balance;  ///< effective balance after each of the user's rows
  std::vector<int64_t> pay;      ///< −amount of each of the user's rows that is a payment, else 0
  std::vector<int32_t> seconds;
  std::vector<uint32_t> key_count;   ///< per counterparty key; empty: count by sorting
  std::vector<uint32_t> city_count;
  std::vector<DayStats> prefix;
  std::vector<uint32_t> goals;
  std::vector<uint32_t> key_list;   ///< one-user calls: the lookback's counterparties
  std::vector<uint32_t> city_list;  ///< one-user calls: the lookback's cities
  StateInputs inputs;
  void prepare(const LedgerKeys& keys);
};

/// Number of whole 7-day blocks in the lookback.
inline int block_count(const FeatureParams& p) { return p.lookback_days / 7; }
/// Days of a window of `length` ending on as_of that fall on or after first_day.
inline int64_t observed_days(int32_t as_of, int32_t first_day, int length) {
  const int64_t d = static_cast<int64_t>(as_of) - first_day + 1;
  return d <= 0 ? 0 : (d < length ? d : length);
}
/// The large-payment threshold (minor units) from the baseline, as an integer: a payment is
/// large when its minor units exceed it (exactly "amount > large_multiple × mean").
int64_t large_threshold(const DayStats& baseline, const FeatureParams& params);

/// The active goal of a user at `day`: running (start ≤ day ≤ deadline), earliest deadline
/// first, then table order. -1 when none.
int32_t active_goal(const GoalTable* goals, std::span<const uint32_t> user_goals, int32_t day);

/// Writes the enhanced state (layout of enhanced_schema) into out/missing and the three peer
/// metrics into peer. `segment` is -1 when unknown; the peer block is set to 0.5 (ranked later).
void finish_state(const StateInputs& in, const Ledger& ledger, const GoalTable* goals, int32_t segment,
                  const FeatureParams& params, std::span<float> out, std::span<uint8_t> missing,
                  std::span<float, 3> peer);

/// The first 17 dims only.
void finish_legacy(const DayStats& week, std::optional<int64_t> legacy_balance, double minor_scale,
                   std::span<float> out);

/// 10^minor_digits.
double minor_scale(const Ledger& ledger);

/// Index of goals per user (CSR over GoalTable rows).
struct GoalIndex {
  std::vector<uint64_t> offsets;
  std::vector<uint32_t> rows;
  GoalIndex(const GoalTable* goals, uint32_t users);
  std::span<const uint32_t> of(uint32_t user) const {
    if (offsets.empty()) return {};
    return {rows.data() + offsets[user], rows.data() + offsets[user + 1]};
  }
};

}  // namespace fincoach::features::detail
