// A user's plan: the scheduled payments, goals and life events that the coaching policy
// cannot change. Amounts are calibrated to UK households (docs/simulator.md).

#include "simulate/plan.hpp"

#include <algorithm>
#include <cmath>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::simulate::detail {
namespace {

constexpr double k_days_per_month = 30.44;

double income_gbp(const UserTraits& t) {
  return static_cast<double>(t.monthly_income) / 100.0;
}

int64_t pence(double pounds, int64_t step = 1) {
  const auto p = static_cast<int64_t>(std::llround(pounds * 100.0 / static_cast<double>(step))) * step;
  return std::max<int64_t>(p, step);
}

/// Log-normal around a median scaled by income relative to the UK median (elasticity e).
double scaled(Rng& rng, double median, double income, double elasticity, double sd) {
  return median * std::pow(income / 2300.0, elasticity) * std::exp(sd * rng.normal());
}

int32_t first_weekday_on_or_after(int32_t day, int weekday) {
  return day + (weekday - weekday_from_days(day) + 7) % 7;
}

void add_month_day(UserPlan& plan, StreamKind kind, PayeeGroup group, uint32_t payee, int64_t amount, int mday,
                   int32_t second, float variability = 0.0f, bool energy = false) {
  Stream s;
  s.kind = kind;
  s.group = group;
  s.payee = payee;
  s.amount = amount;
  s.cadence = Cadence::MonthDay;
  s.day_of_month = mday;
  s.second = second;
  s.variability = variability;
  s.seasonal_energy = energy;
  plan.streams.push_back(s);
}

void add_income(Rng& rng, const Calendar& cal, UserPlan& plan) {
  const UserTraits& t = plan.traits;
  const Pools& pools = Pools::instance();
  const int32_t second = rng.between(0, 3 * 3600);
  if (t.pay_cycle == PayCycle::Monthly) {
    plan.employer = rng.below(pools.payee_count(PayeeGroup::Employer));
    add_month_day(plan, StreamKind::Income, PayeeGroup::Employer, plan.employer, t.monthly_income, t.pay_day, second);
    return;
  }
  Stream s;
  s.kind = StreamKind::Income;
  s.second = second;
  if (t.pay_cycle == PayCycle::Irregular) {
    plan.employer = rng.below(pools.payee_count(PayeeGroup::Gig));
    s.group = PayeeGroup::Gig;
    s.cadence = Cadence::Irregular;
    s.period = 9;
    s.amount = pence(income_gbp(t) * s.period / k_days_per_month);
    s.first_day = cal.first_day() + rng.between(0, s.period);
    s.variability = 0.5f;
  } else {
    plan.employer = rng.below(pools.payee_count(PayeeGroup::Employer));
    s.group = PayeeGroup::Employer;
    s.cadence = Cadence::EveryNDays;
    s.period = t.pay_cycle == PayCycle::Weekly ? 7 : 14;
    s.amount = pence(income_gbp(t) * 12.0 / (t.pay_cycle == PayCycle::Weekly ? 52.0 : 26.0));
    s.first_day = first_weekday_on_or_after(cal.first_day(), t.pay_day) + (s.period == 14 ? 7 * rng.between(0, 1) : 0);
  }
  s.payee = plan.employer;
  plan.streams.push_back(s);
}

int32_t dd_second(Rng& rng) {
  return rng.between(3600, 6 * 3600);
}

void add_bills(Rng& rng, UserPlan& plan) {
  const UserTraits& t = plan.traits;
  const Pools& pools = Pools::instance();
  const double income = income_gbp(t);
  auto pick = [&](PayeeGroup g) { return rng.below(pools.payee_count(g)); };
  auto bill = [&](PayeeGroup g, uint32_t payee, double pounds, float variability = 0.0f, bool energy = false) {
    add_month_day(plan, StreamKind::Bill, g, payee, -pence(pounds), rng.between(1, 28), dd_second(rng), variability,
                  energy);
  };

  const PayeeGroup housing = t.homeowner ? PayeeGroup::Mortgage : PayeeGroup::Landlord;
  add_month_day(plan, StreamKind::Housing, housing, pick(housing), -t.housing_cost, t.housing_day,
                t.homeowner ? dd_second(rng) : rng.between(0, 5 * 3600));
  if (rng.bernoulli(0.9)) bill(PayeeGroup::Council, t.home_city, scaled(rng, 130.0, income, 0.2, 0.2));
  bill(PayeeGroup::Energy, pick(PayeeGroup::Energy), scaled(rng, 85.0, income, 0.3, 0.3), 0.08f, true);
  if (rng.bernoulli(0.85)) bill(PayeeGroup::Water, pick(PayeeGroup::Water), scaled(rng, 38.0, income, 0.1, 0.2));
  if (rng.bernoulli(0.9)) bill(PayeeGroup::Broadband, pick(PayeeGroup::Broadband), scaled(rng, 35.0, income, 0.2, 0.3));
  if (rng.bernoulli(0.97)) bill(PayeeGroup::Mobile, pick(PayeeGroup::Mobile), scaled(rng, 18.0, income, 0.3, 0.5));
  if (rng.bernoulli(0.7)) bill(PayeeGroup::TvLicence, 0, 13.25);
  const int insurances = rng.bernoulli(0.6) + (t.homeowner && rng.bernoulli(0.6) ? 1 : 0);
  for (int i = 0; i < insurances; ++i)
    bill(PayeeGroup::Insurance, pick(PayeeGroup::Insurance), scaled(rng, 30.0, income, 0.4, 0.5));
}

void add_subscriptions(Rng& rng, UserPlan& plan) {
  const UserTraits& t = plan.traits;
  const Pools& pools = Pools::instance();
  const double p_subscribe = 0.18 + 0.3 * t.impulsivity;
  const auto subscriptions = pools.payees(PayeeGroup::Subscription);
  for (uint32_t i = 0; i < subscriptions.size(); ++i)
    if (rng.bernoulli(p_subscribe))
      add_month_day(plan, StreamKind::Subscription, PayeeGroup::Subscription, i, -subscriptions[i].typical,
                    rng.between(1, 28), rng.between(2 * 3600, 12 * 3600));
  const double p_gym = std::clamp(t.taste[static_cast<size_t>(SpendKind::Fitness)] * 6.0, 0.05, 0.6);
  if (rng.bernoulli(p_gym)) {
    const uint32_t gym = rng.below(pools.payee_count(PayeeGroup::Gym));
    add_month_day(plan, StreamKind::Subscription, PayeeGroup::Gym, gym, -pools.payees(PayeeGroup::Gym)[gym].typical,
                  rng.between(1, 28), dd_second(rng));
  }
}

void add_savings_order(Rng& rng, UserPlan& plan) {
  const UserTraits& t = plan.traits;
  const double pounds = income_gbp(t) * t.savings_propensity;
  if (pounds < 10.0) return;
  const int mday = t.pay_cycle == PayCycle::Monthly ? t.pay_day % 28 + 1 : rng.between(1, 5);
  add_month_day(plan, StreamKind::Savings, PayeeGroup::SavingsOrder, 0, -pence(pounds, 500), mday,
                rng.between(0, 5 * 3600));
}

void add_goals(Rng& rng, const Calendar& cal, UserPlan& plan) {
  // Probability of 0, 1 and 2 goals per persona. Goal-oriented users keep one goal running
  // after another; most others set none.
  static constexpr std::array<std::array<double, 3>, k_persona_count> k_goal_counts = {
      {{0.80, 0.18, 0.02}, {0.70, 0.27, 0.03}, {0.00, 0.10, 0.90}, {0.60, 0.35, 0.05}, {0.65, 0.30, 0.05}}};
  const UserTraits& t = plan.traits;
  const auto& weights = k_goal_counts[static_cast<size_t>(t.persona)];
  const double u = rng.uniform();
  const int wanted = u < weights[0] ? 0 : (u < weights[0] + weights[1] ? 1 : 2);
  const int32_t last_day = cal.end_day() - 1;
  const bool chained = t.persona == Persona::GoalOriented;
  int32_t start = cal.first_day() + rng.between(0, std::max(0, std::min(chained ? 14 : 60, cal.days() / 4)));
  for (int g = 0; g < wanted; ++g) {
    const int32_t room = last_day - start;
    if (room < 28) break;
    Goal goal;
    goal.start = start;
    goal.deadline = start + std::min(room, rng.between(g == 0 ? (chained ? 150 : 90) : 60, 365));
    const double months = (goal.deadline - goal.start + 1) / k_days_per_month;
    goal.target = pence(std::max(100.0, months * income_gbp(t) * rng.uniform(0.06, 0.28)), 5000);
    goal.name = rng.below(static_cast<uint32_t>(Pools::instance().goal_names().size()));
    const double logit = std::log(t.goal_commitment / (1.0 - t.goal_commitment)) + 0.9 * rng.normal();
    goal.commitment = static_cast<float>(1.0 / (1.0 + std::exp(-logit)));
    plan.goals.push_back(goal);
    start = goal.deadline + (chained ? rng.between(1, 7) : rng.between(1, 30));
  }
}

int32_t uniform_day(Rng& rng, const Calendar& cal) {
  return cal.first_day() + rng.between(0, cal.days() - 1);
}

void add_life_events(Rng& rng, const SimulationParams& params, const Calendar& cal, UserPlan& plan) {
  const UserTraits& t = plan.traits;
  const double years = cal.days() / 365.25;
  const double income = income_gbp(t);

  if (rng.bernoulli(1.0 - std::exp(-params.income_shock_rate * years))) {
    IncomeShock shock;
    shock.start = uniform_day(rng, cal);
    shock.end = shock.start + rng.between(30, 120) - 1;
    shock.per_mille = rng.bernoulli(0.5) ? 0 : rng.between(200, 500);
    plan.shocks.push_back(shock);
  }

  static constexpr std::array<PayeeGroup, 4> k_large = {PayeeGroup::CarRepair, PayeeGroup::Furniture,
                                                        PayeeGroup::Electronics, PayeeGroup::Vet};
  static constexpr std::array<double, 4> k_large_weights = {0.35, 0.25, 0.30, 0.10};
  const uint32_t large = rng.poisson(params.large_purchase_rate * years);
  for (uint32_t i = 0; i < large; ++i) {
    LargePurchase p;
    p.day = uniform_day(rng, cal);
    double u = rng.uniform();
    size_t g = 0;
    while (g + 1 < k_large.size() && u >= k_large_weights[g]) u -= k_large_weights[g++];
    p.group = k_large[g];
    p.payee = rng.below(Pools::instance().payee_count(p.group));
    p.amount = pence(std::clamp(scaled(rng, 600.0, income, 0.5, 0.6), 150.0, 6000.0));
    plan.large_purchases.push_back(p);
  }
  std::sort(plan.large_purchases.begin(), plan.large_purchases.end(),
            [](const LargePurchase& a, const LargePurchase& b) { return a.day < b.day; });

  // Holidays cluster in summer: a uniform day is kept with probability month weight / max.
  static constexpr std::array<double, 12> k_month_weight = {0.5, 0.6, 0.6, 0.9, 1.0, 1.3, 2.0, 2.2, 1.2, 1.0, 0.4, 0.8};
  const Pools& pools = Pools::instance();
  const uint32_t holidays = rng.poisson(params.holiday_rate * years * std::clamp(income / 2300.0, 0.4, 1.6));
  for (uint32_t i = 0; i < holidays; ++i) {
    int32_t start = uniform_day(rng, cal);
    for (int tries = 0; tries < 20 && !rng.bernoulli(k_month_weight[cal.at(start).month - 1u] / 2.2); ++tries)
      start = uniform_day(rng, cal);
    Holiday h;
    h.start = start;
    h.end = start + rng.between(4, 12) - 1;
    h.city = static_cast<uint32_t>(pools.uk_cities().size()) +
             rng.below(static_cast<uint32_t>(pools.foreign_cities().size()));
    h.booking_day = start - rng.between(14, 75);
    h.booking_payee = rng.below(pools.payee_count(PayeeGroup::HolidayBooking));
    h.booking_amount = pence(std::clamp(scaled(rng, 500.0, income, 0.5, 0.5), 120.0, 8000.0));
    plan.holidays.push_back(h);
  }
  std::sort(plan.holidays.begin(), plan.holidays.end(),
            [](const Holiday& a, const Holiday& b) { return a.start < b.start; });
  // Drop a holiday that starts before the previous one ends.
  size_t kept = 0;
  for (size_t i = 0; i < plan.holidays.size(); ++i)
    if (kept == 0 || plan.holidays[i].start > plan.holidays[kept - 1].end) plan.holidays[kept++] = plan.holidays[i];
  plan.holidays.resize(kept);
}

void pick_favourites(Rng& rng, UserPlan& plan) {
  const Pools& pools = Pools::instance();
  for (size_t k = 0; k < plan.favourites.size(); ++k) {
    const uint32_t n = pools.merchant_count(static_cast<SpendKind>(k));
    FINCOACH_ASSERT(n >= 3 && n < 256);
    auto& fav = plan.favourites[k];
    fav[0] = static_cast<uint8_t>(rng.below(n));
    do fav[1] = static_cast<uint8_t>(rng.below(n));
    while (fav[1] == fav[0]);
    do fav[2] = static_cast<uint8_t>(rng.below(n));
    while (fav[2] == fav[0] || fav[2] == fav[1]);
  }
}

// Scales amounts so that the expected discretionary spend per week matches the user's
// share of income: E[amount] = median * level * exp(sigma^2 / 2) for a log-normal.
void set_spend_level(UserPlan& plan) {
  const UserTraits& t = plan.traits;
  double per_transaction = 0.0;
  for (size_t k = 0; k < t.taste.size(); ++k) {
    const KindSpec& spec = kind_specs()[k];
    const double sigma = spec.sigma * t.volatility / 0.6;
    per_transaction += t.taste[k] * spec.median * std::exp(0.5 * sigma * sigma);
  }
  const double weekly_target = income_gbp(t) * 12.0 / 52.0 * t.discretionary_share;
  plan.spend_level = std::clamp(weekly_target / (t.transactions_per_week * per_transaction), 0.3, 4.0);
  plan.monthly_budget = pence(income_gbp(t) * t.discretionary_share);
}

}  // namespace

