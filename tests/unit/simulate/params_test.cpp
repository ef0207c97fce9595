#include "fincoach/simulate/params.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "fincoach/common/error.hpp"

namespace fincoach::simulate {
namespace {

void expect_invalid(const std::function<void(SimulationParams&)>& change, const std::string& field) {
  SimulationParams p;
  change(p);
  try {
    p.validate();
    ADD_FAILURE() << "no error for " << field;
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
  }
}

TEST(SimulationParams, DefaultsAreValid) {
  EXPECT_NO_THROW(SimulationParams{}.validate());
}

TEST(SimulationParams, EveryRuleNamesItsField) {
  expect_invalid([](auto& p) { p.users = 0; }, "simulate.users = 0");
  expect_invalid([](auto& p) { p.users = 20'000'000; }, "simulate.users");
  expect_invalid([](auto& p) { p.months = 0; }, "simulate.months = 0");
  expect_invalid([](auto& p) { p.months = 121; }, "simulate.months = 121");
  expect_invalid([](auto& p) { p.threads = -1; }, "simulate.threads");
  expect_invalid([](auto& p) { p.start_date = "2024-13-01"; }, "start_date");
  expect_invalid([](auto& p) { p.start_date = "yesterday"; }, "start_date");
  expect_invalid([](auto& p) { p.start_date = "1900-01-01"; }, "simulate.start_date = 1900-01-01");
  expect_invalid([](auto& p) { p.epsilon = -0.1; }, "simulate.epsilon = -0.1");
  expect_invalid([](auto& p) { p.epsilon = 1.5; }, "simulate.epsilon = 1.5");
  expect_invalid([](auto& p) { p.epsilon = std::nan(""); }, "simulate.epsilon");
  expect_invalid([](auto& p) { p.trait_spread = 3.5; }, "simulate.trait_spread");
  expect_invalid([](auto& p) { p.weight_impulse_buyer = -1; }, "simulate.weight_impulse_buyer = -1");
  expect_invalid(
      [](auto& p) {
        p.weight_conservative_saver = p.weight_impulse_buyer = p.weight_goal_oriented = p.weight_budget_conscious =
            p.weight_high_spender = 0;
      },
      "persona weight");
  expect_invalid([](auto& p) { p.marketplace_rate = -1; }, "simulate.marketplace_rate");
  expect_invalid([](auto& p) { p.income_shock_rate = 2; }, "simulate.income_shock_rate");
  expect_invalid([](auto& p) { p.large_purchase_rate = 13; }, "simulate.large_purchase_rate");
  expect_invalid([](auto& p) { p.holiday_rate = -0.5; }, "simulate.holiday_rate");
}

TEST(SimulationParams, BoundaryValuesAreAccepted) {
  SimulationParams p;
  p.users = 1;
  p.months = 120;
  p.epsilon = 0.0;
  p.trait_spread = 0.0;
  EXPECT_NO_THROW(p.validate());
  p.epsilon = 1.0;
  p.months = 1;
  EXPECT_NO_THROW(p.validate());
}

TEST(SimulationParamSet, BindsFlagsButLeavesSeedAndThreadsToTheProgram) {
  SimulationParams p;
  const ParamSet set = simulation_param_set(p);
  EXPECT_EQ(set.section(), "simulate");
  set.set_from_text("users", "250");
  set.set_from_text("start_date", "2023-06-01");
  set.set_from_text("epsilon", "0.1");
  EXPECT_EQ(p.users, 250);
  EXPECT_EQ(p.start_date, "2023-06-01");
  EXPECT_DOUBLE_EQ(p.epsilon, 0.1);
  for (const ParamField& f : set.fields()) {
    EXPECT_NE(f.key, "seed");
    EXPECT_NE(f.key, "threads");
    EXPECT_FALSE(f.help.empty()) << f.key;
  }
  EXPECT_THROW(set.set_from_text("months", "many"), InvalidInput);
}

}  // namespace
}  // namespace fincoach::simulate
