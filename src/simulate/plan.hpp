#pragma once
// Everything about a user that does not depend on the coaching policy: traits, scheduled
// payments, goals, life events, favourite merchants. Drawn from the user's plan stream
// before the first day, so two policies run in the same world.

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fincoach/simulate/ground_truth.hpp"
#include "fincoach/simulate/params.hpp"
#include "fincoach/simulate/persona.hpp"
#include "fincoach/simulate/random.hpp"
#include "simulate/calendar.hpp"
#include "simulate/pools.hpp"

namespace fincoach::simulate::detail {

enum class Cadence : uint8_t {
  MonthDay,    ///< the same day of every month
  EveryNDays,  ///< first_day + k * period
  Irregular,   ///< gaps drawn around `period`
};

/// A scheduled payment (salary, rent, direct debit, standing order).
struct Stream {
  StreamKind kind = StreamKind::Bill;
  PayeeGroup group = PayeeGroup::Energy;
  uint32_t payee = 0;
  int64_t amount = 0;  ///< signed nominal amount, minor units
  Cadence cadence = Cadence::MonthDay;
  int32_t day_of_month = 1;
  int32_t first_day = 0;
  int32_t period = 30;
  int32_t second = 0;  ///< posting time
  bool seasonal_energy = false;
  float variability = 0.0f;  ///< relative sd of each payment around `amount`
};

struct Goal {
  int32_t start = 0;
  int32_t deadline = 0;
  int64_t target = 0;
  uint32_t name = 0;  ///< index into Pools::goal_names()
  float commitment = 0.0f;
};

struct IncomeShock {
  int32_t start = 0;
  int32_t end = 0;  ///< inclusive
  int32_t per_mille = 0;
};

struct LargePurchase {
  int32_t day = 0;
  PayeeGroup group = PayeeGroup::CarRepair;
  uint32_t payee = 0;
  int64_t amount = 0;  ///< positive
};

struct Holiday {
  int32_t start = 0;
  int32_t end = 0;          ///< inclusive
  uint32_t city = 0;        ///< index into all cities (UK first, then foreign)
  int32_t booking_day = 0;  ///< before `start`; may fall before the simulation (then not paid)
  uint32_t booking_payee = 0;
  int64_t booking_amount = 0;
};

struct UserPlan {
  UserTraits traits;
  std::vector<Stream> streams;
  std::vector<Goal> goals;  ///< 0..2, sequential (the second starts after the first's deadline)
  std::vector<IncomeShock> shocks;
  std::vector<LargePurchase> large_purchases;
  std::vector<Holiday> holidays;  ///< sorted, not overlapping
  /// Three favourite merchants per spending kind (indices into the kind's pool).
  std::array<std::array<uint8_t, 3>, k_spend_kind_count> favourites{};
  /// Multiplier of every kind's typical amount, so expected discretionary spend matches
  /// discretionary_share of income.
  double spend_level = 1.0;
  /// Discretionary spend per month the user aims at, minor units.
  int64_t monthly_budget = 0;
  int32_t created_day = 0;     ///< account opened (before the simulation)
  uint8_t risk_tolerance = 1;  ///< 0 low, 1 medium, 2 high
  uint32_t first_name = 0;
  uint32_t last_name = 0;
  uint32_t employer = 0;  ///< Employer payee, or Gig payee for irregular earners
};

/// Fills `plan` (reusing its capacity) for one user.
void draw_plan(Rng& rng, const SimulationParams& params, const Calendar& calendar, UserPlan& plan);

}  // namespace fincoach::simulate::detail
