// The quality report on the real MoneyVis export, checked against the data set's published
// facts (../shared/data/moneyvis/README.md).

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "fincoach/common/date.hpp"
#include "fincoach/ingest/csv_ingest.hpp"
#include "fincoach/ingest/reject.hpp"
#include "fincoach/validate/quality.hpp"
#include "unit/validate/ledger_fixture.hpp"

namespace fincoach::validate {
namespace {

const std::string k_moneyvis =
    std::string(FINCOACH_SHARED_DIR) + "/data/moneyvis/anonymized_original_with_category.csv";

const FieldCompleteness& field(const QualityReport& report, std::string_view name) {
  for (const FieldCompleteness& item : report.completeness.fields)
    if (item.field == name) return item;
  throw std::runtime_error("no field " + std::string(name));
}

class MoneyVisQuality : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(k_moneyvis)) return;
    ingest::IngestParams params;
    params.progress = false;
    const ingest::IngestResult result = ingest::ingest_csv({k_moneyvis}, ingest::builtin_profile("moneyvis"), params);
    ingest_note_ = "ingest loaded " + std::to_string(result.stats.rows_loaded) + " of " +
                   std::to_string(result.stats.rows_total) + " rows";
    if (!result.rejects.empty())
      ingest_note_ += "; first reject: line " + std::to_string(result.rejects[0].line) + " " +
                      std::string(ingest::to_string(result.rejects[0].kind)) + ": " + result.rejects[0].message;
    report_ = new QualityReport(assess_quality(result.ledger));
  }
  static void TearDownTestSuite() {
    delete report_;
    report_ = nullptr;
  }
  void SetUp() override {
    if (report_ == nullptr) GTEST_SKIP() << "MoneyVis data not found at " << k_moneyvis;
    // Every check below assumes the whole file loaded; say why when it did not.
    ASSERT_EQ(report_->rows, 6567u) << ingest_note_;
  }
  static QualityReport* report_;
  static std::string ingest_note_;
};

QualityReport* MoneyVisQuality::report_ = nullptr;
std::string MoneyVisQuality::ingest_note_;

TEST_F(MoneyVisQuality, RunningBalanceReconcilesOnEveryPair) {
  EXPECT_EQ(report_->users, 1u);
  EXPECT_EQ(report_->balance.pairs_checked, 6566u);
  EXPECT_EQ(report_->balance.breaks, 0u);
  EXPECT_EQ(report_->balance.rows_without_balance, 0u);
}

TEST_F(MoneyVisQuality, NoExactDuplicatesAnd48SameDayRepeats) {
  EXPECT_EQ(report_->exact_duplicates.groups, 0u);
  // 83 rows in 35 groups share user, day, description and amount: 48 beyond the first of
  // each group, the README's "48 rows ... real repeats". Reported, never removed.
  EXPECT_EQ(report_->suspected_duplicates.groups, 35u);
  EXPECT_EQ(report_->suspected_duplicates.rows, 83u);
  EXPECT_EQ(report_->suspected_duplicates.extra_rows(), 48u);
  ASSERT_FALSE(report_->suspected_duplicates.listed.empty());
  EXPECT_GT(report_->suspected_duplicates.listed[0].rows[0].line, 1u);
}

TEST_F(MoneyVisQuality, CompletenessMatchesReadme) {
  EXPECT_EQ(field(*report_, "city").missing, 672u);
  EXPECT_EQ(field(*report_, "country").missing, 686u);
  EXPECT_EQ(field(*report_, "raw_category").missing, 24u);
  EXPECT_EQ(field(*report_, "type").missing, 61u);
  EXPECT_EQ(field(*report_, "description").missing, 0u);
  EXPECT_EQ(field(*report_, "balance").fraction, 1.0);
  EXPECT_EQ(field(*report_, "time").fraction, 0.0);
}

TEST_F(MoneyVisQuality, GroceriesWithTrailingSpaceMerges) {
  const CategoryCleaningSection& section = report_->category_cleaning;
  EXPECT_EQ(section.empty_rows, 24u);
  EXPECT_EQ(section.distinct_before, 30u);
  EXPECT_EQ(section.distinct_after, 29u);
  ASSERT_EQ(section.merge_count, 1u);
  EXPECT_EQ(section.merges[0].clean, "groceries");
  ASSERT_EQ(section.merges[0].raw.size(), 2u);
  EXPECT_EQ(section.merges[0].raw[0].label, "Groceries");
  EXPECT_EQ(section.merges[0].raw[0].rows, 487u);
  EXPECT_EQ(section.merges[0].raw[1].label, "Groceries ");
  EXPECT_EQ(section.merges[0].raw[1].rows, 5u);
}

TEST_F(MoneyVisQuality, CoverageAndTotalsMatchReadme) {
  const CoverageSection& coverage = report_->coverage;
  EXPECT_EQ(format_iso_date(coverage.first_day), "2015-07-27");
  EXPECT_EQ(format_iso_date(coverage.last_day), "2022-07-25");
  EXPECT_EQ(coverage.active_days, 1660u);
  EXPECT_EQ(coverage.months_spanned, 85u);
  EXPECT_EQ(coverage.empty_months, 0u);
  EXPECT_EQ(report_->totals.all.debits, 51117892);
  EXPECT_EQ(report_->totals.all.credits, 50320329);
  EXPECT_EQ(report_->totals.by_month.size(), 85u);
  EXPECT_TRUE(testing::all_numbers_finite(report_->to_json()));
}

}  // namespace
}  // namespace fincoach::validate
