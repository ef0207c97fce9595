// Features on a simulated population: recurring streams scored against the simulator's
// ground truth, and the incremental weekly panel against the from-scratch one on realistic
// data (times of day, merchants, goals, overdrafts).

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include <fmt/format.h>

#include "fincoach/features/panel.hpp"
#include "fincoach/features/recurring.hpp"
#include "fincoach/simulate/simulator.hpp"

namespace fincoach::features {
namespace {

const simulate::SimulationResult& population() {
  static const simulate::SimulationResult r = [] {
    simulate::SimulationParams p;
    p.users = 400;
    p.months = 12;
    p.seed = 7;
    p.threads = 2;
    return simulate::simulate(p);
  }();
  return r;
}

std::vector<StreamTruth> truth_of(const simulate::RecurringStreams& s, std::vector<uint8_t>* kinds = nullptr) {
  std::vector<StreamTruth> truth;
  for (size_t i = 0; i < s.size(); ++i) {
    truth.push_back({s.user[i], s.merchant[i], s.cadence_days[i], s.amount[i]});
    if (kinds != nullptr) kinds->push_back(s.kind[i]);
  }
  return truth;
}

TEST(SimulatedFeatures, RecurringStreamsAgainstGroundTruth) {
  const auto& sim = population();
  std::vector<uint8_t> kinds;
  const std::vector<StreamTruth> truth = truth_of(sim.truth.streams, &kinds);
  const RecurringStreamTable detected = detect_recurring(sim.population.ledger, RecurringParams{}, 2);
  const RecurringScore all = score_recurring(detected, truth);
  std::map<uint8_t, std::vector<StreamTruth>> by_kind;
  for (size_t i = 0; i < truth.size(); ++i) by_kind[kinds[i]].push_back(truth[i]);
  for (const auto& [kind, t] : by_kind) {
    const RecurringScore s = score_recurring(detected, t);
    std::printf("%-13s truth %5llu recall %.3f\n", std::string(simulate::to_string(static_cast<simulate::StreamKind>(kind))).c_str(),
                static_cast<unsigned long long>(s.truth), s.recall());
  }
  std::printf("all: truth %llu detected %llu precision %.3f recall %.3f\n", static_cast<unsigned long long>(all.truth),
              static_cast<unsigned long long>(all.detected), all.precision(), all.recall());
  EXPECT_GE(all.precision(), 0.9);
  EXPECT_GE(all.recall(), 0.95);
}

TEST(SimulatedFeatures, IncrementalPanelEqualsFromScratch) {
  const auto& sim = population();
  FeatureContext ctx;
  ctx.goals = &sim.population.goals;
  for (uint32_t u = 0; u < sim.population.ledger.user_count(); ++u) ctx.segment.push_back(static_cast<int32_t>(u % 5));
  FeatureParams p;
  p.threads = 2;
  p.baseline_days = 120;
  const WeeklyPanel fast = build_weekly_panel(sim.population.ledger, ctx, p);
  const WeeklyPanel slow = build_weekly_panel_from_scratch(sim.population.ledger, ctx, p);
  ASSERT_EQ(fast.rows(), slow.rows());
  for (size_t i = 0; i < fast.matrix.values.size(); ++i) {
    ASSERT_EQ(fast.matrix.values[i], slow.matrix.values[i])
        << "row " << i / fast.matrix.cols() << " " << fast.matrix.schema.features[i % fast.matrix.cols()].name;
    ASSERT_TRUE(std::isfinite(fast.matrix.values[i]));
  }
  EXPECT_EQ(fast.matrix.missing, slow.matrix.missing);
}

}  // namespace
}  // namespace fincoach::features
