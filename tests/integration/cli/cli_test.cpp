// Drives the real `fincoach` binary: exit codes, help, config handling, atomic outputs.

#include <gtest/gtest.h>

#include "integration/support/run_fincoach.hpp"
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "fincoach/common/ledger_file.hpp"

namespace {

namespace fs = std::filesystem;

using fincoach::testing::RunResult;
using fincoach::testing::run_fincoach;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("fincoach_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write(const std::string& name, const std::string& content) const { std::ofstream(path(name)) << content; }
  fs::path dir_;
};

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

TEST_F(CliTest, EverySubcommandHasHelp) {
  for (const char* command : {"ingest", "validate", "demo"}) {
    const RunResult r = run_fincoach(std::string(command) + " --help");
    EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.output;
    EXPECT_TRUE(contains(r.output, "Usage")) << r.output;
  }
  const RunResult top = run_fincoach("--help");
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_TRUE(contains(top.output, "--config"));
  EXPECT_TRUE(contains(top.output, "--seed"));
  EXPECT_TRUE(contains(top.output, "--threads"));
  EXPECT_TRUE(contains(top.output, "--log-level"));
}

TEST_F(CliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_fincoach("").exit_code, 2);
  EXPECT_EQ(run_fincoach("no-such-command").exit_code, 2);
  EXPECT_EQ(run_fincoach("ingest --no-such-flag").exit_code, 2);
  const RunResult bad_level = run_fincoach("--log-level loud ingest --list-profiles");
  EXPECT_EQ(bad_level.exit_code, 2);
  EXPECT_TRUE(contains(bad_level.output, "loud")) << bad_level.output;
  const RunResult bad_flag_value = run_fincoach("ingest x.csv --max-reject-fraction lots");
  EXPECT_EQ(bad_flag_value.exit_code, 2);
  EXPECT_TRUE(contains(bad_flag_value.output, "lots")) << bad_flag_value.output;
}

TEST_F(CliTest, ConfigUnknownKeysAndSectionsAreNamed) {
  write("bad_key.toml", "[ingest]\nmax_reject_fractoin = 0.5\n");
  const RunResult key = run_fincoach("--config " + path("bad_key.toml") + " ingest --list-profiles");
  EXPECT_EQ(key.exit_code, 2);
  EXPECT_TRUE(contains(key.output, "max_reject_fractoin")) << key.output;
  EXPECT_TRUE(contains(key.output, "bad_key.toml")) << key.output;
  write("bad_section.toml", "[ingestt]\n");
  const RunResult section = run_fincoach("--config " + path("bad_section.toml") + " ingest --list-profiles");
  EXPECT_EQ(section.exit_code, 2);
  EXPECT_TRUE(contains(section.output, "ingestt")) << section.output;
  write("syntax.toml", "[ingest\n");
  EXPECT_EQ(run_fincoach("--config " + path("syntax.toml") + " ingest --list-profiles").exit_code, 2);
}

TEST_F(CliTest, ListsBuiltInProfiles) {
  const RunResult r = run_fincoach("ingest --list-profiles");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "moneyvis"));
  EXPECT_TRUE(contains(r.output, "fincoach"));
}

const char* k_header =
    "Transaction Number,Transaction Date,Transaction Type,Transaction Description,Debit Amount,Credit Amount,"
    "Balance,Category,Location City,Location Country\n";

TEST_F(CliTest, IngestWritesLedgerAndRejects) {
  write("ok.csv", std::string(k_header) +
                      "2,02/01/2022,DEB,TESCO,10.5,,89.5,Groceries,Leeds,UK\n"
                      "1,01/01/2022,BGC,SALARY,,100,100,Paycheck,Leeds,UK\n");
  const RunResult r = run_fincoach("ingest " + path("ok.csv") + " --out " + path("ok.fcl"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const fincoach::Ledger ledger = fincoach::load_ledger(path("ok.fcl"));
  EXPECT_EQ(ledger.rows(), 2u);
  EXPECT_EQ(ledger.amount, (std::vector<int64_t>{10000, -1050}));
  EXPECT_TRUE(fs::exists(path("ok.fcl.rejects.csv")));
}

TEST_F(CliTest, TooManyRejectsExitTwoAndWriteNoLedger) {
  write("bad.csv", std::string(k_header) +
                       "2,02/01/2022,DEB,TESCO,ten,,89.5,Groceries,Leeds,UK\n"
                       "1,01/01/2022,BGC,SALARY,,100,100,Paycheck,Leeds,UK\n");
  const RunResult r = run_fincoach("ingest " + path("bad.csv") + " --out " + path("bad.fcl"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_FALSE(fs::exists(path("bad.fcl")));
  EXPECT_TRUE(contains(r.output, "ten")) << r.output;
  std::ifstream rejects(path("bad.fcl.rejects.csv"));
  std::string text((std::istreambuf_iterator<char>(rejects)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(contains(text, ",2,")) << text;  // line 2 of the file
  // The same file passes when the policy tolerates half the rows.
  const RunResult lenient =
      run_fincoach("ingest " + path("bad.csv") + " --out " + path("bad.fcl") + " --max-reject-fraction 0.5");
  EXPECT_EQ(lenient.exit_code, 0) << lenient.output;
  EXPECT_EQ(fincoach::load_ledger(path("bad.fcl")).rows(), 1u);
}

TEST_F(CliTest, MissingInputIsARuntimeFailureNamingThePath) {
  const RunResult r = run_fincoach("ingest " + path("absent.csv") + " --out " + path("x.fcl"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_TRUE(contains(r.output, "absent.csv")) << r.output;
}

TEST_F(CliTest, ValidateReadsLedgerAndWritesJson) {
  write("ok.csv", std::string(k_header) + "1,01/01/2022,BGC,SALARY,,100,100,Paycheck,Leeds,UK\n");
  ASSERT_EQ(run_fincoach("ingest " + path("ok.csv") + " --out " + path("ok.fcl")).exit_code, 0);
  const RunResult r = run_fincoach("validate " + path("ok.fcl"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(path("ok.quality.json")));
  write("corrupt.fcl", "FCLEDGER but not really a ledger file at all, just text long enough to read a header");
  const RunResult corrupt = run_fincoach("validate " + path("corrupt.fcl"));
  EXPECT_EQ(corrupt.exit_code, 2) << corrupt.output;
  EXPECT_TRUE(contains(corrupt.output, "corrupt.fcl")) << corrupt.output;
}

TEST_F(CliTest, DemoRunsOnTheBuiltInExample) {
  // A small population keeps this quick; the full-size demo runs in tests/integration/report.
  const RunResult r = run_fincoach("demo --out " + path("demo") + " --users 50 --months 3");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(path("demo/fincoach.db")));
  EXPECT_TRUE(fs::exists(path("demo/train.toml")));
  EXPECT_TRUE(fs::exists(path("demo/models/enhanced/manifest.json")));
  EXPECT_TRUE(fs::exists(path("demo/models/enhanced/validation_reports/data_quality.json")));
  EXPECT_TRUE(fs::exists(path("demo/models/enhanced/report.html")));
}

}  // namespace
