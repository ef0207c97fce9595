#include "fincoach/features/params.hpp"

#include <cmath>
#include <thread>

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach::features {
namespace {

template <typename T>
[[noreturn]] void reject(const char* field, T value, const char* rule) {
  throw InvalidInput(fmt::format("features.{} = {}: {}", field, value, rule));
}

}  // namespace

void FeatureParams::validate() const {
  if (lookback_days < 14 || lookback_days > 364) reject("lookback_days", lookback_days, "must be in 14..364");
  if (baseline_days < lookback_days || baseline_days > 3660)
    reject("baseline_days", baseline_days, "must be in lookback_days..3660");
  if (!std::isfinite(large_multiple) || large_multiple <= 1.0)
    reject("large_multiple", large_multiple, "must be a finite number > 1");
  if (impulse_gap_minutes < 1 || impulse_gap_minutes > 1440)
    reject("impulse_gap_minutes", impulse_gap_minutes, "must be in 1..1440");
  if (impulse_day_count < 2 || impulse_day_count > 1000)
    reject("impulse_day_count", impulse_day_count, "must be in 2..1000");
  if (!std::isfinite(emergency_cap_months) || emergency_cap_months <= 0.0)
    reject("emergency_cap_months", emergency_cap_months, "must be a finite number > 0");
  if (max_days_since_purchase < 1 || max_days_since_purchase > 36600)
    reject("max_days_since_purchase", max_days_since_purchase, "must be in 1..36600");
  if (segment_count < 1 || segment_count > 64) reject("segment_count", segment_count, "must be in 1..64");
  if (threads < 0) reject("threads", threads, "must be >= 0 (0: every core)");
}

ParamSet feature_param_set(FeatureParams& params) {
  ParamSet set("features");
  set.add("lookback_days", &params.lookback_days, "days behind the behavioural features (>= 14)");
  set.add("baseline_days", &params.baseline_days, "days behind each user's own baselines (>= lookback_days)");
  set.add("large_multiple", &params.large_multiple, "a debit is large above this multiple of the user's mean debit");
  set.add("impulse_gap_minutes", &params.impulse_gap_minutes, "timed discretionary payments this close form a burst");
  set.add("impulse_day_count", &params.impulse_day_count, "untimed discretionary payments per day that form a burst");
  set.add("emergency_cap_months", &params.emergency_cap_months, "clamp of emergency_fund_ratio (months of spending)");
  set.add("max_days_since_purchase", &params.max_days_since_purchase, "cap of days_since_last_purchase");
  set.add("segment_count", &params.segment_count, "dimensions of the segment one-hot block (k)");
  return set;
}

int resolve_feature_threads(int requested) {
  if (requested < 0) throw InvalidInput(fmt::format("threads = {}: must be >= 0 (0: every core)", requested));
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

}  // namespace fincoach::features
