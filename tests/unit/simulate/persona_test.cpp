#include "fincoach/simulate/persona.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fincoach::simulate {
namespace {

constexpr PersonaWeights k_equal = {1, 1, 1, 1, 1};

std::vector<UserTraits> draw_many(int n, double spread, const PersonaWeights& weights = k_equal) {
  Rng rng(99);
  std::vector<UserTraits> users;
  for (int i = 0; i < n; ++i) users.push_back(draw_traits(rng, weights, spread));
  return users;
}

/// Share of users whose standardised trait vector is nearest their own persona's mean.
double nearest_mean_share(const std::vector<UserTraits>& users) {
  std::array<std::array<double, 8>, k_persona_count> mean{};
  std::array<int, k_persona_count> count{};
  for (const UserTraits& t : users) {
    const auto v = trait_vector(t);
    ++count[static_cast<size_t>(t.persona)];
    for (size_t i = 0; i < v.size(); ++i) mean[static_cast<size_t>(t.persona)][i] += v[i];
  }
  for (size_t p = 0; p < mean.size(); ++p)
    for (double& m : mean[p]) m /= count[p];
  std::array<double, 8> sd{};
  for (size_t i = 0; i < sd.size(); ++i) {
    double s = 0.0, m = 0.0;
    for (const UserTraits& t : users) m += trait_vector(t)[i];
    m /= static_cast<double>(users.size());
    for (const UserTraits& t : users) s += std::pow(trait_vector(t)[i] - m, 2);
    sd[i] = std::sqrt(s / static_cast<double>(users.size()));
  }
  int own = 0;
  for (const UserTraits& t : users) {
    const auto v = trait_vector(t);
    size_t best = 0;
    double best_distance = 1e300;
    for (size_t p = 0; p < mean.size(); ++p) {
      double d = 0.0;
      for (size_t i = 0; i < v.size(); ++i) d += std::pow((v[i] - mean[p][i]) / sd[i], 2);
      if (d < best_distance) {
        best_distance = d;
        best = p;
      }
    }
    own += best == static_cast<size_t>(t.persona) ? 1 : 0;
  }
  return static_cast<double>(own) / static_cast<double>(users.size());
}

TEST(Persona, NamesRoundTrip) {
  for (int p = 0; p < k_persona_count; ++p) {
    const auto persona = static_cast<Persona>(p);
    EXPECT_EQ(persona_from_string(to_string(persona)), persona);
  }
  EXPECT_EQ(persona_from_string("High_Spender"), Persona::HighSpender);
  EXPECT_FALSE(persona_from_string("spendthrift").has_value());
  EXPECT_EQ(to_string(PayCycle::Fortnightly), "fortnightly");
  EXPECT_EQ(to_string(SpendKind::PersonToPerson), "person_to_person");
}

TEST(DrawTraits, WeightsChooseThePersona) {
  for (const UserTraits& t : draw_many(200, 1.0, {0, 0, 1, 0, 0})) EXPECT_EQ(t.persona, Persona::GoalOriented);
}

TEST(DrawTraits, ZeroSpreadPutsEveryUserAtItsCentre) {
  for (const UserTraits& t : draw_many(50, 0.0)) {
    const auto centre = persona_centre(t.persona);
    const auto traits = trait_vector(t);
    for (size_t i = 1; i < centre.size(); ++i) EXPECT_NEAR(traits[i], centre[i], 1e-9) << "trait " << i;
  }
}

TEST(DrawTraits, TraitsAreInRangeAndTastesSumToOne) {
  for (const UserTraits& t : draw_many(2000, 1.0)) {
    EXPECT_GT(t.monthly_income, 0);
    EXPECT_GT(t.transactions_per_week, 0.0);
    for (double p : {t.savings_propensity, t.impulsivity, t.evening_share, t.goal_commitment, t.budget_discipline}) {
      EXPECT_GT(p, 0.0);
      EXPECT_LT(p, 1.0);
    }
    EXPECT_NEAR(std::accumulate(t.taste.begin(), t.taste.end(), 0.0), 1.0, 1e-9);
    EXPECT_GE(t.pay_day, 0);
    EXPECT_LE(t.pay_day, 28);
    EXPECT_GE(t.overdraft_limit, 0);
    EXPECT_GE(t.response.fatigue, 0.0f);
    EXPECT_LE(t.response.fatigue, 1.0f);
  }
}

// Persona means are ordered as designed, and the whole trait profile tells the personas
// apart even though single traits overlap (next test).
TEST(DrawTraits, PersonasAreOrderedAndSeparable) {
  const std::vector<UserTraits> users = draw_many(5000, 1.0);
  std::array<std::array<double, 8>, k_persona_count> mean{};
  std::array<int, k_persona_count> count{};
  for (const UserTraits& t : users) {
    const auto v = trait_vector(t);
    const auto p = static_cast<size_t>(t.persona);
    ++count[p];
    for (size_t i = 0; i < v.size(); ++i) mean[p][i] += v[i];
  }
  for (size_t p = 0; p < mean.size(); ++p)
    for (double& m : mean[p]) m /= count[p];
  const auto saver = static_cast<size_t>(Persona::ConservativeSaver);
  const auto impulse = static_cast<size_t>(Persona::ImpulseBuyer);
  const auto goal = static_cast<size_t>(Persona::GoalOriented);
  const auto budget = static_cast<size_t>(Persona::BudgetConscious);
  const auto high = static_cast<size_t>(Persona::HighSpender);
  // income (0): high > goal > saver > impulse > budget
  EXPECT_GT(mean[high][0], mean[goal][0]);
  EXPECT_GT(mean[goal][0], mean[impulse][0]);
  EXPECT_GT(mean[impulse][0], mean[budget][0]);
  // savings propensity (1): savers first; impulsivity (2): impulse buyers first
  for (size_t p : {impulse, goal, budget, high}) EXPECT_GT(mean[saver][1], mean[p][1]);
  for (size_t p : {saver, goal, budget, high}) EXPECT_GT(mean[impulse][2], mean[p][2]);
  // goal commitment (7): goal-oriented first
  for (size_t p : {saver, impulse, budget, high}) EXPECT_GT(mean[goal][7], mean[p][7]);

  EXPECT_GT(nearest_mean_share(users), 0.95) << "the whole profile should tell the personas apart";
}

TEST(DrawTraits, EveryPersonaSharesHalfItsTraitsWithAnother) {
  const std::vector<UserTraits> users = draw_many(5000, 1.0);
  // The central 90% range of every trait per persona.
  std::array<std::array<std::vector<double>, 8>, k_persona_count> values;
  for (const UserTraits& t : users) {
    const auto v = trait_vector(t);
    for (size_t i = 0; i < v.size(); ++i) values[static_cast<size_t>(t.persona)][i].push_back(v[i]);
  }
  std::array<std::array<std::pair<double, double>, 8>, k_persona_count> range;
  for (size_t p = 0; p < values.size(); ++p)
    for (size_t i = 0; i < 8; ++i) {
      std::vector<double> sorted = values[p][i];
      std::sort(sorted.begin(), sorted.end());
      range[p][i] = {sorted[sorted.size() / 20], sorted[sorted.size() * 19 / 20]};
    }
  for (size_t p = 0; p < values.size(); ++p) {
    int shared = 0;  // traits on which a quarter of p's users fall in another persona's range
    for (size_t i = 0; i < 8; ++i) {
      size_t inside = 0;
      for (double x : values[p][i])
        for (size_t o = 0; o < values.size(); ++o)
          if (o != p && x >= range[o][i].first && x <= range[o][i].second) {
            ++inside;
            break;
          }
      shared += inside * 4 >= values[p][i].size() ? 1 : 0;
    }
    EXPECT_GE(shared, 4) << to_string(static_cast<Persona>(p)) << " should share half its traits with others";
  }
}

TEST(DrawTraits, WiderSpreadBlursThePersonas) {
  EXPECT_LT(nearest_mean_share(draw_many(5000, 2.5)), 0.97) << "personas should overlap at a wide spread";
  EXPECT_LT(nearest_mean_share(draw_many(5000, 2.5)), nearest_mean_share(draw_many(5000, 1.0)));
}

}  // namespace
}  // namespace fincoach::simulate
