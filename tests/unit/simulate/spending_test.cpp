// Behaviour that telling personas apart depends on, measured on simulated rows.

#include <gtest/gtest.h>

#include "fincoach/common/date.hpp"
#include "sim_fixture.hpp"

namespace fincoach::simulate {
namespace {

struct Habits {
  double weekend_share = 0.0;  // of discretionary card payments
  double evening_share = 0.0;
  double rows_per_user = 0.0;
};

Habits habits_of(const SimulationResult& r, Persona persona) {
  const Ledger& l = r.population.ledger;
  const auto deb = l.type_codes.find("DEB");
  double weekend = 0, evening = 0, card = 0, rows = 0, users = 0;
  for (uint32_t u = 0; u < l.user_count(); ++u) {
    if (r.truth.users[u].persona != persona) continue;
    ++users;
    for (uint64_t row = l.user_begin(u); row < l.user_end(u); ++row) {
      ++rows;
      if (l.type_code[row] != *deb || l.amount[row] > 0 || l.app_category(row) == AppCategory::Entertainment) continue;
      ++card;
      weekend += weekday_from_days(l.day[row]) >= 5 ? 1 : 0;
      evening += l.second[row] >= 18 * 3600 ? 1 : 0;
    }
  }
  return {weekend / card, evening / card, rows / users};
}

TEST(Spending, ImpulseBuyersSpendMoreAtWeekendsAndEveningsThanSavers) {
  const SimulationResult& r = testing::small_population();
  const Habits impulse = habits_of(r, Persona::ImpulseBuyer);
  const Habits saver = habits_of(r, Persona::ConservativeSaver);
  EXPECT_GT(impulse.weekend_share, saver.weekend_share);
  EXPECT_GT(impulse.evening_share, saver.evening_share);
  EXPECT_GT(impulse.rows_per_user, saver.rows_per_user);
  // Weekends are 2/7 of days; impulse buyers concentrate more than that on them.
  EXPECT_GT(impulse.weekend_share, 2.0 / 7.0);
}

TEST(Spending, CashAndCardPaymentsAreDeclinedBelowTheOverdraftLimit) {
  const SimulationResult& r = testing::small_population();
  const Ledger& l = r.population.ledger;
  const auto cpt = l.type_codes.find("CPT");
  ASSERT_TRUE(cpt.has_value());
  for (size_t row = 0; row < l.rows(); ++row)
    if (l.type_code[row] == *cpt) {
      ASSERT_GE(l.balance[row], -r.truth.users[l.user[row]].overdraft_limit);
    }
}

TEST(Spending, DecemberShoppingExceedsNovember) {
  SimulationParams p = testing::small_params();
  p.users = 150;
  p.months = 2;
  p.start_date = "2024-11-01";
  p.coaching = false;
  const SimulationResult r = simulate(p);
  const Ledger& l = r.population.ledger;
  const int32_t december = days_from_civil(2024, 12, 1);
  int64_t november_spend = 0, december_spend = 0;
  for (size_t row = 0; row < l.rows(); ++row) {
    if (l.app_category(row) != AppCategory::Shopping || l.amount[row] > 0) continue;
    if (l.day[row] < december) november_spend -= l.amount[row];
    if (l.day[row] >= december && l.day[row] < december + 24) december_spend -= l.amount[row];
  }
  // 24 December days against 30 November days, and still more.
  EXPECT_GT(december_spend, november_spend);
}

}  // namespace
}  // namespace fincoach::simulate
