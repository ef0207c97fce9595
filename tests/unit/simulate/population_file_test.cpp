#include "fincoach/simulate/population_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fincoach/common/error.hpp"
#include "sim_fixture.hpp"

namespace fincoach::simulate {
namespace {

namespace fs = std::filesystem;

class PopulationFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("fincoach_popfile_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string tables() const { return (dir_ / k_population_tables_file).string(); }

  void flip_byte(const std::string& path, std::streamoff offset) const {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(offset);
    char c = 0;
    f.get(c);
    f.seekp(offset);
    f.put(static_cast<char>(c ^ 0x5a));
  }

  fs::path dir_;
};

TEST_F(PopulationFileTest, RoundTripsEveryTable) {
  const Population& p = testing::small_population().population;
  save_population(p, dir_.string());
  EXPECT_TRUE(fs::exists(dir_ / k_population_ledger_file));
  const Population loaded = load_population(dir_.string());
  EXPECT_TRUE(loaded == p);
  // No temporary left behind.
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos);
}

TEST_F(PopulationFileTest, EmptySideTablesRoundTrip) {
  SimulationParams params = testing::small_params();
  params.users = 3;
  params.months = 1;
  params.coaching = false;
  params.marketplace_rate = 0.0;
  Population p = simulate(params).population;
  p.goals = GoalTable();
  save_population(p, dir_.string());
  EXPECT_TRUE(load_population(dir_.string()) == p);
}

TEST_F(PopulationFileTest, CorruptionIsDetected) {
  save_population(testing::small_population().population, dir_.string());
  flip_byte(tables(), static_cast<std::streamoff>(fs::file_size(tables()) - 10));
  try {
    load_population(dir_.string());
    FAIL() << "corruption not detected";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("checksum"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(tables()), std::string::npos) << e.what();
  }
}

TEST_F(PopulationFileTest, BadMagicNewerVersionAndTruncationAreRefused) {
  save_population(testing::small_population().population, dir_.string());
  const std::string good = tables() + ".good";
  fs::copy_file(tables(), good);

  flip_byte(tables(), 0);
  EXPECT_THROW(load_population(dir_.string()), InvalidInput);

  fs::copy_file(good, tables(), fs::copy_options::overwrite_existing);
  {
    std::fstream f(tables(), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(8);
    const uint32_t version = k_population_file_version + 1;
    f.write(reinterpret_cast<const char*>(&version), sizeof(version));
  }
  try {
    load_population(dir_.string());
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }

  fs::copy_file(good, tables(), fs::copy_options::overwrite_existing);
  fs::resize_file(tables(), fs::file_size(tables()) / 2);
  EXPECT_THROW(load_population(dir_.string()), InvalidInput);
  fs::resize_file(tables(), 10);
  EXPECT_THROW(load_population(dir_.string()), InvalidInput);
}

TEST_F(PopulationFileTest, SideTablesOfAnotherLedgerAreRefused) {
  save_population(testing::small_population().population, dir_.string());
  SimulationParams other = testing::small_params();
  other.users = 5;
  Population p;
  p.ledger = simulate(other).population.ledger;
  try {
    load_population_tables(tables(), p);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("another ledger"), std::string::npos) << e.what();
  }
}

TEST_F(PopulationFileTest, MissingFilesAreIoErrors) {
  EXPECT_THROW(load_population((dir_ / "nowhere").string()), IoError);
}

}  // namespace
}  // namespace fincoach::simulate
