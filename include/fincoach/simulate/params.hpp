#pragma once
// Tunables of the population simulator. Defaults give a UK-like population calibrated
// against MoneyVis (bench/results/simulate.md).

#include <cstdint>
#include <string>

#include "fincoach/common/params.hpp"
#include "fincoach/simulate/persona.hpp"

namespace fincoach::simulate {

struct SimulationParams {
  /// Number of users to simulate (at least 1).
  int64_t users = 1000;
  /// Calendar months simulated from start_date (1..120).
  int months = 12;
  /// Seed of every random draw: user u's streams are seeded from (seed, u).
  uint64_t seed = 42;
  /// Worker threads; 0 uses every core. The output is identical for any value.
  int threads = 0;
  /// First simulated day, YYYY-MM-DD.
  std::string start_date = "2024-01-01";
  /// Probability that the logging policy ignores its rule and picks one of the five
  /// actions uniformly (ε-exploration), in [0, 1].
  double epsilon = 0.2;
  /// Log a weekly recommendation (and the user's response) for every user.
  bool coaching = true;
  /// Spread of every trait around its persona's centre (0: all users of a persona are
  /// identical; 1: the calibrated overlap; at most 3).
  double trait_spread = 1.0;
  /// Relative persona weights (at least one positive; none negative).
  double weight_conservative_saver = 0.22;
  double weight_impulse_buyer = 0.20;
  double weight_goal_oriented = 0.20;
  double weight_budget_conscious = 0.22;
  double weight_high_spender = 0.16;
  /// Expected marketplace purchases per user per month (products of the 40-item catalogue).
  double marketplace_rate = 0.3;
  /// Yearly probability of an income shock (job loss or cut: income falls to 0-50% for 1-4 months).
  double income_shock_rate = 0.06;
  /// Yearly probability of a one-off large purchase (car repair, sofa, laptop, holiday).
  double large_purchase_rate = 0.35;
  /// Yearly probability of a holiday abroad (card payments in a foreign city, with fees).
  double holiday_rate = 0.45;

  PersonaWeights persona_weights() const {
    return {weight_conservative_saver, weight_impulse_buyer, weight_goal_oriented, weight_budget_conscious,
            weight_high_spender};
  }
  /// Throws InvalidInput naming the field and the bad value.
  void validate() const;
};

/// Binds the fields to the "simulate" config section and command flags. `seed` and
/// `threads` are left out: they are the program's global --seed and --threads.
ParamSet simulation_param_set(SimulationParams& params);

}  // namespace fincoach::simulate
