#include "db/load_checks.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"
#include "unit/db/sample_population.hpp"

namespace fincoach::db {
namespace {

using testing::sample_population;

std::string check_error(const Population& p) {
  try {
    check_storable(p);
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(no InvalidInput)";
}

void expect_error(const Population& p, const std::string& needle) {
  const std::string error = check_error(p);
  EXPECT_NE(error.find(needle), std::string::npos) << error;
}

TEST(LoadChecks, TheSampleIsStorable) {
  EXPECT_NO_THROW(check_storable(sample_population()));
}

TEST(LoadChecks, MinorDigitsBeyondTheNumericScale) {
  Population p = sample_population();
  p.ledger.minor_digits = 3;
  expect_error(p, "3 minor digits");
}

TEST(LoadChecks, LedgerValues) {
  Population p = sample_population();
  p.ledger.amount[0] = 1000000000000;  // 10^10 major units
  expect_error(p, "transactions.amount (ledger row 0");
  p = sample_population();
  p.ledger.second[0] = 86400;
  expect_error(p, "transactions.second_of_day");
  p = sample_population();
  p.ledger.day[0] = -800000;
  expect_error(p, "transactions.transaction_date");
  p = sample_population();
  p.ledger.balance[0] = -1000000000000;
  expect_error(p, "transactions.balance_after");
}

TEST(LoadChecks, TextTheDatabasesCannotHold) {
  Population p = sample_population();
  p.ledger.merchants = StringDictionary();
  p.ledger.merchants.intern(std::string(256, 'm'));
  std::fill(p.ledger.merchant.begin(), p.ledger.merchant.end(), 0u);
  expect_error(p, "transactions.merchant_name");
  expect_error(p, "VARCHAR(255)");
  p = sample_population();
  p.users.first_name[0] = std::string("a\0b", 3);
  expect_error(p, "users.first_name");
  expect_error(p, "NUL byte");
  p = sample_population();
  p.users.last_name[1] = "\xff";
  expect_error(p, "users.last_name");
  expect_error(p, "not valid UTF-8");
}

TEST(LoadChecks, VarcharLimitsCountCharactersNotBytes) {
  Population p = sample_population();
  std::string hundred_accents;
  for (int i = 0; i < 100; ++i) hundred_accents += "\xc3\xa9";
  p.users.first_name[0] = hundred_accents;
  EXPECT_NO_THROW(check_storable(p));
  p.users.first_name[0] += "e";
  expect_error(p, "VARCHAR(100)");
  EXPECT_EQ(utf8_length("caf\xc3\xa9 \xf0\x9f\x99\x82"), 6u);
}

TEST(LoadChecks, SideTables) {
  Population p = sample_population();
  p.recommendations.confidence[0] = 1.5f;
  expect_error(p, "recommendation_history.confidence_score (recommendation 0)");
  p = sample_population();
  p.recommendations.propensity[1] = std::numeric_limits<float>::quiet_NaN();
  expect_error(p, "recommendation_history.propensity (recommendation 1)");
  p = sample_population();
  p.recommendations.feedback_day[1] = 5;  // pending
  expect_error(p, "feedback is pending but has day 5");
  p = sample_population();
  p.users.monthly_income[0] = 10000000000;  // NUMERIC(10,2) holds < 10^8 major units
  expect_error(p, "user_profiles.monthly_income");
  p = sample_population();
  p.purchases.total_amount[0] = 10000000000;
  expect_error(p, "user_purchases.total_amount (purchase 0)");
  p = sample_population();
  p.goals.deadline_day[2] = 3000000;
  expect_error(p, "financial_goals deadline (goal 2)");
}

}  // namespace
}  // namespace fincoach::db
