#include "fincoach/simulate/transactions_csv.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"

namespace fincoach::simulate {
namespace {

namespace fs = std::filesystem;

TEST(FincoachCsv, WritesTheProfileColumnsExactly) {
  LedgerBuilder b;
  LedgerRow r;
  r.user = "u1";
  r.day = days_from_civil(2024, 3, 5);
  r.second = 3600 * 9 + 61;
  r.amount = -1234;
  r.balance = 5;
  r.category = AppCategory::DineOut;
  r.raw_category = "Dine Out";
  r.type_code = "DEB";
  r.description = "PIZZA, PASTA";
  r.merchant = "Luigi \"Big\" Pizza";
  r.city = "London";
  r.country = "UK";
  b.append(r);
  r.second = -1;  // date only
  r.amount = 50;
  r.balance = -7;
  r.category = AppCategory::Income;
  r.description = "REFUND";
  r.merchant = "Shop";
  r.city = "";
  b.append(r);
  r.balance = k_no_balance;
  r.amount = 100000;
  r.user = "u2";
  b.append(r);
  const Ledger l = std::move(b).finish();

  const fs::path path = fs::temp_directory_path() / "fincoach_csv_test.csv";
  write_fincoach_csv(l, path.string(), 2);
  EXPECT_EQ(
      read_text_file(path.string()),
      std::string(k_fincoach_csv_header) + "\n" +
          "u1,2024-03-05 09:01:01,debit,12.34,dine_out,\"PIZZA, PASTA\",\"Luigi \"\"Big\"\" Pizza\",London,UK,0.05\n"
          "u1,2024-03-05,credit,0.50,income,REFUND,Shop,,UK,-0.07\n"
          "u2,2024-03-05,credit,1000.00,income,REFUND,Shop,,UK,\n");
  fs::remove(path);
}

TEST(FincoachCsv, EmptyLedgerGivesTheHeaderOnly) {
  const fs::path path = fs::temp_directory_path() / "fincoach_csv_empty.csv";
  write_fincoach_csv(Ledger(), path.string(), 1);
  EXPECT_EQ(read_text_file(path.string()), std::string(k_fincoach_csv_header) + "\n");
  fs::remove(path);
}

TEST(FincoachCsv, UnwritablePathIsAnIoError) {
  EXPECT_THROW(write_fincoach_csv(Ledger(), "/nonexistent-dir/x.csv", 1), IoError);
}

}  // namespace
}  // namespace fincoach::simulate
