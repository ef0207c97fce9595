#pragma once
// Personas and the latent traits of a simulated user. A persona is only a centre: every
// trait is drawn around it with noise, so personas overlap and telling them apart from the
// transactions is a real task. Centres and spreads are documented in docs/simulator.md.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "fincoach/common/population.hpp"
#include "fincoach/simulate/random.hpp"

namespace fincoach::simulate {

/// The plan's five behavioural personas.
enum class Persona : uint8_t {
  ConservativeSaver = 0,
  ImpulseBuyer = 1,
  GoalOriented = 2,
  BudgetConscious = 3,
  HighSpender = 4,
};
constexpr int k_persona_count = 5;
/// "conservative_saver", "impulse_buyer", "goal_oriented", "budget_conscious", "high_spender".
std::string_view to_string(Persona persona);
std::optional<Persona> persona_from_string(std::string_view text);

enum class PayCycle : uint8_t { Weekly = 0, Fortnightly = 1, Monthly = 2, Irregular = 3 };
constexpr int k_pay_cycle_count = 4;
/// "weekly", "fortnightly", "monthly", "irregular".
std::string_view to_string(PayCycle cycle);

/// Kinds of discretionary spending; each has a merchant pool, a typical amount, a time-of-day
/// profile and an app category (see pools).
enum class SpendKind : uint8_t {
  Groceries = 0,
  DineOut,
  Entertainment,
  Transport,
  OnlineShopping,
  HighStreet,
  Health,
  Fitness,
  Cash,
  PersonToPerson,
  HomeImprovement,
};
constexpr int k_spend_kind_count = 11;
/// "groceries", "dine_out", "entertainment", "transport", "online_shopping", "high_street",
/// "health", "fitness", "cash", "person_to_person", "home_improvement".
std::string_view to_string(SpendKind kind);

/// How a user reacts to each coaching action (index = CoachingAction). Effects are drawn
/// around persona centres; see docs/simulator.md, "Coaching response model".
struct ResponseParams {
  /// Added to the log of the discretionary spending rate when the action is taken and fully
  /// relevant (negative: the user spends less). Decays by `effect_decay` each week.
  std::array<float, k_coaching_action_count> spend_effect{};
  /// Fraction of a week's income moved to savings within days of the action (0: none).
  std::array<float, k_coaching_action_count> save_effect{};
  /// Probability that the action backfires (reactance): the spending effect flips sign.
  std::array<float, k_coaching_action_count> backfire{};
  /// Effect of an action repeated k times in the last 4 weeks is scaled by (1 - fatigue)^k.
  float fatigue = 0.3f;
  /// Relative noise (sd) of each realised effect.
  float noise = 0.3f;
  /// Weekly decay factor of the spending effect (0.6: about 60% is left a week later).
  float effect_decay = 0.6f;
  /// Probability the user answers a recommendation at all (else feedback stays pending).
  float responsiveness = 0.65f;

  bool operator==(const ResponseParams&) const = default;
};

/// The latent traits of one user; written to ground_truth/users.csv.
struct UserTraits {
  Persona persona = Persona::BudgetConscious;
  /// Net monthly income, minor units (irregular earners: the long-run mean).
  int64_t monthly_income = 0;
  PayCycle pay_cycle = PayCycle::Monthly;
  /// Monthly: day of month paid (1..28). Weekly/fortnightly: weekday paid (0 = Monday).
  int pay_day = 25;
  /// Rent or mortgage per month, minor units; paid on `housing_day`.
  int64_t housing_cost = 0;
  bool homeowner = false;
  int housing_day = 1;
  /// Fraction of income moved to savings by standing order each pay month.
  double savings_propensity = 0.0;
  /// Rounds card payments up to the pound into savings ("save the change").
  bool round_up_saver = false;
  /// 0..1: same-day bursts, payday splurges, late-night shopping.
  double impulsivity = 0.0;
  /// Target discretionary spend as a fraction of income (above 1 - fixed costs: overspends).
  double discretionary_share = 0.0;
  /// Mean discretionary transactions per week.
  double transactions_per_week = 0.0;
  /// sd of log amounts around each kind's typical amount.
  double volatility = 0.0;
  /// Weekend activity relative to a weekday (1: flat).
  double weekend_factor = 1.0;
  /// Probability a discretionary payment happens in the evening (18:00-23:59).
  double evening_share = 0.0;
  /// Category tastes: share of discretionary transactions per SpendKind (sums to 1).
  std::array<double, k_spend_kind_count> taste{};
  /// 0..1: how much of the savings needed for a goal the user actually puts aside.
  double goal_commitment = 0.0;
  /// 0..1: how strongly spending is cut when the balance runs low.
  double budget_discipline = 0.0;
  /// Balance before the first simulated day, minor units.
  int64_t opening_balance = 0;
  /// Money already in the user's savings account (not in the ledger), minor units. The
  /// user draws on it when the current account goes overdrawn.
  int64_t opening_savings = 0;
  /// Arranged overdraft: card payments are declined below -overdraft_limit.
  int64_t overdraft_limit = 0;
  /// Index into the home-city pool.
  uint32_t home_city = 0;
  ResponseParams response;

  bool operator==(const UserTraits&) const = default;
};

/// Relative weights of the personas in the population (need not sum to 1).
using PersonaWeights = std::array<double, k_persona_count>;

/// Draws a persona from the weights, then every trait around the persona's centre.
/// `spread` scales the noise around the centres (0: every user sits at its centre).
UserTraits draw_traits(Rng& rng, const PersonaWeights& weights, double spread);

/// The centre of a persona's continuous traits, in the order of trait_vector().
std::array<double, 8> persona_centre(Persona persona);
/// Eight continuous traits used to measure separation: log income, savings propensity,
/// impulsivity, discretionary share, log transactions per week, volatility, evening share,
/// goal commitment.
std::array<double, 8> trait_vector(const UserTraits& traits);

}  // namespace fincoach::simulate