void draw_plan(Rng& rng, const SimulationParams& params, const Calendar& calendar, UserPlan& plan) {
  plan.streams.clear();
  plan.goals.clear();
  plan.shocks.clear();
  plan.large_purchases.clear();
  plan.holidays.clear();
  plan.traits = draw_traits(rng, params.persona_weights(), params.trait_spread);
  const Pools& pools = Pools::instance();
  static constexpr std::array<std::array<double, 3>, k_persona_count> k_risk = {
      {{0.70, 0.30, 0.00}, {0.10, 0.40, 0.50}, {0.20, 0.60, 0.20}, {0.60, 0.40, 0.00}, {0.10, 0.40, 0.50}}};
  const auto& risk = k_risk[static_cast<size_t>(plan.traits.persona)];
  const double u = rng.uniform();
  plan.risk_tolerance = static_cast<uint8_t>(u < risk[0] ? 0 : (u < risk[0] + risk[1] ? 1 : 2));
  plan.created_day = calendar.first_day() - rng.between(30, 2000);
  plan.first_name = rng.below(static_cast<uint32_t>(pools.first_names().size()));
  plan.last_name = rng.below(static_cast<uint32_t>(pools.last_names().size()));
  add_income(rng, calendar, plan);
  add_bills(rng, plan);
  add_subscriptions(rng, plan);
  add_savings_order(rng, plan);
  add_goals(rng, calendar, plan);
  add_life_events(rng, params, calendar, plan);
  pick_favourites(rng, plan);
  set_spend_level(plan);
}

}  // namespace fincoach::simulate::detail
