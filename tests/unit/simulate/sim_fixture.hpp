#pragma once
// One small population shared by the simulator's tests (simulated once per test program).

#include "fincoach/simulate/simulator.hpp"

namespace fincoach::simulate::testing {

/// 300 users, 6 months from 2024-01-01, seed 11, 2 threads.
inline SimulationParams small_params() {
  SimulationParams p;
  p.users = 300;
  p.months = 6;
  p.seed = 11;
  p.threads = 2;
  return p;
}

inline const SimulationResult& small_population() {
  static const SimulationResult result = simulate(small_params());
  return result;
}

/// Rows of user u as [begin, end).
inline std::pair<uint64_t, uint64_t> rows_of(const Ledger& l, uint32_t u) {
  return {l.user_begin(u), l.user_end(u)};
}

}  // namespace fincoach::simulate::testing
