#pragma once
// The population simulator: personas → traits → day-by-day transactions, savings goals,
// a weekly coaching log and the users' responses, with the ground truth of it all.
// Generative process: docs/simulator.md.

#include <cstdint>
#include <string>

#include "fincoach/common/population.hpp"
#include "fincoach/simulate/ground_truth.hpp"
#include "fincoach/simulate/params.hpp"
#include "fincoach/simulate/policy.hpp"

namespace fincoach::simulate {

struct SimulationStats {
  uint64_t users = 0;
  uint64_t rows = 0;
  uint64_t recommendations = 0;
  int threads = 0;             ///< worker threads actually used
  int32_t first_day = 0;       ///< start_date
  int32_t end_day = 0;         ///< one past the last simulated day
  double seconds = 0.0;        ///< wall time of simulate()
  double seconds_users = 0.0;  ///< of which simulating the users, merged block by block meanwhile
  double seconds_merge = 0.0;  ///< of which finishing the Population after the last block
};

struct SimulationResult {
  /// Users are numbered in byte order of their ids, like any ledger; every side table and
  /// the ground truth use that numbering.
  Population population;
  GroundTruth truth;
  SimulationStats stats;
};

/// Simulates params.users users for params.months months with the logging policy
/// (fallback rule with ε = params.epsilon). Throws InvalidInput when params are invalid.
SimulationResult simulate(const SimulationParams& params);

/// The same world driven by another policy: the hook for on-policy evaluation. The user's
/// traits, income, schedules and life events do not depend on the policy; what the user
/// does after each recommendation does.
SimulationResult simulate(const SimulationParams& params, const CoachingPolicy& policy);

/// The external id of simulated user `index`: a version-4-shaped UUID derived from
/// (seed, index), lower-case hex, so databases with UUID keys take it as is.
std::string user_uuid(uint64_t seed, uint64_t index);

/// Worker threads for a requested count (0: all cores), at least 1.
int resolve_threads(int requested);

}  // namespace fincoach::simulate
