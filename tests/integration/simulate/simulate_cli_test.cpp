// Drives `fincoach simulate`: outputs, byte-identical results for any --threads, the
// re-ingest through the fincoach profile, and bad input.

#include <gtest/gtest.h>

#include "integration/support/run_fincoach.hpp"
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "fincoach/common/file_io.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/simulate/population_file.hpp"

namespace {

namespace fs = std::filesystem;

using fincoach::testing::RunResult;
using fincoach::testing::run_fincoach;

class SimulateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("fincoach_simulate_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

constexpr const char* k_outputs[] = {"ledger.fcl",
                                     "population.fcp",
                                     "transactions.csv",
                                     "manifest.json",
                                     "ground_truth/users.csv",
                                     "ground_truth/goals.csv",
                                     "ground_truth/responses.csv",
                                     "ground_truth/streams.csv",
                                     "ground_truth/events.csv"};

TEST_F(SimulateCli, OutputsAreByteIdenticalForAnyThreadCount) {
  const std::string common = "simulate --users 70 --months 3 --seed 9 --start-date 2023-03-01 ";
  const RunResult one = run_fincoach(common + "--threads 1 --out " + path("one"));
  ASSERT_EQ(one.exit_code, 0) << one.output;
  const RunResult two = run_fincoach(common + "--threads 2 --out " + path("two"));
  ASSERT_EQ(two.exit_code, 0) << two.output;
  EXPECT_NE(one.output.find("simulated 70 users from 2023-03-01 to 2023-05-31"), std::string::npos) << one.output;
  for (const char* name : k_outputs) {
    ASSERT_TRUE(fs::exists(path("one/") + name)) << name;
    EXPECT_EQ(fincoach::read_text_file(path("one/") + name), fincoach::read_text_file(path("two/") + name)) << name;
  }
  const fincoach::Population p = fincoach::simulate::load_population(path("one"));
  EXPECT_EQ(p.ledger.user_count(), 70u);
  EXPECT_EQ(p.users.size(), 70u);
}

TEST_F(SimulateCli, ReingestingTheCsvGivesTheSameAmountsAndBalances) {
  ASSERT_EQ(run_fincoach("simulate --users 30 --months 2 --out " + path("sim")).exit_code, 0);
  const RunResult ingest =
      run_fincoach("ingest " + path("sim/transactions.csv") + " --profile fincoach --out " + path("back.fcl"));
  ASSERT_EQ(ingest.exit_code, 0) << ingest.output;
  EXPECT_NE(ingest.output.find("rejected 0 of"), std::string::npos) << ingest.output;
  const fincoach::Ledger back = fincoach::load_ledger(path("back.fcl"));
  const fincoach::Ledger sim = fincoach::load_ledger(path("sim/ledger.fcl"));
  EXPECT_EQ(back.users, sim.users);
  EXPECT_EQ(back.day, sim.day);
  EXPECT_EQ(back.second, sim.second);
  EXPECT_EQ(back.amount, sim.amount);
  EXPECT_EQ(back.balance, sim.balance);
  EXPECT_EQ(back.category, sim.category);
  EXPECT_EQ(back.merchants, sim.merchants);
}

TEST_F(SimulateCli, BadInputExitsWithTwoAndNamesTheField) {
  struct Case {
    const char* args;
    const char* message;
  };
  for (const Case& c : {Case{"--users 0", "simulate.users = 0"}, Case{"--months 121", "simulate.months = 121"},
                        Case{"--start-date 2024-02-30", "start_date"}, Case{"--epsilon 2", "simulate.epsilon = 2"}}) {
    const RunResult r = run_fincoach(std::string("simulate ") + c.args + " --out " + path("x"));
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << r.output;
  }
  const RunResult no_out = run_fincoach("simulate --users 5");
  EXPECT_EQ(no_out.exit_code, 2);
  EXPECT_NE(no_out.output.find("--out"), std::string::npos) << no_out.output;
  EXPECT_FALSE(fs::exists(path("x")));
}

TEST_F(SimulateCli, HelpListsTheSettings) {
  const RunResult r = run_fincoach("simulate --help");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const char* flag : {"--users", "--months", "--start-date", "--epsilon", "--out", "--no-csv"})
    EXPECT_NE(r.output.find(flag), std::string::npos) << flag << "\n" << r.output;
}

TEST_F(SimulateCli, ConfigSectionSetsTheParameters) {
  fincoach::write_file_atomic(path("sim.toml"), "[simulate]\nusers = 12\nmonths = 1\nepsilon = 0.0\n");
  const RunResult r = run_fincoach("--config " + path("sim.toml") + " simulate --no-csv --out " + path("cfg"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("simulated 12 users"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(path("cfg/transactions.csv")));
  EXPECT_TRUE(fs::exists(path("cfg/population.fcp")));
}

// --db loads the population straight into a FinCoach database; exporting it gives back the
// ledger the same run writes to --out.
TEST_F(SimulateCli, DbLoadsThePopulationIntoADatabase) {
  const std::string url = path("sim.db");
  const RunResult r = run_fincoach("simulate --users 40 --months 2 --seed 5 --no-csv --out " + path("sim") +
                                   " --db " + url);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("loaded 40 users"), std::string::npos) << r.output;
  const RunResult exported = run_fincoach("db export " + url + " --out " + path("back.fcl"));
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  EXPECT_EQ(fincoach::ledger_fingerprint(fincoach::load_ledger(path("back.fcl"))),
            fincoach::ledger_fingerprint(fincoach::load_ledger(path("sim/ledger.fcl"))));
  // Only a database: no files written beside it.
  const RunResult only = run_fincoach("simulate --users 10 --months 1 --db " + path("only.db"));
  ASSERT_EQ(only.exit_code, 0) << only.output;
  EXPECT_TRUE(fs::exists(path("only.db")));
}

TEST_F(SimulateCli, DbBadUrlFailsBeforeSimulating) {
  const RunResult r = run_fincoach("simulate --users 10 --months 1 --db mysql://localhost/x");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("mysql://localhost/x"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("simulated"), std::string::npos) << r.output;
  const RunResult neither = run_fincoach("simulate --users 10 --months 1");
  EXPECT_EQ(neither.exit_code, 2) << neither.output;
  EXPECT_NE(neither.output.find("--db URL"), std::string::npos) << neither.output;
}

}  // namespace
