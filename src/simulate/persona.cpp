// Persona centres and the draw of one user's traits around them. The numbers are the
// calibration: docs/simulator.md explains them, bench/results/simulate.md checks them
// against MoneyVis.

#include "fincoach/simulate/persona.hpp"

#include <algorithm>
#include <cmath>

#include "fincoach/common/error.hpp"
#include "fincoach/common/text.hpp"
#include "simulate/pools.hpp"

namespace fincoach::simulate {
namespace {

constexpr int k_actions = k_coaching_action_count;

/// The noise scale at trait_spread = 1. The per-trait factors below are relative spreads;
/// this one sets how far users stray from their persona's centre. At 0.4 every single trait
/// still overlaps between personas (no one trait tells them apart), while the whole profile
/// does, as real personas are defined: docs/simulator.md shows the overlap, and
/// bench/results/segment.md what the segmentation recovers at 0.4 and at wider spreads.
constexpr double k_calibrated_spread = 0.4;

/// Centre of one persona. Probabilities and shares are on their natural scale; the draw
/// adds noise on the logit or log scale so every value stays in range.
struct PersonaCentre {
  double income_gbp;                                // median net monthly income
  std::array<double, k_pay_cycle_count> pay_cycle;  // weekly, fortnightly, monthly, irregular
  double homeowner;
  double savings_propensity;
  double round_up;  // probability of "save the change"
  double impulsivity;
  double discretionary_share;
  double transactions_per_week;
  double volatility;
  double weekend_factor;
  double evening_share;
  std::array<double, k_spend_kind_count> taste;
  double goal_commitment;
  double budget_discipline;
  double opening_months;  // opening balance in months of income
  double savings_months;  // savings account in months of income
  double overdraft_gbp;
  // Coaching response, per action (continue, alert, budget, nudge, positive).
  std::array<double, k_actions> spend_effect;
  std::array<double, k_actions> save_effect;
  std::array<double, k_actions> backfire;
  double fatigue;
  double responsiveness;
};

// Taste order: groceries, dine out, entertainment, transport, online, high street, health,
// fitness, cash, person to person, home improvement.
const std::array<PersonaCentre, k_persona_count> k_centres = {{
    // Conservative saver: steady, saves by standing order, small and regular spending.
    {.income_gbp = 2500,
     .pay_cycle = {0.08, 0.10, 0.77, 0.05},
     .homeowner = 0.55,
     .savings_propensity = 0.22,
     .round_up = 0.65,
     .impulsivity = 0.08,
     .discretionary_share = 0.28,
     .transactions_per_week = 7.0,
     .volatility = 0.35,
     .weekend_factor = 1.00,
     .evening_share = 0.10,
     .taste = {0.30, 0.11, 0.05, 0.14, 0.09, 0.06, 0.05, 0.04, 0.09, 0.04, 0.03},
     .goal_commitment = 0.60,
     .budget_discipline = 0.70,
     .opening_months = 2.00,
     .savings_months = 8.0,
     .overdraft_gbp = 250,
     .spend_effect = {0.00, -0.06, -0.05, -0.02, -0.01},
     .save_effect = {0.00, 0.00, 0.02, 0.25, 0.10},
     .backfire = {0.00, 0.05, 0.05, 0.03, 0.02},
     .fatigue = 0.25,
     .responsiveness = 0.70},
    // Impulse buyer: bursts, late evenings, online shopping, overdraft.
    {.income_gbp = 1900,
     .pay_cycle = {0.20, 0.15, 0.50, 0.15},
     .homeowner = 0.20,
     .savings_propensity = 0.03,
     .round_up = 0.15,
     .impulsivity = 0.70,
     .discretionary_share = 0.50,
     .transactions_per_week = 17.0,
     .volatility = 0.80,
     .weekend_factor = 1.60,
     .evening_share = 0.45,
     .taste = {0.16, 0.20, 0.12, 0.10, 0.18, 0.12, 0.03, 0.02, 0.03, 0.03, 0.01},
     .goal_commitment = 0.35,
     .budget_discipline = 0.20,
     .opening_months = 0.25,
     .savings_months = 0.2,
     .overdraft_gbp = 1000,
     .spend_effect = {0.03, -0.15, -0.08, -0.03, 0.06},
     .save_effect = {0.00, 0.00, 0.01, 0.06, 0.00},
     .backfire = {0.00, 0.25, 0.15, 0.10, 0.10},
     .fatigue = 0.45,
     .responsiveness = 0.55},
    // Goal-oriented: keeps a goal running all year, answers savings nudges, spends on fitness.
    {.income_gbp = 2700,
     .pay_cycle = {0.07, 0.10, 0.75, 0.08},
     .homeowner = 0.40,
     .savings_propensity = 0.05,
     .round_up = 0.50,
     .impulsivity = 0.28,
     .discretionary_share = 0.40,
     .transactions_per_week = 12.0,
     .volatility = 0.50,
     .weekend_factor = 1.20,
     .evening_share = 0.33,
     .taste = {0.22, 0.13, 0.07, 0.14, 0.10, 0.07, 0.06, 0.12, 0.03, 0.04, 0.02},
     .goal_commitment = 0.92,
     .budget_discipline = 0.60,
     .opening_months = 0.60,
     .savings_months = 1.0,
     .overdraft_gbp = 500,
     .spend_effect = {0.00, -0.08, -0.10, -0.04, -0.03},
     .save_effect = {0.00, 0.02, 0.04, 0.35, 0.20},
     .backfire = {0.00, 0.08, 0.05, 0.03, 0.03},
     .fatigue = 0.30,
     .responsiveness = 0.75},
    // Budget conscious: low income, many small grocery and cash payments, cuts spending when the
    // month runs ahead.
    {.income_gbp = 1500,
     .pay_cycle = {0.15, 0.15, 0.60, 0.10},
     .homeowner = 0.35,
     .savings_propensity = 0.04,
     .round_up = 0.35,
     .impulsivity = 0.10,
     .discretionary_share = 0.30,
     .transactions_per_week = 14.0,
     .volatility = 0.30,
     .weekend_factor = 1.10,
     .evening_share = 0.14,
     .taste = {0.40, 0.05, 0.03, 0.15, 0.06, 0.04, 0.05, 0.02, 0.14, 0.04, 0.02},
     .goal_commitment = 0.40,
     .budget_discipline = 0.92,
     .opening_months = 0.30,
     .savings_months = 0.4,
     .overdraft_gbp = 500,
     .spend_effect = {0.00, -0.10, -0.15, -0.03, 0.00},
     .save_effect = {0.00, 0.02, 0.04, 0.15, 0.05},
     .backfire = {0.00, 0.05, 0.03, 0.05, 0.05},
     .fatigue = 0.30,
     .responsiveness = 0.70},
    // High spender: high income, dining, entertainment and shopping, large amounts.
    {.income_gbp = 3800,
     .pay_cycle = {0.05, 0.05, 0.70, 0.20},
     .homeowner = 0.55,
     .savings_propensity = 0.05,
     .round_up = 0.20,
     .impulsivity = 0.45,
     .discretionary_share = 0.48,
     .transactions_per_week = 15.0,
     .volatility = 0.75,
     .weekend_factor = 1.50,
     .evening_share = 0.40,
     .taste = {0.15, 0.20, 0.12, 0.12, 0.13, 0.14, 0.04, 0.05, 0.02, 0.02, 0.01},
     .goal_commitment = 0.45,
     .budget_discipline = 0.30,
     .opening_months = 0.60,
     .savings_months = 1.5,
     .overdraft_gbp = 1500,
     .spend_effect = {0.02, -0.05, -0.04, -0.01, 0.04},
     .save_effect = {0.00, 0.00, 0.01, 0.08, 0.02},
     .backfire = {0.00, 0.15, 0.12, 0.08, 0.05},
     .fatigue = 0.30,
     .responsiveness = 0.55},
}};

double logit(double p) {
  return std::log(p / (1.0 - p));
}
double logistic(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

/// A probability-like trait: logit-normal around the centre.
double draw_unit(Rng& rng, double centre, double sd) {
  return logistic(logit(centre) + sd * rng.normal());
}
/// A positive trait: log-normal around the centre (the centre is the median).
double draw_positive(Rng& rng, double centre, double sd) {
  return centre * std::exp(sd * rng.normal());
}

template <size_t N>
size_t draw_index(Rng& rng, const std::array<double, N>& weights) {
  double total = 0.0;
  for (double w : weights) total += w;
  double u = rng.uniform() * total;
  for (size_t i = 0; i < N; ++i) {
    if (u < weights[i]) return i;
    u -= weights[i];
  }
  return N - 1;
}

int64_t round_to(double pounds, int64_t step_pence) {
  const auto pence = static_cast<int64_t>(std::llround(pounds * 100.0 / static_cast<double>(step_pence)));
  return std::max<int64_t>(pence, 1) * step_pence;
}

void draw_taste(Rng& rng, const PersonaCentre& c, double spread, UserTraits& t) {
  // Dirichlet around the centre; concentration falls as the spread grows.
  const double concentration = spread > 0.0 ? 40.0 / (spread * spread) : 0.0;
  double total = 0.0;
  for (size_t k = 0; k < t.taste.size(); ++k) {
    t.taste[k] = concentration > 0.0 ? rng.gamma(concentration * c.taste[k]) : c.taste[k];
    total += t.taste[k];
  }
  for (double& share : t.taste) share /= total;
}

void draw_response(Rng& rng, const PersonaCentre& c, double spread, ResponseParams& r) {
  for (size_t a = 0; a < static_cast<size_t>(k_actions); ++a) {
    r.spend_effect[a] = static_cast<float>(c.spend_effect[a] + 0.04 * spread * rng.normal());
    r.save_effect[a] = static_cast<float>(c.save_effect[a] * std::exp(0.4 * spread * rng.normal()));
    r.backfire[a] = c.backfire[a] > 0.0 ? static_cast<float>(draw_unit(rng, c.backfire[a], 0.5 * spread)) : 0.0f;
  }
  r.fatigue = static_cast<float>(draw_unit(rng, c.fatigue, 0.4 * spread));
  r.noise = static_cast<float>(draw_positive(rng, 0.3, 0.2 * spread));
  r.effect_decay = static_cast<float>(draw_unit(rng, 0.6, 0.3 * spread));
  r.responsiveness = static_cast<float>(draw_unit(rng, c.responsiveness, 0.5 * spread));
}

}  // namespace

std::string_view to_string(Persona persona) {
  static constexpr std::array<std::string_view, k_persona_count> k_names = {
      "conservative_saver", "impulse_buyer", "goal_oriented", "budget_conscious", "high_spender"};
  return k_names[static_cast<size_t>(persona)];
}

std::optional<Persona> persona_from_string(std::string_view text) {
  const std::string label = normalize_label(text);
  for (int p = 0; p < k_persona_count; ++p)
    if (label == to_string(static_cast<Persona>(p))) return static_cast<Persona>(p);
  return std::nullopt;
}

std::string_view to_string(PayCycle cycle) {
  static constexpr std::array<std::string_view, k_pay_cycle_count> k_names = {"weekly", "fortnightly", "monthly",
                                                                              "irregular"};
  return k_names[static_cast<size_t>(cycle)];
}

std::string_view to_string(SpendKind kind) {
  static constexpr std::array<std::string_view, k_spend_kind_count> k_names = {
      "groceries", "dine_out", "entertainment", "transport",        "online_shopping", "high_street",
      "health",    "fitness",  "cash",          "person_to_person", "home_improvement"};
  return k_names[static_cast<size_t>(kind)];
}

UserTraits draw_traits(Rng& rng, const PersonaWeights& weights, double spread) {
  FINCOACH_ASSERT(spread >= 0.0);
  UserTraits t;
  t.persona = static_cast<Persona>(draw_index(rng, weights));
  const PersonaCentre& c = k_centres[static_cast<size_t>(t.persona)];
  const double s = k_calibrated_spread * spread;

  t.monthly_income = round_to(draw_positive(rng, c.income_gbp, 0.30 * s), 100);
  t.pay_cycle = static_cast<PayCycle>(draw_index(rng, c.pay_cycle));
  t.pay_day = t.pay_cycle == PayCycle::Monthly ? rng.between(1, 28) : rng.between(0, 4);
  t.homeowner = rng.bernoulli(c.homeowner);
  const double housing_share = std::clamp(0.30 + 0.06 * s * rng.normal(), 0.12, 0.50);
  t.housing_cost = round_to(static_cast<double>(t.monthly_income) / 100.0 * housing_share, 100);
  t.housing_day = rng.between(1, 28);
  t.savings_propensity = draw_unit(rng, c.savings_propensity, 0.5 * s);
  t.round_up_saver = rng.bernoulli(c.round_up);
  t.impulsivity = draw_unit(rng, c.impulsivity, 0.6 * s);
  t.discretionary_share = draw_positive(rng, c.discretionary_share, 0.15 * s);
  t.transactions_per_week = draw_positive(rng, c.transactions_per_week, 0.35 * s);
  t.volatility = draw_positive(rng, c.volatility, 0.20 * s);
  t.weekend_factor = draw_positive(rng, c.weekend_factor, 0.20 * s);
  t.evening_share = draw_unit(rng, c.evening_share, 0.5 * s);
  // Tastes are not what tells personas apart, and real people differ widely in them: they
  // keep the full spread (the realism table against MoneyVis needs it).
  draw_taste(rng, c, spread, t);
  t.goal_commitment = draw_unit(rng, c.goal_commitment, 0.7 * s);
  t.budget_discipline = draw_unit(rng, c.budget_discipline, 0.6 * s);
  t.opening_balance =
      round_to(static_cast<double>(t.monthly_income) / 100.0 * draw_positive(rng, c.opening_months, 0.6 * s), 1);
  t.opening_savings =
      round_to(static_cast<double>(t.monthly_income) / 100.0 * draw_positive(rng, c.savings_months, 0.8 * s), 1);
  t.overdraft_limit = rng.bernoulli(0.1) ? 0 : round_to(draw_positive(rng, c.overdraft_gbp, 0.4 * s), 5000);

  const std::vector<double>& cdf = detail::Pools::instance().uk_city_cdf();
  const double u = rng.uniform();
  t.home_city = static_cast<uint32_t>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
  t.home_city = std::min<uint32_t>(t.home_city, static_cast<uint32_t>(cdf.size() - 1));
  draw_response(rng, c, s, t.response);
  return t;
}

std::array<double, 8> persona_centre(Persona persona) {
  const PersonaCentre& c = k_centres[static_cast<size_t>(persona)];
  return {std::log(c.income_gbp * 100.0),    c.savings_propensity, c.impulsivity,   c.discretionary_share,
          std::log(c.transactions_per_week), c.volatility,         c.evening_share, c.goal_commitment};
}

std::array<double, 8> trait_vector(const UserTraits& t) {
  return {std::log(static_cast<double>(t.monthly_income)),
          t.savings_propensity,
          t.impulsivity,
          t.discretionary_share,
          std::log(t.transactions_per_week),
          t.volatility,
          t.evening_share,
          t.goal_commitment};
}

}  // namespace fincoach::simulate
