#include "fincoach/features/extract.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fincoach/common/error.hpp"
#include "ledger_fixture.hpp"

namespace fincoach::features {
namespace {

using testing::build;
using testing::day_of;
using testing::Row;

const int32_t D = day_of(2024, 3, 10);  // a Sunday

Row row(int32_t day, int64_t amount, AppCategory c, int64_t balance = k_no_balance, int32_t second = -1) {
  Row r;
  r.user = "a";
  r.day = day;
  r.amount = amount;
  r.category = c;
  r.balance = balance;
  r.second = second;
  return r;
}

void expect_all_finite(const FeatureMatrix& m) {
  for (size_t i = 0; i < m.values.size(); ++i)
    ASSERT_TRUE(std::isfinite(m.values[i])) << "row " << i / m.cols() << " " << m.schema.features[i % m.cols()].name;
}

TEST(Legacy17, SevenDaysEndingOnTheAsOfDay) {
  const Ledger l = build({
      row(D - 7, -10000, AppCategory::Groceries, 1000),  // one day too early
      row(D - 6, -1250, AppCategory::Groceries, 2000),
      row(D - 3, 50000, AppCategory::Income, 52000),
      row(D - 3, -3000, AppCategory::Savings, 49000),
      row(D, -725, AppCategory::DineOut, 48275),
      row(D, 0, AppCategory::Other, 48275),
      row(D + 1, -999, AppCategory::Shopping, 47276),  // after the as-of day
  });
  const FeatureMatrix m = extract_legacy17(l, D, 1);
  ASSERT_EQ(m.rows, 1u);
  ASSERT_EQ(m.cols(), 17u);
  EXPECT_FLOAT_EQ(m.at(0, dim::current_balance), 482.75f);
  EXPECT_FLOAT_EQ(m.at(0, dim::total_spending), 49.75f);
  EXPECT_FLOAT_EQ(m.at(0, dim::total_income), 500.0f);
  EXPECT_FLOAT_EQ(m.at(0, dim::transaction_count), 5.0f);
  EXPECT_FLOAT_EQ(m.at(0, dim::first_category + 0), 12.5f);  // groceries
  EXPECT_FLOAT_EQ(m.at(0, dim::first_category + 1), 7.25f);  // dine_out
  EXPECT_FLOAT_EQ(m.at(0, dim::first_category + 8), 30.0f);  // savings
  EXPECT_FLOAT_EQ(m.at(0, dim::first_category + 9), 0.0f);   // income: debits only
  EXPECT_FLOAT_EQ(m.at(0, dim::savings_rate), static_cast<float>((500.0 - 49.75) / 500.0));
  EXPECT_FLOAT_EQ(m.at(0, dim::spending_velocity), static_cast<float>(49.75 / 7.0));
}

TEST(Legacy17, DefaultBalanceWhenTheWeekIsEmpty) {
  const Ledger l = build({row(D - 30, -100, AppCategory::Other, 500)});
  const FeatureMatrix m = extract_legacy17(l, D, 1);
  EXPECT_FLOAT_EQ(m.at(0, dim::current_balance), 1000.0f);
  EXPECT_FLOAT_EQ(m.at(0, dim::savings_rate), 0.0f);
  EXPECT_FLOAT_EQ(m.at(0, dim::transaction_count), 0.0f);
}

TEST(Legacy17, BalanceDerivedWhenTheLedgerHasNone) {
  const Ledger l = build({row(D - 20, 10000, AppCategory::Income), row(D - 1, -2500, AppCategory::Other)});
  const FeatureMatrix m = extract_legacy17(l, D, 1);
  EXPECT_FLOAT_EQ(m.at(0, dim::current_balance), 75.0f);  // opening 0 + 100 - 25
}

TEST(Legacy17, LastRowInPostingOrderGivesTheBalance) {
  // Same day: the ledger keeps the source order, which is the posting order.
  const Ledger l = build({row(D - 2, -100, AppCategory::Other, 900), row(D - 2, -200, AppCategory::Other, 700)});
  EXPECT_FLOAT_EQ(extract_legacy17(l, D, 1).at(0, dim::current_balance), 7.0f);
}

TEST(Enhanced, FirstSeventeenAreLegacy) {
  const Ledger l = testing::random_ledger(30, 120, 3);
  const int32_t as_of = day_of(2023, 3, 15);
  const FeatureMatrix legacy = extract_legacy17(l, as_of, 2);
  const FeatureMatrix enhanced = extract_enhanced(l, {}, FeatureParams{}, as_of);
  for (size_t u = 0; u < legacy.rows; ++u)
    for (size_t c = 0; c < 17; ++c) EXPECT_EQ(legacy.at(u, c), enhanced.at(u, c)) << u << " " << c;
}

TEST(Enhanced, NoNanOrInfinityForAnyUserOrDay) {
  const Ledger l = testing::random_ledger(60, 90, 11);
  FeatureParams p;
  for (int32_t as_of : {day_of(2022, 12, 1), day_of(2023, 1, 2), day_of(2023, 1, 20), day_of(2023, 4, 30),
                        day_of(2024, 6, 1)}) {
    const FeatureMatrix m = extract_enhanced(l, {}, p, as_of);
    expect_all_finite(m);
  }
}

TEST(Enhanced, EdgeUsers) {
  std::vector<Row> rows;
  auto add = [&](std::string user, int32_t day, int64_t amount, AppCategory c, int64_t balance, int32_t second = -1) {
    Row r = row(day, amount, c, balance, second);
    r.user = std::move(user);
    rows.push_back(r);
  };
  add("credits_only", D - 3, 5000, AppCategory::Income, 5000);
  add("credits_only", D - 1, 700, AppCategory::Income, 5700);
  add("overdrawn", D - 10, -50000, AppCategory::Bills, -40000);
  add("overdrawn", D - 2, -1000, AppCategory::DineOut, -41000);
  add("no_balance", D - 5, -1000, AppCategory::Groceries, k_no_balance);
  add("single_day", D, -100, AppCategory::Shopping, 100, 3600);
  add("single_day", D, -100, AppCategory::Shopping, 0, 3700);
  add("single_day", D, -100, AppCategory::Shopping, -100, 3800);
  add("future_only", D + 5, -100, AppCategory::Other, 0);
  const Ledger l = build(rows);
  const FeatureMatrix m = extract_enhanced(l, {}, FeatureParams{}, D);
  expect_all_finite(m);
  const uint32_t credits = *l.users.find("credits_only");
  EXPECT_FLOAT_EQ(m.at(credits, dim::savings_rate), 1.0f);
  EXPECT_FLOAT_EQ(m.at(credits, dim::weekday_spending_ratio), 0.0f);
  EXPECT_EQ(m.missing[credits * m.cols() + dim::morning_spending_ratio], 1);
  const uint32_t overdrawn = *l.users.find("overdrawn");
  EXPECT_FLOAT_EQ(m.at(overdrawn, dim::debt_indicator), 1.0f);
  EXPECT_LT(m.at(overdrawn, dim::emergency_fund_ratio), 0.0f);
  EXPECT_GT(m.at(overdrawn, dim::financial_stress_indicator), 0.6f);
  const uint32_t single = *l.users.find("single_day");
  EXPECT_FLOAT_EQ(m.at(single, dim::impulse_buying_score), 1.0f);  // three within two hours
  EXPECT_FLOAT_EQ(m.at(single, dim::morning_spending_ratio), 1.0f);
  const uint32_t future = *l.users.find("future_only");
  EXPECT_FLOAT_EQ(m.at(future, dim::current_balance), 1000.0f);
  EXPECT_EQ(m.missing[future * m.cols() + dim::emergency_fund_ratio], 1);
}

TEST(Enhanced, UsersWithZeroToFourTransactions) {
  // 1-4 rows per user, every mix of timed/untimed, balance/none, debit/credit/savings, and
  // as-of days before, inside and long after the rows; an empty ledger has no rows at all.
  std::vector<Row> rows;
  const AppCategory kinds[] = {AppCategory::Income, AppCategory::Savings, AppCategory::DineOut, AppCategory::Bills};
  for (int n = 1; n <= 4; ++n)
    for (int variant = 0; variant < 8; ++variant)
      for (int k = 0; k < n; ++k) {
        Row r = row(D - 3 * k, (variant & 1) ? 5000 : -(700 + 100 * k), kinds[(variant + k) % 4],
                    (variant & 2) ? -(300 * k) : k_no_balance, (variant & 4) ? 3600 * (k + 8) : -1);
        r.user = "n" + std::to_string(n) + "v" + std::to_string(variant);
        rows.push_back(r);
      }
  const Ledger l = build(rows);
  for (int32_t as_of : {D - 20, D - 6, D, D + 3, D + 400}) {
    expect_all_finite(extract_enhanced(l, {}, FeatureParams{}, as_of));
    expect_all_finite(extract_legacy17(l, as_of, 1));
  }
  LedgerBuilder empty;
  const Ledger none = std::move(empty).finish();
  EXPECT_EQ(extract_enhanced(none, {}, FeatureParams{}, D).rows, 0u);
  EXPECT_EQ(extract_legacy17(none, D, 1).rows, 0u);
}

TEST(Enhanced, RatiosAreOverSpendingOnly) {
  // Weekend payment 30, weekday payment 10, a big weekday salary and a savings transfer: the
  // ratios divide payments by payments, never by all amounts.
  const Ledger l = build({row(D - 1, -3000, AppCategory::DineOut, 0), row(D - 2, -1000, AppCategory::Groceries, 0),
                          row(D - 3, 300000, AppCategory::Income, 0), row(D - 3, -50000, AppCategory::Savings, 0)});
  const FeatureMatrix m = extract_enhanced(l, {}, FeatureParams{}, D);
  EXPECT_FLOAT_EQ(m.at(0, dim::weekend_spending_ratio), 0.75f);
  EXPECT_FLOAT_EQ(m.at(0, dim::weekday_spending_ratio), 0.25f);
}

TEST(Enhanced, ImpulseOnDateOnlyDataCountsSameDayBursts) {
  std::vector<Row> rows;
  for (int k = 0; k < 3; ++k) rows.push_back(row(D - 1, -500, AppCategory::Shopping, 0));  // a burst
  rows.push_back(row(D - 4, -500, AppCategory::Shopping, 0));
  rows.push_back(row(D - 4, -500, AppCategory::DineOut, 0));  // two: below impulse_day_count
  rows.push_back(row(D - 5, -9000, AppCategory::Bills, 0));   // not discretionary
  const FeatureMatrix m = extract_enhanced(build(rows), {}, FeatureParams{}, D);
  EXPECT_FLOAT_EQ(m.at(0, dim::impulse_buying_score), 3.0f / 6.0f);
}

TEST(Enhanced, ImpulseUsesTimesWhenPresent) {
  const Ledger l = build({row(D - 1, -500, AppCategory::Shopping, 0, 20 * 3600),
                          row(D - 1, -500, AppCategory::DineOut, 0, 20 * 3600 + 1800),
                          row(D - 1, -500, AppCategory::Shopping, 0, 9 * 3600)});
  EXPECT_FLOAT_EQ(extract_enhanced(l, {}, FeatureParams{}, D).at(0, dim::impulse_buying_score), 2.0f / 3.0f);
}

TEST(Enhanced, LargeTransactionsAgainstTheUsersOwnMean) {
  std::vector<Row> rows;
  for (int d = 1; d <= 20; ++d) rows.push_back(row(D - d, -1000, AppCategory::Groceries, 0));
  rows.push_back(row(D - 25, -20000, AppCategory::Shopping, 0));  // mean 1,905: threshold 5,714
  const FeatureMatrix m = extract_enhanced(build(rows), {}, FeatureParams{}, D);
  EXPECT_FLOAT_EQ(m.at(0, dim::large_transaction_ratio), 1.0f / 21.0f);
}

TEST(Enhanced, MerchantAndLocationMixes) {
  std::vector<Row> rows;
  const char* merchants[] = {"A", "A", "A", "B"};
  const char* cities[] = {"Leeds", "Leeds", "York", ""};
  for (int k = 0; k < 4; ++k) {
    Row r = row(D - k, -100, AppCategory::Groceries, 0);
    r.merchant = merchants[k];
    r.city = cities[k];
    rows.push_back(r);
  }
  const FeatureMatrix m = extract_enhanced(build(rows), {}, FeatureParams{}, D);
  EXPECT_FLOAT_EQ(m.at(0, dim::merchant_loyalty_score), (9.0f + 1.0f) / 16.0f);
  EXPECT_FLOAT_EQ(m.at(0, dim::location_diversity), 1.0f - (4.0f + 1.0f) / 9.0f);
}

TEST(Enhanced, EmergencyFundInMonthsOfSpending) {
  std::vector<Row> rows;
  for (int d = 0; d < 60; ++d) rows.push_back(row(D - d, -1000, AppCategory::Groceries, 0));  // £10 a day
  rows.front().balance = 608750;  // the last row of the as-of day: £6,087.50 = 20 months
  const FeatureMatrix m = extract_enhanced(build(rows), {}, FeatureParams{}, D);
  EXPECT_NEAR(m.at(0, dim::emergency_fund_ratio), 20.0f, 1e-4);
  EXPECT_FLOAT_EQ(m.at(0, dim::spending_volatility), 0.0f);
  EXPECT_FLOAT_EQ(m.at(0, dim::spending_consistency), 1.0f);
  EXPECT_FLOAT_EQ(m.at(0, dim::budget_adherence_score), 1.0f);
  EXPECT_FLOAT_EQ(m.at(0, dim::seasonal_spending_factor), 1.0f);
}

TEST(Enhanced, SegmentPeerGoalAndTemporalContext) {
  std::vector<Row> rows;
  for (int u = 0; u < 4; ++u)
    for (int d = 0; d < 10; ++d) {
      Row r = row(D - d, -(100 * (u + 1)), AppCategory::Groceries, 1000);
      r.user = "u" + std::to_string(u);
      rows.push_back(r);
    }
  Row save = row(D - 3, -5000, AppCategory::Savings, 1000);
  save.user = "u0";
  rows.push_back(save);
  const Ledger l = build(rows);
  GoalTable goals;
  goals.user = {0};
  goals.name = {"holiday"};
  goals.target_amount = {20000};
  goals.start_day = {D - 10};
  goals.deadline_day = {D + 10};
  FeatureContext ctx;
  ctx.segment = {0, 0, 1, -1};
  ctx.goals = &goals;
  FeatureParams p;
  p.segment_count = 2;
  const FeatureMatrix m = extract_enhanced(l, ctx, p, D);
  const EnhancedLayout layout(2);
  ASSERT_EQ(m.cols(), layout.size);
  EXPECT_EQ(m.at(0, layout.segment_begin), 1.0f);
  EXPECT_EQ(m.at(2, layout.segment_begin + 1), 1.0f);
  EXPECT_EQ(m.at(3, layout.segment_begin), 0.0f);
  EXPECT_FLOAT_EQ(m.at(0, layout.peer_begin), 0.25f);  // lower spender of two
  EXPECT_FLOAT_EQ(m.at(1, layout.peer_begin), 0.75f);
  EXPECT_FLOAT_EQ(m.at(2, layout.peer_begin), 0.5f);   // alone in its segment
  EXPECT_FLOAT_EQ(m.at(3, layout.peer_begin), 0.5f);   // no segment
  EXPECT_EQ(m.at(0, layout.goal_begin), 1.0f);
  EXPECT_FLOAT_EQ(m.at(0, layout.goal_begin + 1), 0.25f);  // 50 of 200
  EXPECT_FLOAT_EQ(m.at(0, layout.goal_begin + 4), 0.5f);
  EXPECT_EQ(m.at(1, layout.goal_begin), 0.0f);
  EXPECT_EQ(m.at(0, layout.temporal_begin), 0.0f);  // paid on the as-of day
  EXPECT_NEAR(m.at(0, layout.temporal_begin + 1), std::sin(2 * 3.14159265358979 * 6 / 7), 1e-6);  // Sunday
  EXPECT_NEAR(m.at(0, layout.temporal_begin + 3), std::sin(2 * 3.14159265358979 * 2 / 12), 1e-6);  // March
}

TEST(Enhanced, SameResultForAnyThreadCount) {
  const Ledger l = testing::random_ledger(700, 60, 5);
  FeatureParams one;
  one.threads = 1;
  FeatureParams three;
  three.threads = 3;
  const int32_t as_of = day_of(2023, 2, 20);
  EXPECT_EQ(extract_enhanced(l, {}, one, as_of), extract_enhanced(l, {}, three, as_of));
  EXPECT_EQ(extract_legacy17(l, as_of, 1), extract_legacy17(l, as_of, 3));
}

TEST(Enhanced, SingleUserCallMatchesThePopulationRow) {
  const Ledger l = testing::random_ledger(40, 80, 8);
  const int32_t as_of = day_of(2023, 3, 1);
  FeatureParams p;
  std::vector<float> peer_values;
  FeatureContext ctx;
  for (uint32_t u = 0; u < l.user_count(); ++u) ctx.segment.push_back(static_cast<int32_t>(u % 5));
  const FeatureMatrix m = extract_enhanced(l, ctx, p, as_of, &peer_values);
  const PeerReference ref = build_peer_reference(peer_values, ctx.segment, p.segment_count);
  ctx.peers = &ref;
  std::vector<float> out(m.cols());
  std::vector<uint8_t> missing(m.cols());
  for (uint32_t u = 0; u < l.user_count(); ++u) {
    user_enhanced_state(l, u, ctx, p, as_of, out, missing);
    for (size_t c = 0; c < m.cols(); ++c) ASSERT_EQ(out[c], m.at(u, c)) << u << " " << m.schema.features[c].name;
  }
}

TEST(Enhanced, BadContextIsRejected) {
  const Ledger l = testing::random_ledger(3, 20, 1);
  FeatureContext ctx;
  ctx.segment = {0, 1};
  EXPECT_THROW(extract_enhanced(l, ctx, FeatureParams{}, 0), InvalidInput);
  ctx.segment = {0, 1, 7};
  EXPECT_THROW(extract_enhanced(l, ctx, FeatureParams{}, 0), InvalidInput);
}

}  // namespace
}  // namespace fincoach::features
