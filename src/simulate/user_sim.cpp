// The day loop of one user: schedule the day's payments, execute them in time order with a
// running balance, then the end-of-day savings, overdraft and goal bookkeeping.

#include "simulate/user_sim.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/text.hpp"

namespace fincoach::simulate::detail {
namespace {

constexpr int32_t k_end_of_day = 23 * 3600 + 55 * 60;
constexpr double k_overdraft_rate = 0.399;  // yearly, typical UK arranged overdraft

}  // namespace

UserSimulation::UserSimulation(const SimulationParams& params, const Calendar& calendar, const CoachingPolicy* policy,
                               Scratch& scratch)
    : params_(params),
      calendar_(calendar),
      policy_(policy),
      scratch_(scratch),
      plan_(scratch.plan),
      pools_(Pools::instance()) {}

void UserSimulation::reset(uint32_t ledger_user, uint64_t sim_index, std::string_view user_id, Chunk& out) {
  plan_rng_ = Rng(stream_seed(params_.seed, sim_index, k_stream_plan));
  world_rng_ = Rng(stream_seed(params_.seed, sim_index, k_stream_world));
  coach_rng_ = Rng(stream_seed(params_.seed, sim_index, k_stream_coach));
  draw_plan(plan_rng_, params_, calendar_, plan_);
  out_ = &out;
  user_ = ledger_user;
  sim_index_ = sim_index;
  user_id_ = user_id;
  first_row_ = out.rows();
  balance_ = plan_.traits.opening_balance;
  savings_pot_ = plan_.traits.opening_savings;
  savings_flow_ = 0;
  od_accrued_ = 0;
  month_spent_ = 0;
  payday_until_ = -1;
  spend_mod_ = 0.0;
  spend_factor_ = 1.0;
  goal_boost_ = 0.0;
  week_ = 0;
  recent_actions_.fill(-1);
  goal_index_ = 0;
  goal_flow_start_ = 0;
  goal_reached_ = -1;
  for (PendingPayment& p : pending_) p.day = -1;
  scratch_.stream_next.assign(plan_.streams.size(), -1);
  for (size_t i = 0; i < plan_.streams.size(); ++i)
    if (plan_.streams[i].cadence == Cadence::Irregular) scratch_.stream_next[i] = plan_.streams[i].first_day;
}

void UserSimulation::run(uint32_t ledger_user, uint64_t sim_index, std::string_view user_id, Chunk& out) {
  reset(ledger_user, sim_index, user_id, out);
  for (int32_t day = calendar_.first_day(); day < calendar_.end_day(); ++day) simulate_day(day);
  out.user_rows.push_back(out.rows() - first_row_);
  record_user();
  record_truth();
}

void UserSimulation::simulate_day(int32_t day) {
  const CalendarDay& cd = calendar_.at(day);
  if (cd.mday == 1) month_spent_ = 0;
  const Goal* goal = active_goal(day);
  if (goal != nullptr && goal->start == day) {
    goal_flow_start_ = savings_flow_;
    goal_reached_ = -1;
  }
  if (params_.coaching && cd.weekday == 0 && day >= calendar_.first_day() + 7) coach(day);

  scratch_.events.clear();
  event_order_ = 0;
  round_up_ = 0;
  last_second_ = 0;
  schedule_streams(day);
  schedule_plan_events(day);
  schedule_pending(day);
  schedule_goal_saver(day);
  schedule_discretionary(day);
  schedule_marketplace();
  execute_events(day);
  end_day(day);
}

void UserSimulation::add_event(int32_t second, EventKind kind, int64_t amount, const RowText& text) {
  DayEvent e;
  e.second = second;
  e.order = event_order_++;
  e.kind = kind;
  e.amount = amount;
  e.text = &text;
  scratch_.events.push_back(e);
}

bool UserSimulation::add_pending(const PendingPayment& payment) {
  if (payment.day >= calendar_.end_day()) return false;
  for (PendingPayment& slot : pending_) {
    if (slot.day < 0) {
      slot = payment;
      return true;
    }
  }
  return false;  // a full queue drops the payment: rare, and deterministic
}

bool UserSimulation::in_income_shock(int32_t day, int32_t* per_mille) const {
  for (const IncomeShock& s : plan_.shocks) {
    if (day >= s.start && day <= s.end) {
      if (per_mille != nullptr) *per_mille = s.per_mille;
      return true;
    }
  }
  return false;
}

const Goal* UserSimulation::active_goal(int32_t day) const {
  if (goal_index_ >= plan_.goals.size()) return nullptr;
  const Goal& g = plan_.goals[goal_index_];
  return day >= g.start && day <= g.deadline ? &g : nullptr;
}

const Holiday* UserSimulation::active_holiday(int32_t day) const {
  for (const Holiday& h : plan_.holidays)
    if (day >= h.start && day <= h.end) return &h;
  return nullptr;
}

int64_t UserSimulation::savings_buffer() const {
  return std::max<int64_t>(5000, plan_.traits.monthly_income * 25 / 100);
}

// ---- scheduling ---------------------------------------------------------------------------

void UserSimulation::schedule_streams(int32_t day) {
  const CalendarDay& cd = calendar_.at(day);
  for (size_t i = 0; i < plan_.streams.size(); ++i) {
    const Stream& s = plan_.streams[i];
    bool due = false;
    switch (s.cadence) {
      case Cadence::MonthDay:
        due = cd.mday == s.day_of_month;
        break;
      case Cadence::EveryNDays:
        due = day >= s.first_day && (day - s.first_day) % s.period == 0;
        break;
      case Cadence::Irregular:
        due = day == scratch_.stream_next[i];
        if (due)
          scratch_.stream_next[i] = day + std::max(1, static_cast<int>(std::lround(plan_rng_.exponential(s.period))));
        break;
    }
    if (!due) continue;
    // Variation comes from the plan stream: the same whatever the policy does.
    double factor = s.seasonal_energy ? cd.energy : 1.0;
    if (s.variability > 0.0f)
      factor *= std::exp(s.variability * plan_rng_.normal() - 0.5 * s.variability * s.variability);
    int32_t per_mille = 1000;
    if (s.kind == StreamKind::Income && in_income_shock(day, &per_mille)) factor *= per_mille / 1000.0;
    const auto amount = static_cast<int64_t>(std::llround(static_cast<double>(s.amount) * factor));
    if (amount == 0) continue;
    if (s.kind == StreamKind::Income) payday_until_ = day + 3;
    const EventKind kind = s.kind == StreamKind::Savings ? EventKind::NeedsFunds : EventKind::Fixed;
    add_event(s.second, kind, amount, pools_.payee(s.group, s.payee));
  }
}

void UserSimulation::schedule_plan_events(int32_t day) {
  for (const LargePurchase& p : plan_.large_purchases)
    if (p.day == day)
      add_event(plan_rng_.between(9 * 3600, 18 * 3600), EventKind::Fixed, -p.amount, pools_.payee(p.group, p.payee));
  for (const Holiday& h : plan_.holidays)
    if (h.booking_day == day)  // booked only when the money is there (declined otherwise)
      add_event(plan_rng_.between(8 * 3600, 23 * 3600), EventKind::NeedsFunds, -h.booking_amount,
                pools_.payee(PayeeGroup::HolidayBooking, h.booking_payee));
}

void UserSimulation::schedule_pending(int32_t day) {
  for (PendingPayment& p : pending_) {
    if (p.day != day) continue;
    add_event(p.second, EventKind::Fixed, p.amount, *p.text);
    p.day = -1;
  }
}

// Once a month, after pay, a committed user moves what the goal still needs, spread over
// the months left, into the goal pot, never dipping below a buffer.
void UserSimulation::schedule_goal_saver(int32_t day) {
  const Goal* goal = active_goal(day);
  if (goal == nullptr) return;
  const UserTraits& t = plan_.traits;
  const int saving_day = t.pay_cycle == PayCycle::Monthly ? t.pay_day % 28 + 1 : 3;
  if (calendar_.at(day).mday != saving_day) return;
  const int64_t need = goal->target - (savings_flow_ - goal_flow_start_);
  if (need <= 0) return;
  const double months_left = std::max(1.0, std::ceil((goal->deadline - day + 1) / 30.44));
  // Effort 1.6 * commitment: users above ~0.6 commitment save at least what the goal needs.
  const double effort = std::min(2.0, 1.6 * goal->commitment * (1.0 + 2.0 * goal_boost_));
  const double wanted = static_cast<double>(need) / months_left * effort * world_rng_.lognormal(0.0, 0.35);
  int64_t amount = std::min(static_cast<int64_t>(wanted), balance_ - savings_buffer());
  amount = amount / 500 * 500;
  if (amount < 500) return;
  add_event(world_rng_.between(6 * 3600, 9 * 3600), EventKind::Fixed, -amount, pools_.payee(PayeeGroup::GoalSaver, 0));
}

// ---- execution ----------------------------------------------------------------------------

void UserSimulation::execute_events(int32_t day) {
  std::vector<DayEvent>& events = scratch_.events;
  std::sort(events.begin(), events.end(), [](const DayEvent& a, const DayEvent& b) {
    return a.second != b.second ? a.second < b.second : a.order < b.order;
  });
  for (const DayEvent& e : events) execute(day, e);
}

void UserSimulation::append_row(int32_t day, int32_t second, int64_t amount, const RowText& text) {
  balance_ += amount;
  last_second_ = std::max(last_second_, second);
  if (text.category == static_cast<uint8_t>(AppCategory::Savings)) {
    savings_flow_ -= amount;  // a debit into savings adds to the flow
    savings_pot_ -= amount;
  }
  out_->append(user_, day, second, amount, balance_, text);
}

void UserSimulation::execute(int32_t day, const DayEvent& e) {
  const int64_t floor = -plan_.traits.overdraft_limit;
  switch (e.kind) {
    case EventKind::Fixed:
      break;
    case EventKind::NeedsFunds:
      if (balance_ + e.amount < 0) return;
      break;
    case EventKind::Discretionary:
    case EventKind::Purchase:
      if (balance_ + e.amount < floor) return;  // declined
      break;
  }
  append_row(day, e.second, e.amount, *e.text);
  if (e.kind != EventKind::Discretionary && e.kind != EventKind::Purchase) return;

  const int64_t spent = -e.amount;
  month_spent_ += spent;
  if (e.card) round_up_ += (100 - spent % 100) % 100;
  if (e.foreign) {
    const int64_t fee = std::max<int64_t>(50, std::llround(static_cast<double>(spent) * 0.0275));
    append_row(day, e.second, -fee, pools_.payee(PayeeGroup::ForeignFee, 0));
  }
  if (e.kind == EventKind::Purchase) {
    PurchaseTable& p = out_->purchases;
    p.user.push_back(user_);
    p.product.push_back(e.product);
    p.day.push_back(day);
    p.quantity.push_back(e.quantity);
    p.total_amount.push_back(spent);
  }
  if (e.refund_permille > 0 && world_rng_.below(1000) < e.refund_permille)
    add_pending({day + world_rng_.between(3, 21), world_rng_.between(8 * 3600, 20 * 3600), spent, e.text});
}

void UserSimulation::end_day(int32_t day) {
  const UserTraits& t = plan_.traits;
  auto end_second = [&] { return std::max(last_second_, k_end_of_day + static_cast<int32_t>(world_rng_.below(240))); };
  if (t.round_up_saver && round_up_ > 0 && balance_ - round_up_ >= 0)
    append_row(day, end_second(), -round_up_, pools_.payee(PayeeGroup::RoundUp, 0));
  if (balance_ < 0 && savings_pot_ > 0 && world_rng_.bernoulli(0.3 + 0.6 * t.budget_discipline)) {
    const int64_t amount = std::min(savings_pot_, -balance_ + savings_buffer());
    append_row(day, end_second(), amount, pools_.payee(PayeeGroup::SavingsReturn, 0));
  }
  if (balance_ < 0) od_accrued_ -= balance_;
  if (calendar_.at(day).month_end && od_accrued_ > 0) {
    const auto fee = static_cast<int64_t>(std::llround(static_cast<double>(od_accrued_) * k_overdraft_rate / 365.0));
    if (fee > 0) append_row(day, std::max(last_second_, 86399), -fee, pools_.payee(PayeeGroup::OverdraftFee, 0));
    od_accrued_ = 0;
  }
  track_goal(day);
}

// Goal outcome: the net savings flow since the goal's start, checked at the end of each day.
void UserSimulation::track_goal(int32_t day) {
  if (active_goal(day) == nullptr) return;
  const Goal& g = plan_.goals[goal_index_];
  const int64_t progress = savings_flow_ - goal_flow_start_;
  if (goal_reached_ < 0 && progress >= g.target) goal_reached_ = day;
  if (day != g.deadline) return;
  GoalOutcomes& o = out_->outcomes;
  o.achieved.push_back(goal_reached_ >= 0 ? 1 : 0);
  o.reached_day.push_back(goal_reached_);
  o.saved_by_deadline.push_back(progress);
  o.commitment.push_back(g.commitment);
  ++goal_index_;
}

// ---- side tables and ground truth ---------------------------------------------------------

void UserSimulation::record_user() {
  FINCOACH_ASSERT(goal_index_ == plan_.goals.size());
  static constexpr std::array<std::string_view, 3> k_risk = {"low", "medium", "high"};
  const std::string_view first = pools_.first_names()[plan_.first_name];
  const std::string_view last = pools_.last_names()[plan_.last_name];
  UserTable& u = out_->users;
  u.email.push_back(fmt::format("{}.{}.{}@example.com", to_lower_ascii(first), to_lower_ascii(last), sim_index_));
  u.first_name.emplace_back(first);
  u.last_name.emplace_back(last);
  u.created_day.push_back(plan_.created_day);
  u.monthly_income.push_back(plan_.traits.monthly_income);
  int64_t savings_goal = 0;
  for (const Stream& s : plan_.streams)
    if (s.kind == StreamKind::Savings) savings_goal = -s.amount;
  if (!plan_.goals.empty()) savings_goal = plan_.goals.front().target;
  u.savings_goal.push_back(savings_goal);
  u.risk_tolerance.emplace_back(k_risk[plan_.risk_tolerance]);
  u.wallet_balance.push_back(balance_);

  GoalTable& g = out_->goals;
  for (const Goal& goal : plan_.goals) {
    g.user.push_back(user_);
    g.name.emplace_back(pools_.goal_names()[goal.name]);
    g.target_amount.push_back(goal.target);
    g.start_day.push_back(goal.start);
    g.deadline_day.push_back(goal.deadline);
  }
}

void UserSimulation::record_truth() {
  out_->traits.push_back(plan_.traits);
  out_->sim_index.push_back(sim_index_);
  RecurringStreams& r = out_->streams;
  for (const Stream& s : plan_.streams) {
    const RowText& text = pools_.payee(s.group, s.payee);
    int32_t first = s.first_day;
    if (s.cadence == Cadence::MonthDay) {
      first = calendar_.first_day();
      while (civil_from_days(first).day != s.day_of_month) ++first;
    }
    r.user.push_back(user_);
    r.kind.push_back(static_cast<uint8_t>(s.kind));
    r.merchant.emplace_back(pools_.merchants.at(text.merchant));
    r.description.emplace_back(pools_.descriptions.at(text.description));
    r.type_code.emplace_back(pools_.type_codes.at(text.type_code));
    r.category.push_back(text.category);
    r.cadence_days.push_back(s.cadence == Cadence::MonthDay ? 30 : s.period);
    r.amount.push_back(s.amount);
    r.first_day.push_back(first);
  }
  LifeEvents& ev = out_->events;
  auto event = [&](LifeEventKind kind, int32_t start, int32_t end, int64_t value) {
    ev.user.push_back(user_);
    ev.kind.push_back(static_cast<uint8_t>(kind));
    ev.start_day.push_back(start);
    ev.end_day.push_back(end);
    ev.value.push_back(value);
  };
  for (const IncomeShock& s : plan_.shocks) event(LifeEventKind::IncomeShock, s.start, s.end, s.per_mille);
  for (const LargePurchase& p : plan_.large_purchases) event(LifeEventKind::LargePurchase, p.day, p.day, p.amount);
  for (const Holiday& h : plan_.holidays) event(LifeEventKind::Holiday, h.start, h.end, h.city);
}

}  // namespace fincoach::simulate::detail
