#include <gtest/gtest.h>

#include "fincoach/validate/quality.hpp"
#include "unit/validate/ledger_fixture.hpp"

namespace fincoach::validate {
namespace {

using testing::build_ledger;
using testing::day_of;

LedgerRow full_row() {
  LedgerRow row;
  row.user = "alice";
  row.day = day_of(2022, 7, 25);
  row.second = 9 * 3600;
  row.amount = -311;
  row.balance = 54143;
  row.category = AppCategory::Savings;
  row.raw_category = "Savings";
  row.type_code = "BP";
  row.description = "SAVE THE CHANGE";
  row.merchant = "Bank";
  row.city = "Nottingham";
  row.country = "UK";
  return row;
}

const FieldCompleteness& field(const QualityReport& report, std::string_view name) {
  for (const FieldCompleteness& item : report.completeness.fields)
    if (item.field == name) return item;
  throw std::runtime_error("no field " + std::string(name));
}

TEST(QualityCompleteness, FieldsInFixedOrder) {
  const QualityReport report = assess_quality(build_ledger({full_row()}));
  std::vector<std::string> names;
  for (const FieldCompleteness& item : report.completeness.fields) names.push_back(item.field);
  EXPECT_EQ(names, (std::vector<std::string>{"time", "balance", "raw_category", "type", "description", "merchant",
                                             "city", "country"}));
}

TEST(QualityCompleteness, CountsPresentValuesAndTreatsBlankAsMissing) {
  LedgerRow no_place = full_row();
  no_place.city = "";
  no_place.country = "   ";  // white space only is no value
  LedgerRow sparse = full_row();
  sparse.second = -1;
  sparse.balance = k_no_balance;
  sparse.raw_category = "";
  sparse.type_code = "";
  sparse.merchant = "";
  sparse.city = "";
  LedgerRow untimed = full_row();
  untimed.second = -1;
  const QualityReport report = assess_quality(build_ledger({full_row(), no_place, sparse, untimed}));
  EXPECT_EQ(report.completeness.rows, 4u);

  EXPECT_EQ(field(report, "time").present, 2u);
  EXPECT_EQ(field(report, "time").missing, 2u);
  EXPECT_DOUBLE_EQ(field(report, "time").fraction, 0.5);
  EXPECT_EQ(field(report, "balance").present, 3u);
  EXPECT_DOUBLE_EQ(field(report, "balance").fraction, 0.75);
  EXPECT_DOUBLE_EQ(field(report, "raw_category").fraction, 0.75);
  EXPECT_DOUBLE_EQ(field(report, "type").fraction, 0.75);
  EXPECT_DOUBLE_EQ(field(report, "description").fraction, 1.0);
  EXPECT_DOUBLE_EQ(field(report, "merchant").fraction, 0.75);
  EXPECT_EQ(field(report, "city").missing, 2u);
  EXPECT_DOUBLE_EQ(field(report, "city").fraction, 0.5);
  EXPECT_EQ(field(report, "country").missing, 1u);
  EXPECT_DOUBLE_EQ(field(report, "country").fraction, 0.75);
}

TEST(QualityCompleteness, EmptyLedgerHasZeroFractions) {
  const QualityReport report = assess_quality(LedgerBuilder().finish());
  EXPECT_EQ(report.completeness.rows, 0u);
  ASSERT_EQ(report.completeness.fields.size(), 8u);
  for (const FieldCompleteness& item : report.completeness.fields) {
    EXPECT_EQ(item.present, 0u);
    EXPECT_EQ(item.missing, 0u);
    EXPECT_EQ(item.fraction, 0.0);
  }
}

}  // namespace
}  // namespace fincoach::validate
