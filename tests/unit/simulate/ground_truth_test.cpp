#include "fincoach/simulate/ground_truth.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sim_fixture.hpp"

namespace fincoach::simulate {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines_of(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(GroundTruth, WritesOneFilePerTableWithMatchingRowCounts) {
  const SimulationResult& r = testing::small_population();
  const fs::path dir = fs::temp_directory_path() / "fincoach_ground_truth_test";
  fs::remove_all(dir);
  write_ground_truth(r.population, r.truth, dir.string());

  const auto users = lines_of(dir / "users.csv");
  ASSERT_EQ(users.size(), r.truth.users.size() + 1);
  EXPECT_EQ(users[0].rfind("user_id,sim_index,persona,monthly_income,pay_cycle", 0), 0u);
  EXPECT_NE(users[0].find("taste_online_shopping"), std::string::npos);
  EXPECT_EQ(users[1].rfind(std::string(r.population.ledger.users.at(0)) + ",", 0), 0u);

  const auto goals = lines_of(dir / "goals.csv");
  ASSERT_EQ(goals.size(), r.population.goals.size() + 1);
  EXPECT_EQ(goals[0],
            "user_id,goal,name,target_amount,start_date,deadline,achieved,reached_date,saved_by_deadline,"
            "commitment");
  EXPECT_EQ(lines_of(dir / "responses.csv").size(), 5 * r.truth.users.size() + 1);
  EXPECT_EQ(lines_of(dir / "streams.csv").size(), r.truth.streams.size() + 1);
  EXPECT_EQ(lines_of(dir / "events.csv").size(), r.truth.events.size() + 1);
  fs::remove_all(dir);
}

TEST(GroundTruth, EveryUserHasIncomeAndHousingStreams) {
  const SimulationResult& r = testing::small_population();
  const RecurringStreams& s = r.truth.streams;
  std::vector<int> income(r.truth.users.size()), housing(r.truth.users.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.kind[i] == static_cast<uint8_t>(StreamKind::Income)) {
      ++income[s.user[i]];
      EXPECT_GT(s.amount[i], 0);
    }
    if (s.kind[i] == static_cast<uint8_t>(StreamKind::Housing)) {
      ++housing[s.user[i]];
      EXPECT_LT(s.amount[i], 0);
    }
    EXPECT_TRUE(s.cadence_days[i] == 7 || s.cadence_days[i] == 9 || s.cadence_days[i] == 14 || s.cadence_days[i] == 30);
  }
  for (size_t u = 0; u < income.size(); ++u) {
    EXPECT_EQ(income[u], 1) << u;
    EXPECT_EQ(housing[u], 1) << u;
  }
  EXPECT_EQ(to_string(StreamKind::Subscription), "subscription");
  EXPECT_EQ(to_string(LifeEventKind::IncomeShock), "income_shock");
}

}  // namespace
}  // namespace fincoach::simulate
