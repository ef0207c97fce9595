#include "fincoach/common/ledger_file.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "fincoach/common/error.hpp"

namespace fincoach {
namespace {

namespace fs = std::filesystem;

Ledger sample_ledger() {
  LedgerBuilder b("EUR", 2);
  const uint32_t file = b.add_source_file("bank.csv");
  for (int i = 0; i < 1000; ++i) {
    LedgerRow r;
    r.user = i % 3 == 0 ? "anna" : "bob";
    r.day = 19000 + i / 7;
    r.second = i % 5 == 0 ? -1 : i * 37 % 86400;
    r.amount = (i % 4 == 0 ? 1 : -1) * (100 + i);
    r.balance = i % 9 == 0 ? k_no_balance : 500000 - i;
    r.category = static_cast<AppCategory>(i % k_app_category_count);
    r.raw_category = i % 2 ? "Bills" : "Dine Out";
    r.type_code = "DEB";
    r.description = i % 3 ? "Café Nero" : "LIDL GB  NOTTINGHA";
    r.merchant = r.description;
    r.city = "Swansea";
    r.country = i % 10 ? "UK" : "";
    r.source_file = file;
    r.source_line = static_cast<uint32_t>(i + 2);
    b.append(r);
  }
  return std::move(b).finish();
}

class LedgerFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("fincoach_ledger_file_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const char* name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(LedgerFileTest, RoundTripIsExact) {
  const Ledger original = sample_ledger();
  save_ledger(original, path("a.fcl"));
  const Ledger loaded = load_ledger(path("a.fcl"));
  EXPECT_EQ(loaded, original);
  EXPECT_EQ(ledger_fingerprint(loaded), ledger_fingerprint(original));
  EXPECT_EQ(loaded.currency, "EUR");
  EXPECT_EQ(loaded.descriptions.find("Café Nero").has_value(), true);
  // No temporary file is left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(LedgerFileTest, EmptyLedgerRoundTrips) {
  const Ledger empty = LedgerBuilder().finish();
  save_ledger(empty, path("e.fcl"));
  EXPECT_EQ(load_ledger(path("e.fcl")), empty);
}

TEST_F(LedgerFileTest, FingerprintChangesWithContent) {
  Ledger a = sample_ledger();
  Ledger b = a;
  b.amount[17] += 1;
  EXPECT_NE(ledger_fingerprint(a), ledger_fingerprint(b));
}

void flip_byte(const std::string& file, std::streamoff offset) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(offset);
  char c = 0;
  f.get(c);
  f.seekp(offset);
  f.put(static_cast<char>(c ^ 0x5A));
}

std::string load_error(const std::string& file) {
  try {
    load_ledger(file);
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "";
}

TEST_F(LedgerFileTest, CorruptionIsDetectedAndNamed) {
  save_ledger(sample_ledger(), path("c.fcl"));
  const auto size = static_cast<std::streamoff>(fs::file_size(path("c.fcl")));
  flip_byte(path("c.fcl"), size - 3);  // inside the last dictionary section
  const std::string message = load_error(path("c.fcl"));
  EXPECT_NE(message.find("checksum mismatch"), std::string::npos) << message;
  EXPECT_NE(message.find("c.fcl"), std::string::npos) << message;
}

TEST_F(LedgerFileTest, TruncationBadMagicAndNewerVersionAreRejected) {
  save_ledger(sample_ledger(), path("t.fcl"));
  fs::copy_file(path("t.fcl"), path("m.fcl"));
  fs::copy_file(path("t.fcl"), path("v.fcl"));
  fs::resize_file(path("t.fcl"), fs::file_size(path("t.fcl")) / 2);
  EXPECT_NE(load_error(path("t.fcl")).find("truncated"), std::string::npos);
  flip_byte(path("m.fcl"), 0);
  EXPECT_NE(load_error(path("m.fcl")).find("bad magic"), std::string::npos);
  flip_byte(path("v.fcl"), 8);  // version field
  EXPECT_NE(load_error(path("v.fcl")).find("newer"), std::string::npos);
  std::ofstream(path("tiny.fcl")) << "hi";
  EXPECT_NE(load_error(path("tiny.fcl")).find("not a fincoach ledger"), std::string::npos);
}

TEST_F(LedgerFileTest, MissingFileIsAnIoError) {
  EXPECT_THROW(load_ledger(path("nope.fcl")), IoError);
  EXPECT_THROW(save_ledger(sample_ledger(), path("no/such/dir/x.fcl")), IoError);
}

}  // namespace
}  // namespace fincoach
