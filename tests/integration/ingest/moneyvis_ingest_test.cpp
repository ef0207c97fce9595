// Ingests the real MoneyVis export through the built-in profile and checks it against facts
// computed here by a deliberately naive, separate parse (the file has no quoted fields, so
// splitting lines on ',' is enough) and against the data set's published facts.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "fincoach/common/date.hpp"
#include "fincoach/ingest/csv_ingest.hpp"

namespace fincoach::ingest {
namespace {

const std::string k_moneyvis =
    std::string(FINCOACH_SHARED_DIR) + "/data/moneyvis/anonymized_original_with_category.csv";

struct NaiveRow {
  std::string date, type, description, debit, credit, balance, category, city, country;
};

// Pence from "12", "0.5", "3.11": the file writes no signs, separators or exponents.
int64_t naive_pence(const std::string& text) {
  if (text.empty()) return 0;
  const size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  frac.resize(2, '0');
  return std::stoll(whole) * 100 + std::stoll(frac);
}

std::vector<NaiveRow> naive_parse(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  std::vector<NaiveRow> rows;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) f.push_back(cell);
    if (!line.empty() && line.back() == ',') f.emplace_back();
    EXPECT_EQ(f.size(), 10u) << line;
    if (f.size() != 10) continue;
    rows.push_back({f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]});
  }
  return rows;
}

// dd/mm/yyyy → days, written independently of DateFormat.
int32_t naive_day(const std::string& ddmmyyyy) {
  return days_from_civil(std::stoi(ddmmyyyy.substr(6, 4)), std::stoi(ddmmyyyy.substr(3, 2)),
                         std::stoi(ddmmyyyy.substr(0, 2)));
}

class MoneyVisIngest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(k_moneyvis)) return;
    IngestParams params;
    params.progress = false;
    result_ = new IngestResult(ingest_csv({k_moneyvis}, resolve_profile("moneyvis"), params));
    naive_ = new std::vector<NaiveRow>(naive_parse(k_moneyvis));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete naive_;
    result_ = nullptr;
    naive_ = nullptr;
  }
  void SetUp() override {
    if (result_ == nullptr) GTEST_SKIP() << "MoneyVis data not found at " << k_moneyvis << " (../shared absent)";
  }
  static IngestResult* result_;
  static std::vector<NaiveRow>* naive_;
};

IngestResult* MoneyVisIngest::result_ = nullptr;
std::vector<NaiveRow>* MoneyVisIngest::naive_ = nullptr;

TEST_F(MoneyVisIngest, LoadsEveryRowWithoutRejects) {
  const Ledger& ledger = result_->ledger;
  EXPECT_EQ(naive_->size(), 6567u);
  EXPECT_EQ(ledger.rows(), 6567u);
  EXPECT_TRUE(result_->rejects.empty()) << result_->rejects.front().message;
  EXPECT_EQ(result_->stats.rows_total, 6567u);
  EXPECT_EQ(result_->stats.rows_loaded, 6567u);
  EXPECT_EQ(result_->stats.rows_rejected, 0u);
  EXPECT_EQ(result_->stats.blank_lines, 0u);
  EXPECT_TRUE(result_->stats.unmapped_categories.empty());
  EXPECT_EQ(result_->stats.empty_categories, 24u);
  ASSERT_EQ(ledger.user_count(), 1u);
  EXPECT_EQ(ledger.users.at(0), "anonymized_original_with_category");
  EXPECT_EQ(ledger.currency, "GBP");
  EXPECT_NO_THROW(ledger.check_invariants());
  EXPECT_NO_THROW(enforce_reject_policy(*result_, IngestParams{0.0, false}));
}

TEST_F(MoneyVisIngest, DateRangeMatches) {
  const Ledger& ledger = result_->ledger;
  EXPECT_EQ(format_iso_date(ledger.day.front()), "2015-07-27");
  EXPECT_EQ(format_iso_date(ledger.day.back()), "2022-07-25");
  EXPECT_EQ(naive_day(naive_->back().date), ledger.day.front());
  EXPECT_EQ(naive_day(naive_->front().date), ledger.day.back());
  for (size_t i = 0; i < ledger.rows(); ++i) EXPECT_EQ(ledger.second[i], k_unknown_second);
}

TEST_F(MoneyVisIngest, TotalsMatchToThePenny) {
  int64_t naive_debits = 0, naive_credits = 0;
  for (const NaiveRow& r : *naive_) {
    naive_debits += naive_pence(r.debit);
    naive_credits += naive_pence(r.credit);
  }
  EXPECT_EQ(naive_debits, 51117892);
  EXPECT_EQ(naive_credits, 50320329);
  int64_t debits = 0, credits = 0;
  for (int64_t a : result_->ledger.amount) (a < 0 ? debits : credits) += a < 0 ? -a : a;
  EXPECT_EQ(debits, 51117892);
  EXPECT_EQ(credits, 50320329);
}

// Reversing the newest-first file must give posting order, in which every row's balance is
// the previous balance plus its amount.
TEST_F(MoneyVisIngest, BalanceReconcilesOnEveryConsecutivePair) {
  const Ledger& ledger = result_->ledger;
  size_t reconciled = 0;
  for (size_t i = 1; i < ledger.rows(); ++i) {
    if (ledger.balance[i] == ledger.balance[i - 1] + ledger.amount[i])
      ++reconciled;
    else
      ADD_FAILURE() << "row " << i << " (line " << ledger.source_line[i] << ") does not reconcile";
  }
  EXPECT_EQ(reconciled, 6566u);
  // Ledger order is file order reversed: the first ledger row is the file's last line.
  EXPECT_EQ(ledger.source_line.front(), 6568u);
  EXPECT_EQ(ledger.source_line.back(), 2u);
  EXPECT_EQ(ledger.balance.front(), 751706);
}

