#include "fincoach/simulate/params.hpp"

#include <fmt/format.h>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::simulate {
namespace {

// Years the calendar code and the int32 day column comfortably cover.
constexpr int k_min_year = 1971;
constexpr int k_max_year = 2200;

void require(bool ok, std::string_view field, const std::string& value, std::string_view rule) {
  if (!ok) throw InvalidInput(fmt::format("simulate.{} = {}: {}", field, value, rule));
}

void require_rate(double value, std::string_view field, double max) {
  require(value >= 0.0 && value <= max, field, fmt::format("{}", value), fmt::format("must be in [0, {}]", max));
}

}  // namespace

void SimulationParams::validate() const {
  require(users >= 1, "users", fmt::format("{}", users), "must be at least 1");
  require(users <= 10'000'000, "users", fmt::format("{}", users), "must be at most 10000000");
  require(months >= 1 && months <= 120, "months", fmt::format("{}", months), "must be in 1..120");
  require(threads >= 0, "threads", fmt::format("{}", threads), "must be 0 (all cores) or more");
  const int32_t start = parse_iso_date(start_date, "simulate.start_date");
  const CivilDate civil = civil_from_days(start);
  require(civil.year >= k_min_year && civil.year <= k_max_year, "start_date", start_date,
          fmt::format("year must be in {}..{}", k_min_year, k_max_year));
  require(epsilon >= 0.0 && epsilon <= 1.0, "epsilon", fmt::format("{}", epsilon), "must be in [0, 1]");
  require(trait_spread >= 0.0 && trait_spread <= 3.0, "trait_spread", fmt::format("{}", trait_spread),
          "must be in [0, 3]");
  const PersonaWeights weights = persona_weights();
  static constexpr std::array<std::string_view, k_persona_count> k_weight_keys = {
      "weight_conservative_saver", "weight_impulse_buyer", "weight_goal_oriented", "weight_budget_conscious",
      "weight_high_spender"};
  double total = 0.0;
  for (size_t p = 0; p < weights.size(); ++p) {
    require(weights[p] >= 0.0 && weights[p] <= 1e6, k_weight_keys[p], fmt::format("{}", weights[p]),
            "must be in [0, 1000000]");
    total += weights[p];
  }
  require(total > 0.0, "weight_*", "all 0", "at least one persona weight must be positive");
  require_rate(marketplace_rate, "marketplace_rate", 30.0);
  require_rate(income_shock_rate, "income_shock_rate", 1.0);
  require_rate(large_purchase_rate, "large_purchase_rate", 12.0);
  require_rate(holiday_rate, "holiday_rate", 4.0);
}

ParamSet simulation_param_set(SimulationParams& p) {
  ParamSet set("simulate");
  set.add("users", &p.users, "number of users to simulate")
      .add("months", &p.months, "calendar months simulated from start_date (1..120)")
      .add("start_date", &p.start_date, "first simulated day, YYYY-MM-DD")
      .add("epsilon", &p.epsilon, "logging policy: probability of a uniformly random action")
      .add("coaching", &p.coaching, "log a weekly recommendation and the user's response")
      .add("trait_spread", &p.trait_spread, "spread of traits around persona centres (0..3; 1 = calibrated)")
      .add("weight_conservative_saver", &p.weight_conservative_saver, "relative weight of conservative savers")
      .add("weight_impulse_buyer", &p.weight_impulse_buyer, "relative weight of impulse buyers")
      .add("weight_goal_oriented", &p.weight_goal_oriented, "relative weight of goal-oriented users")
      .add("weight_budget_conscious", &p.weight_budget_conscious, "relative weight of budget-conscious users")
      .add("weight_high_spender", &p.weight_high_spender, "relative weight of high spenders")
      .add("marketplace_rate", &p.marketplace_rate, "marketplace purchases per user per month")
      .add("income_shock_rate", &p.income_shock_rate, "yearly probability of an income shock")
      .add("large_purchase_rate", &p.large_purchase_rate, "yearly probability of a one-off large purchase")
      .add("holiday_rate", &p.holiday_rate, "yearly probability of a holiday abroad");
  return set;
}

}  // namespace fincoach::simulate
