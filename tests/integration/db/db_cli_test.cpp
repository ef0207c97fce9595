// `fincoach db init|load|export` end to end through the real binary: ledgers and populations
// come back identical from SQLite and PostgreSQL; bad input exits 2 with a message naming it.

#include <gtest/gtest.h>

#include "integration/support/run_fincoach.hpp"
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "fincoach/common/ledger_file.hpp"
#include "fincoach/db/database.hpp"
#include "fincoach/simulate/population_file.hpp"
#include "integration/db/postgres_fixture.hpp"
#include "unit/db/sample_population.hpp"

namespace fincoach::db {
namespace {

namespace fs = std::filesystem;

using fincoach::testing::RunResult;
using fincoach::testing::run_fincoach;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("fincoach_db_cli_" + std::to_string(::getpid()) + "_" + info->test_suite_name() + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~ScratchDir() { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  fs::path dir_;
};

// Init, load, export and compare, for any URL.
void expect_round_trips(const std::string& url, const ScratchDir& dir) {
  const Population original = testing::sample_population();
  simulate::save_population(original, dir.path("in"));
  save_ledger(original.ledger, dir.path("in.fcl"));

  RunResult r = run_fincoach("db init '" + url + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "schema version 0 -> 1")) << r.output;
  r = run_fincoach("db load '" + url + "' --population " + dir.path("in"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(
      contains(r.output, "loaded 5 users, 12 transactions, 4 goals, 7 recommendations (5 with feedback), 4 purchases"))
      << r.output;
  r = run_fincoach("db export '" + url + "' --out " + dir.path("out.fcl") + " --population-out " + dir.path("out"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(load_ledger(dir.path("out.fcl")), original.ledger);
  EXPECT_EQ(simulate::load_population(dir.path("out")), original);
  EXPECT_TRUE(contains(r.output, ledger_fingerprint(original.ledger))) << r.output;

  // The same ledger again is refused and changes nothing.
  r = run_fincoach("db load '" + url + "' --ledger " + dir.path("in.fcl"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(contains(r.output, "users")) << r.output;
  r = run_fincoach("db export '" + url + "' --population-out " + dir.path("again"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(simulate::load_population(dir.path("again")), original);
}

TEST(DbCli, SqliteRoundTrip) {
  const ScratchDir dir;
  expect_round_trips("sqlite:" + dir.path("fincoach.db"), dir);
}

TEST(DbCli, LedgerAloneGetsDefaultProfiles) {
  const ScratchDir dir;
  const Ledger ledger = testing::sample_ledger();
  save_ledger(ledger, dir.path("in.fcl"));
  const std::string db = dir.path("fincoach.db");
  RunResult r = run_fincoach("db load " + db + " --ledger " + dir.path("in.fcl"));  // load migrates
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_fincoach("db export " + db + " --out " + dir.path("out.fcl"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(load_ledger(dir.path("out.fcl")), ledger);
}

TEST(DbCli, BadInputExitsTwoNamingIt) {
  const ScratchDir dir;
  RunResult r = run_fincoach("db export mysql://root:pw@host/db --out " + dir.path("x.fcl"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.output, "'mysql'")) << r.output;
  EXPECT_FALSE(contains(r.output, "pw@")) << r.output;
  r = run_fincoach("db export " + dir.path("missing.db") + " --out " + dir.path("x.fcl"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.output, "missing.db")) << r.output;
  EXPECT_FALSE(fs::exists(dir.path("missing.db")));
  r = run_fincoach("db load " + dir.path("a.db"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.output, "--ledger")) << r.output;
  r = run_fincoach("db init");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = run_fincoach("db export " + dir.path("a.db"));
  EXPECT_EQ(r.exit_code, 2);
  // A database from a newer fincoach.
  ASSERT_EQ(run_fincoach("db init " + dir.path("new.db")).exit_code, 0);
  open_database(dir.path("new.db"))->execute("INSERT INTO schema_version (version, name) VALUES (42, '042_x')", "test");
  r = run_fincoach("db export " + dir.path("new.db") + " --out " + dir.path("x.fcl"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.output, "schema version 42")) << r.output;
  r = run_fincoach("db init " + dir.path("new.db"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(contains(r.output, "schema version 42")) << r.output;
}

TEST(DbCli, UnreachablePostgresIsAFailureNamingTheUrl) {
  const RunResult r = run_fincoach("db init 'postgresql://postgres:secret@127.0.0.1:1/finance?connect_timeout=2'");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output, "postgresql://postgres:***@127.0.0.1:1/finance")) << r.output;
  EXPECT_FALSE(contains(r.output, "secret")) << r.output;
}

class DbCliPostgres : public testing::PostgresTest {};

TEST_F(DbCliPostgres, PostgresRoundTrip) {
  const ScratchDir dir;
  expect_round_trips(url(), dir);
}

}  // namespace
}  // namespace fincoach::db
