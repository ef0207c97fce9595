#pragma once
// Recurring payment streams (salary, rent, direct debits, subscriptions, standing orders):
// payments to or from one counterparty at a regular cadence with a stable amount, and when
// and how much the next one is expected. Algorithm: docs/features.md, "Recurring streams".

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fincoach/common/ledger.hpp"
#include "fincoach/common/params.hpp"

namespace fincoach::features {

enum class Cadence : uint8_t { Weekly = 0, Fortnightly, FourWeekly, Monthly };
/// "weekly", "fortnightly", "four_weekly", "monthly".
std::string_view to_string(Cadence cadence);
/// Nominal period in days (monthly: 30).
int cadence_days(Cadence cadence);

struct RecurringParams {
  /// Fewest payments that make a stream (at least 2).
  int min_occurrences = 4;
  /// A payment may land this many days before or after its expected day (0..6): weekends,
  /// bank holidays and processing delays move real payments.
  int day_tolerance = 3;
  /// Relative amount change allowed from one payment to the next (0..1): bills drift and
  /// energy bills follow the seasons. Half of it bounds the median deviation from the median.
  double amount_tolerance = 0.5;
  /// Mean distance (days) of a stream's payments from their schedule (0..day_tolerance).
  double max_mean_day_error = 1.0;
  /// A stream must hold at least this share of the counterparty's payments not already in
  /// another stream (0..1), and the median deviation of its amounts from their median must
  /// stay within amount_tolerance / 2, unless every amount is within 2% of the median (a fixed
  /// price, such as a subscription at a shop also used for shopping): a favourite shop
  /// visited weekly is not a stream.
  double min_purity = 0.5;
  /// A stream whose last payment is more than this many periods before the user's last
  /// posting day is over and not reported (> 0).
  double max_missed_periods = 1.5;

  void validate() const;
};
ParamSet recurring_param_set(RecurringParams& params);

/// One detected stream per entry (columnar).
struct RecurringStreamTable {
  std::vector<uint32_t> user;
  /// The counterparty as written in the ledger: the merchant, or the description when the
  /// row has no merchant.
  std::vector<std::string> counterparty;
  std::vector<uint8_t> cadence;  ///< Cadence
  std::vector<uint8_t> category;  ///< AppCategory of the last payment
  std::vector<int64_t> amount;    ///< typical signed amount (median of the stream), minor units
  std::vector<int32_t> occurrences;
  std::vector<int32_t> first_day;
  std::vector<int32_t> last_day;
  std::vector<int32_t> next_day;     ///< next expected posting day
  std::vector<int64_t> next_amount;  ///< signed minor units (median of the last three)

  size_t size() const { return user.size(); }
  bool operator==(const RecurringStreamTable&) const = default;
};

/// Streams of every user, in (user, first_day, counterparty) order, identical for any
/// thread count (0: every core).
RecurringStreamTable detect_recurring(const Ledger& ledger, const RecurringParams& params, int threads = 0);

/// A known stream to score against (the simulator's ground truth).
struct StreamTruth {
  uint32_t user = 0;
  std::string counterparty;
  int cadence_days = 0;  ///< 7, 14, 28, 30 (calendar month); any other value is irregular
  int64_t amount = 0;    ///< signed nominal amount, minor units
};

struct RecurringScore {
  uint64_t truth = 0;     ///< regular truth streams
  uint64_t detected = 0;  ///< detections not matching an irregular truth stream
  /// Detections matching a truth stream (same user and counterparty, cadence and sign).
  uint64_t matched_detected = 0;
  /// Truth streams matched by at least one detection.
  uint64_t matched_truth = 0;
  double precision() const {
    return detected == 0 ? 0.0 : static_cast<double>(matched_detected) / static_cast<double>(detected);
  }
  double recall() const { return truth == 0 ? 0.0 : static_cast<double>(matched_truth) / static_cast<double>(truth); }
};

/// Precision and recall of detections against truth streams. Irregular truth streams
/// (cadence not 7/14/28/30) are left out of both sides.
RecurringScore score_recurring(const RecurringStreamTable& detected, const std::vector<StreamTruth>& truth);

}  // namespace fincoach::features
