#include "fincoach/features/recurring.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"
#include "ledger_fixture.hpp"

namespace fincoach::features {
namespace {

using testing::build;
using testing::day_of;
using testing::Row;

Row pay(const std::string& user, int32_t day, int64_t amount, const std::string& merchant,
        AppCategory c = AppCategory::Bills) {
  Row r;
  r.user = user;
  r.day = day;
  r.amount = amount;
  r.category = c;
  r.merchant = merchant;
  return r;
}

/// Planted streams among noise: a monthly salary on the 25th (moved to Friday at weekends),
/// monthly rent, a weekly gym, a fortnightly allowance, a four-weekly phone bill, a monthly
/// subscription at a merchant also used for shopping, and a grocer visited weekly with
/// varying amounts (not a stream).
std::vector<Row> planted(std::vector<StreamTruth>& truth) {
  std::vector<Row> rows;
  const int32_t start = day_of(2023, 1, 1);
  testing::Rng rng{77};
  for (int m = 0; m < 12; ++m) {
    int32_t payday = day_of(2023, m + 1, 25);
    const int wd = weekday_from_days(payday);
    if (wd >= 5) payday -= wd - 4;
    rows.push_back(pay("u1", payday, 250000 + rng.below(3) * 100, "ACME LTD", AppCategory::Income));
    rows.push_back(pay("u1", day_of(2023, m + 1, 1), -95000, "LANDLORD"));
    rows.push_back(pay("u1", day_of(2023, m + 1, 14), -1099, "AMAZON PRIME", AppCategory::Shopping));
    rows.push_back(pay("u2", day_of(2023, m + 1, 31 > 28 ? 28 : 31), -4500 - rng.below(500), "ENERGY CO"));
  }
  for (int w = 0; w < 52; ++w) {
    rows.push_back(pay("u1", start + 2 + 7 * w, -1500, "GYM"));
    rows.push_back(pay("u1", start + 4 + 7 * w + rng.below(3), -(2000 + rng.below(6000)), "TESCO",
                       AppCategory::Groceries));
    rows.push_back(pay("u1", start + 5 + 7 * w, -(500 + rng.below(9000)), "AMAZON PRIME", AppCategory::Shopping));
  }
  for (int f = 0; f < 26; ++f) rows.push_back(pay("u2", start + 14 * f, 4000, "PARENTS", AppCategory::Income));
  for (int q = 0; q < 13; ++q) rows.push_back(pay("u2", start + 3 + 28 * q, -2500, "PHONE CO"));
  truth = {{0, "ACME LTD", 30, 250000}, {0, "LANDLORD", 30, -95000}, {0, "AMAZON PRIME", 30, -1099},
           {0, "GYM", 7, -1500},        {1, "ENERGY CO", 30, -4700}, {1, "PARENTS", 14, 4000},
           {1, "PHONE CO", 28, -2500}};
  return rows;
}

TEST(Recurring, FindsPlantedStreamsAndNotTheGrocer) {
  std::vector<StreamTruth> truth;
  const Ledger l = build(planted(truth));
  const RecurringStreamTable t = detect_recurring(l, RecurringParams{}, 1);
  const RecurringScore s = score_recurring(t, truth);
  for (size_t i = 0; i < t.size(); ++i)
    EXPECT_NE(t.counterparty[i], "TESCO") << "a weekly shop with varying amounts is not a stream";
  EXPECT_EQ(s.truth, 7u);
  EXPECT_EQ(s.matched_truth, 7u);
  EXPECT_EQ(s.detected, s.matched_detected);
  for (size_t i = 0; i < t.size(); ++i) {
    if (t.counterparty[i] != "LANDLORD") continue;
    EXPECT_EQ(static_cast<Cadence>(t.cadence[i]), Cadence::Monthly);
    EXPECT_EQ(t.amount[i], -95000);
    EXPECT_EQ(t.next_day[i], day_of(2024, 1, 1));
    EXPECT_EQ(t.next_amount[i], -95000);
    EXPECT_EQ(t.occurrences[i], 12);
  }
}

TEST(Recurring, EndedStreamsAreNotReported) {
  std::vector<Row> rows;
  for (int m = 0; m < 5; ++m) rows.push_back(pay("u", day_of(2023, m + 1, 3), -999, "OLD SUB"));
  rows.push_back(pay("u", day_of(2023, 12, 20), -100, "SHOP"));
  EXPECT_EQ(detect_recurring(build(rows), RecurringParams{}, 1).size(), 0u);
}

TEST(Recurring, SameForAnyThreadCount) {
  const Ledger l = testing::random_ledger(1200, 60, 6);
  EXPECT_EQ(detect_recurring(l, RecurringParams{}, 1), detect_recurring(l, RecurringParams{}, 3));
}

TEST(Recurring, ParamsAreChecked) {
  RecurringParams p;
  p.min_occurrences = 1;
  EXPECT_THROW(p.validate(), InvalidInput);
  p = {};
  p.amount_tolerance = 2;
  EXPECT_THROW(p.validate(), InvalidInput);
}

TEST(Recurring, IrregularTruthIsLeftOut) {
  RecurringStreamTable t;
  t.user = {0, 0};
  t.counterparty = {"FREELANCE", "GYM"};
  t.cadence = {static_cast<uint8_t>(Cadence::Weekly), static_cast<uint8_t>(Cadence::Weekly)};
  t.amount = {500, -100};
  const RecurringScore s = score_recurring(t, {{0, "FREELANCE", 9, 500}, {0, "GYM", 7, -100}, {0, "RENT", 30, -1}});
  EXPECT_EQ(s.truth, 2u);
  EXPECT_EQ(s.detected, 1u);
  EXPECT_EQ(s.matched_detected, 1u);
  EXPECT_DOUBLE_EQ(s.recall(), 0.5);
}

}  // namespace
}  // namespace fincoach::features
