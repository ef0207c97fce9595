#pragma once
// One user, day by day: scheduled payments, discretionary spending, savings, fees and life
// events become ledger rows with a running balance; each Monday the policy picks a coaching
// action and the user's response changes the days that follow. The implementation is split
// by phase: user_sim.cpp (the day loop and row execution), spending.cpp (discretionary
// payments), coaching.cpp (the weekly recommendation and the response).

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fincoach/simulate/params.hpp"
#include "fincoach/simulate/policy.hpp"
#include "fincoach/simulate/random.hpp"
#include "simulate/calendar.hpp"
#include "simulate/chunk.hpp"
#include "simulate/plan.hpp"

namespace fincoach::simulate::detail {

/// Random streams of a user; see stream_seed().
enum StreamId : uint64_t { k_stream_plan = 1, k_stream_world = 2, k_stream_coach = 3, k_stream_id = 4 };

enum class EventKind : uint8_t {
  Fixed,          ///< always executes (pay, rent, bills, refunds, pre-checked transfers)
  NeedsFunds,     ///< skipped when it would overdraw (savings orders, holiday bookings)
  Discretionary,  ///< declined below the arranged overdraft
  Purchase,       ///< a marketplace purchase: discretionary, and logged in the purchases table
};

/// A payment scheduled for the current day, executed in time order.
struct DayEvent {
  int32_t second = 0;
  uint16_t order = 0;  ///< insertion order: ties keep it
  EventKind kind = EventKind::Fixed;
  bool card = false;            ///< a card payment (rounded up by "save the change")
  bool foreign = false;         ///< in a foreign currency (adds a fee row)
  uint8_t refund_permille = 0;  ///< chance the purchase is refunded later, per mille
  uint8_t quantity = 0;         ///< marketplace
  uint16_t product = 0;         ///< marketplace
  int64_t amount = 0;
  const RowText* text = nullptr;
};

/// A payment due on a later day (a refund, a transfer the user decided on).
struct PendingPayment {
  int32_t day = -1;  ///< -1: free slot
  int32_t second = 0;
  int64_t amount = 0;
  const RowText* text = nullptr;
};

/// Buffers reused from user to user by one worker thread.
struct Scratch {
  UserPlan plan;
  std::vector<DayEvent> events;
  std::vector<int32_t> stream_next;  ///< next day of each irregular stream
};

class UserSimulation {
 public:
  UserSimulation(const SimulationParams& params, const Calendar& calendar, const CoachingPolicy* policy,
                 Scratch& scratch);

  /// Simulates one user and appends its rows, side-table entries and ground truth to `out`.
  void run(uint32_t ledger_user, uint64_t sim_index, std::string_view user_id, Chunk& out);

 private:
  // user_sim.cpp: setup, the day loop, execution, end of day, ground truth.
  void reset(uint32_t ledger_user, uint64_t sim_index, std::string_view user_id, Chunk& out);
  void simulate_day(int32_t day);
  void schedule_streams(int32_t day);
  void schedule_plan_events(int32_t day);
  void schedule_pending(int32_t day);
  void schedule_goal_saver(int32_t day);
  void execute_events(int32_t day);
  void execute(int32_t day, const DayEvent& event);
  void append_row(int32_t day, int32_t second, int64_t amount, const RowText& text);
  void end_day(int32_t day);
  void track_goal(int32_t day);
  void add_event(int32_t second, EventKind kind, int64_t amount, const RowText& text);
  bool add_pending(const PendingPayment& payment);
  void record_user();
  void record_truth();

  // spending.cpp: discretionary payments and marketplace purchases.
  void schedule_discretionary(int32_t day);
  void schedule_burst(int32_t day);
  void schedule_marketplace();
  void add_spend(int32_t day, SpendKind kind, int32_t second);
  double discretionary_multiplier(int32_t day) const;
  int32_t spend_second(SpendKind kind);

  // coaching.cpp: the weekly recommendation and the user's response.
  void coach(int32_t day);
  WeeklyState weekly_state(int32_t day) const;
  void respond(int32_t day, int32_t second, const WeeklyState& state, const CoachingDecision& decision);

  int64_t weekly_income() const { return plan_.traits.monthly_income * 12 / 52; }
  int64_t savings_buffer() const;
  const Goal* active_goal(int32_t day) const;
  const Holiday* active_holiday(int32_t day) const;
  bool in_income_shock(int32_t day, int32_t* per_mille) const;

  const SimulationParams& params_;
  const Calendar& calendar_;
  const CoachingPolicy* policy_;
  Scratch& scratch_;
  UserPlan& plan_;
  const Pools& pools_;

  Rng plan_rng_{0};
  Rng world_rng_{0};
  Rng coach_rng_{0};
  Chunk* out_ = nullptr;
  uint32_t user_ = 0;
  uint64_t sim_index_ = 0;
  std::string_view user_id_;
  size_t first_row_ = 0;  ///< the user's first row in out_

  int64_t balance_ = 0;
  int64_t savings_pot_ = 0;
  int64_t savings_flow_ = 0;   ///< cumulative net transfers into savings
  int64_t od_accrued_ = 0;     ///< sum of overdrawn end-of-day balances this month
  int64_t month_spent_ = 0;    ///< discretionary debits this month
  int64_t round_up_ = 0;       ///< pence to round up at the end of the day
  int32_t last_second_ = 0;    ///< latest posting time today
  int32_t payday_until_ = -1;  ///< payday splurge window
  double spend_mod_ = 0.0;     ///< coaching effect on the log discretionary rate
  double spend_factor_ = 1.0;  ///< exp(spend_mod_)
  double goal_boost_ = 0.0;    ///< coaching effect on goal commitment
  int week_ = 0;
  std::array<int8_t, 4> recent_actions_{};  ///< the last four actions (-1: none)

  size_t goal_index_ = 0;
  int64_t goal_flow_start_ = 0;
  int32_t goal_reached_ = -1;
  std::array<PendingPayment, 16> pending_{};
  uint16_t event_order_ = 0;
};

}  // namespace fincoach::simulate::detail