TEST_F(MoneyVisIngest, RawCategoryCountsMatchTheFile) {
  std::map<std::string, uint64_t> naive_counts;
  for (const NaiveRow& r : *naive_) ++naive_counts[r.category];
  std::map<std::string, uint64_t> counts;
  const Ledger& ledger = result_->ledger;
  for (uint32_t id : ledger.raw_category) ++counts[std::string(ledger.raw_categories.at(id))];
  EXPECT_EQ(counts, naive_counts);
  // Published counts (the data set's README), label by label.
  const std::map<std::string, uint64_t> published = {
      {"Savings", 1249},
      {"Amazon", 1195},
      {"Groceries", 487},
      {"Bills", 474},
      {"Cash", 453},
      {"Dine Out", 448},
      {"Others", 351},
      {"Supplementary Income", 305},
      {"Travel", 246},
      {"Other Shopping", 221},
      {"Services", 171},
      {"Entertainment", 166},
      {"Investment", 151},
      {"Insurance", 143},
      {"Home Improvement", 90},
      {"Paycheck", 77},
      {"Hotels", 64},
      {"Interest", 61},
      {"Clothes", 60},
      {"Mortgage", 58},
      {"Services/Home Improvement", 34},
      {"Fitness", 26},
      {"", 24},
      {"Groceries ", 5},
      {"Safety Deposit Return", 2},
      {"Travel Reimbursement", 1},
      {"Food Shopping", 1},
      {"Account transfer", 1},
      {"Rent", 1},
      {"Purchase of uk.eg.org", 1},
      {"Health", 1},
  };
  EXPECT_EQ(counts, published);
  EXPECT_EQ(counts.size(), 31u);
}

// The app categories the default map must give, written out here label by label.
const std::map<std::string, std::string> k_expected_mapping = {
    {"Savings", "savings"},
    {"Investment", "savings"},
    {"Amazon", "shopping"},
    {"Other Shopping", "shopping"},
    {"Clothes", "shopping"},
    {"Home Improvement", "shopping"},
    {"Purchase of uk.eg.org", "shopping"},
    {"Groceries", "groceries"},
    {"Groceries ", "groceries"},
    {"Food Shopping", "groceries"},
    {"Bills", "bills"},
    {"Insurance", "bills"},
    {"Services", "bills"},
    {"Mortgage", "bills"},
    {"Rent", "bills"},
    {"Services/Home Improvement", "bills"},
    {"Safety Deposit Return", "bills"},
    {"Cash", "other"},
    {"Others", "other"},
    {"Account transfer", "other"},
    {"", "other"},
    {"Dine Out", "dine_out"},
    {"Supplementary Income", "income"},
    {"Paycheck", "income"},
    {"Interest", "income"},
    {"Travel Reimbursement", "income"},
    {"Travel", "transport"},
    {"Hotels", "transport"},
    {"Entertainment", "entertainment"},
    {"Fitness", "fitness"},
    {"Health", "health"},
};

TEST_F(MoneyVisIngest, AppCategoryCountsMatchAnIndependentCount) {
  std::map<std::string, uint64_t> expected;
  for (const NaiveRow& r : *naive_) {
    const auto it = k_expected_mapping.find(r.category);
    ASSERT_NE(it, k_expected_mapping.end()) << "label '" << r.category << "' has no expected mapping";
    ++expected[it->second];
  }
  std::map<std::string, uint64_t> counts;
  for (size_t i = 0; i < result_->ledger.rows(); ++i) ++counts[std::string(to_string(result_->ledger.app_category(i)))];
  EXPECT_EQ(counts, expected);
  // The same numbers, from the README's raw counts.
  EXPECT_EQ(counts["savings"], 1400u);
  EXPECT_EQ(counts["shopping"], 1567u);
  EXPECT_EQ(counts["groceries"], 493u);
  EXPECT_EQ(counts["bills"], 883u);
  EXPECT_EQ(counts["other"], 829u);
  EXPECT_EQ(counts["dine_out"], 448u);
  EXPECT_EQ(counts["income"], 444u);
  EXPECT_EQ(counts["transport"], 310u);
  EXPECT_EQ(counts["entertainment"], 166u);
  EXPECT_EQ(counts["fitness"], 26u);
  EXPECT_EQ(counts["health"], 1u);
}

TEST_F(MoneyVisIngest, TypeCodesAndTextSurvive) {
  const Ledger& ledger = result_->ledger;
  std::map<std::string, uint64_t> types;
  for (uint32_t id : ledger.type_code) ++types[std::string(ledger.type_codes.at(id))];
  EXPECT_EQ(types["DEB"], 3268u);
  EXPECT_EQ(types["BP"], 1167u);
  EXPECT_EQ(types[""], 61u);
  EXPECT_EQ(types["CHQ"], 16u);
  EXPECT_EQ(types.size(), 14u);

  uint64_t almeria = 0;
  for (uint32_t id : ledger.city)
    if (ledger.cities.at(id) ==
        "Almer\xC3\xAD"
        "a")
      ++almeria;
  EXPECT_EQ(almeria, 1u);
  EXPECT_TRUE(ledger.descriptions.find("LIDL GB  NOTTINGHA").has_value());  // double space kept
  EXPECT_EQ(ledger.descriptions.size(), 908u);
  EXPECT_EQ(ledger.cities.size(), 59u);
}

}  // namespace
}  // namespace fincoach::ingest
