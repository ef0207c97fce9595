// Discretionary spending: how many payments a day, of which kind, where, when and how much.
// The rate follows the user's traits and is modulated by the calendar (weekends,
// seasons), the month's pace against budget, the balance, goals, income shocks, holidays and
// the lingering effect of coaching.

#include <algorithm>
#include <cmath>

#include "fincoach/common/error.hpp"
#include "fincoach/common/product_catalog.hpp"
#include "simulate/user_sim.hpp"

namespace fincoach::simulate::detail {
namespace {

// Holiday abroad: more eating out and sightseeing, little grocery or online shopping.
constexpr std::array<double, k_spend_kind_count> k_holiday_mix = {0.5, 2.0, 1.5, 1.5, 0.3, 1.0,
                                                                  0.5, 0.2, 1.5, 0.3, 0.0};

// Chance (per mille) that a purchase of each kind comes back as a refund.
constexpr std::array<uint8_t, k_spend_kind_count> k_refund_permille = {0, 0, 0, 0, 60, 40, 0, 0, 0, 0, 30};

constexpr std::array<SpendKind, 4> k_burst_kinds = {SpendKind::DineOut, SpendKind::Entertainment,
                                                    SpendKind::OnlineShopping, SpendKind::HighStreet};

size_t kind_index(SpendKind kind) {
  return static_cast<size_t>(kind);
}

}  // namespace

double UserSimulation::discretionary_multiplier(int32_t day) const {
  const UserTraits& t = plan_.traits;
  const CalendarDay& cd = calendar_.at(day);
  double m = spend_factor_;
  // Ahead of the month's budget: disciplined users slow down.
  const double expected = static_cast<double>(plan_.monthly_budget) * std::max<int>(cd.mday, 7) / cd.month_length;
  const double pace = static_cast<double>(month_spent_) / std::max(expected, 1.0);
  if (pace > 1.1) m *= std::max(0.3, std::exp(-2.0 * t.budget_discipline * (pace - 1.1)));
  if (balance_ < 0) {
    m *= 1.0 - 0.6 * t.budget_discipline;
  } else if (balance_ < savings_buffer()) {
    m *= 1.0 - 0.3 * t.budget_discipline;
  }
  if (const Goal* goal = active_goal(day)) m *= 1.0 - 0.12 * goal->commitment;
  if (in_income_shock(day, nullptr)) m *= 1.0 - 0.35 * t.budget_discipline;
  if (day <= payday_until_) m *= 1.0 + 0.8 * t.impulsivity;
  if (active_holiday(day) != nullptr) m *= 1.3;
  return m;
}

void UserSimulation::schedule_discretionary(int32_t day) {
  const UserTraits& t = plan_.traits;
  const CalendarDay& cd = calendar_.at(day);
  const bool weekend = cd.weekday >= 5;
  const double wf = t.weekend_factor;
  const double day_factor = (weekend ? wf : 1.0) * 7.0 / (5.0 + 2.0 * wf);
  const bool holiday = active_holiday(day) != nullptr;

  // Kind shares shift at weekends (affinity) without changing the day's base rate; seasons
  // and holidays scale each kind's rate.
  std::array<double, k_spend_kind_count> rate{};
  double norm = 0.0;
  for (size_t k = 0; k < rate.size(); ++k) {
    rate[k] = t.taste[k] * (weekend ? kind_specs()[k].weekend_affinity : 1.0);
    norm += rate[k];
  }
  double total = 0.0;
  for (size_t k = 0; k < rate.size(); ++k) {
    rate[k] = rate[k] / norm * cd.season[k] * (holiday ? k_holiday_mix[k] : 1.0);
    total += rate[k];
  }
  const double lambda = t.transactions_per_week / 7.0 * day_factor * discretionary_multiplier(day) * total;
  const uint32_t n = world_rng_.poisson(lambda);
  for (uint32_t i = 0; i < n; ++i) {
    double u = world_rng_.uniform() * total;
    size_t k = 0;
    while (k + 1 < rate.size() && u >= rate[k]) u -= rate[k++];
    const auto kind = static_cast<SpendKind>(k);
    add_spend(day, kind, spend_second(kind));
  }
  schedule_burst(day);
}

// Impulse bursts: several evening payments within two hours, more likely at weekends and
// just after pay.
void UserSimulation::schedule_burst(int32_t day) {
  const UserTraits& t = plan_.traits;
  const bool weekend = calendar_.at(day).weekday >= 5;
  const double p = t.impulsivity * 0.05 * (weekend ? 1.5 : 1.0) * (day <= payday_until_ ? 2.0 : 1.0) * spend_factor_;
  if (!world_rng_.bernoulli(p)) return;
  const uint32_t count = 2 + world_rng_.poisson(3.0 * t.impulsivity);
  const int32_t start = world_rng_.between(18 * 3600, 22 * 3600);
  double total = 0.0;
  for (SpendKind kind : k_burst_kinds) total += t.taste[kind_index(kind)];
  for (uint32_t i = 0; i < count; ++i) {
    double u = world_rng_.uniform() * total;
    size_t k = 0;
    while (k + 1 < k_burst_kinds.size() && u >= t.taste[kind_index(k_burst_kinds[k])])
      u -= t.taste[kind_index(k_burst_kinds[k++])];
    add_spend(day, k_burst_kinds[k], std::min(86399, start + world_rng_.between(0, 7200)));
  }
}

int32_t UserSimulation::spend_second(SpendKind kind) {
  const UserTraits& t = plan_.traits;
  const double p_evening = std::clamp(t.evening_share * kind_specs()[kind_index(kind)].evening_affinity, 0.02, 0.95);
  int32_t hour = 0;
  if (kind == SpendKind::OnlineShopping && world_rng_.bernoulli(0.12 * t.impulsivity)) {
    hour = static_cast<int32_t>(world_rng_.below(6));  // late-night shopping
  } else if (world_rng_.bernoulli(p_evening)) {
    hour = 18 + static_cast<int32_t>(world_rng_.below(6));
  } else {
    hour = 7 + static_cast<int32_t>(world_rng_.below(11));
  }
  return hour * 3600 + static_cast<int32_t>(world_rng_.below(3600));
}

void UserSimulation::add_spend(int32_t day, SpendKind kind, int32_t second) {
  const UserTraits& t = plan_.traits;
  const size_t k = kind_index(kind);
  const KindSpec& spec = kind_specs()[k];
  const auto& fav = plan_.favourites[k];
  const double u = world_rng_.uniform();
  const uint32_t merchant = u < 0.40   ? fav[0]
                            : u < 0.64 ? fav[1]
                            : u < 0.80 ? fav[2]
                                       : world_rng_.below(pools_.merchant_count(kind));
  const bool online = spec.merchants[merchant].online;

  const Holiday* holiday = active_holiday(day);
  const auto uk_cities = static_cast<uint32_t>(pools_.uk_cities().size());
  uint32_t city = t.home_city;
  if (holiday != nullptr && !online) {
    city = holiday->city;
  } else if (world_rng_.bernoulli(0.1)) {
    city = world_rng_.below(uk_cities);
  }
  const bool foreign = !online && city >= uk_cities;

  const double sigma = spec.sigma * t.volatility / 0.6;
  double pounds = spec.median * plan_.spend_level * std::exp(sigma * world_rng_.normal()) * (foreign ? 1.15 : 1.0);
  if (kind == SpendKind::Cash) pounds = std::max(10.0, std::round(pounds / 10.0) * 10.0);
  if (kind == SpendKind::PersonToPerson && world_rng_.bernoulli(0.5)) pounds = std::max(1.0, std::round(pounds));
  const int64_t pence = std::max<int64_t>(50, std::llround(pounds * 100.0));

  add_event(second, EventKind::Discretionary, -pence, pools_.spend(kind, merchant, city));
  DayEvent& e = scratch_.events.back();
  e.card = kind != SpendKind::Cash && kind != SpendKind::PersonToPerson;
  e.foreign = foreign;
  e.refund_permille = k_refund_permille[k];
}

// Marketplace purchases: a product category in proportion to the user's tastes, then one of
// its five products.
void UserSimulation::schedule_marketplace() {
  const double p = params_.marketplace_rate * 12.0 / 365.25 * spend_factor_;
  if (!world_rng_.bernoulli(p)) return;
  const UserTraits& t = plan_.traits;
  auto taste = [&](SpendKind kind) { return t.taste[kind_index(kind)]; };
  const std::array<double, 8> weights = {taste(SpendKind::Groceries),      taste(SpendKind::DineOut),
                                         taste(SpendKind::Entertainment),  taste(SpendKind::HighStreet),
                                         taste(SpendKind::OnlineShopping), taste(SpendKind::Health),
                                         taste(SpendKind::Transport),      0.03};
  double total = 0.0;
  for (double w : weights) total += w;
  double u = world_rng_.uniform() * total;
  size_t category = 0;
  while (category + 1 < weights.size() && u >= weights[category]) u -= weights[category++];
  const auto product = static_cast<uint16_t>(category * 5 + world_rng_.below(5));
  FINCOACH_ASSERT(k_products[product].category == category);
  const double q = world_rng_.uniform();
  const int quantity = q < 0.80 ? 1 : q < 0.95 ? 2 : 3;

  add_event(spend_second(SpendKind::OnlineShopping), EventKind::Purchase, -k_products[product].price * quantity,
            pools_.product(product, quantity));
  DayEvent& e = scratch_.events.back();
  e.card = true;
  e.product = product;
  e.quantity = static_cast<uint8_t>(quantity);
}

}  // namespace fincoach::simulate::detail
