// legacy17 on the real MoneyVis export against values computed here independently: the CSV
// is split by hand (no ingest code), the raw categories are mapped with the default table
// written out below, and each window is a plain scan over the rows.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "fincoach/common/date.hpp"
#include "fincoach/features/extract.hpp"
#include "fincoach/features/panel.hpp"
#include "fincoach/ingest/csv_ingest.hpp"
#include "fincoach/ingest/profile.hpp"

namespace fincoach::features {
namespace {

const std::string k_csv = std::string(FINCOACH_SHARED_DIR) + "/data/moneyvis/anonymized_original_with_category.csv";

struct CsvRow {
  int number = 0;  // file order: 1 is the newest
  int32_t day = 0;
  double debit = 0.0;
  double credit = 0.0;
  double balance = 0.0;
  std::string category;
};

std::string trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
}

std::vector<CsvRow> read_rows() {
  std::ifstream in(k_csv);
  std::string line;
  std::getline(in, line);  // header
  std::vector<CsvRow> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(trim(line));
    std::string cell;
    while (std::getline(ss, cell, ',')) f.push_back(cell);
    while (f.size() < 10) f.emplace_back();
    CsvRow r;
    r.number = std::stoi(f[0]);
    r.day = days_from_civil(std::stoi(f[1].substr(6, 4)), std::stoi(f[1].substr(3, 2)), std::stoi(f[1].substr(0, 2)));
    r.debit = f[4].empty() ? 0.0 : std::stod(f[4]);
    r.credit = f[5].empty() ? 0.0 : std::stod(f[5]);
    r.balance = std::stod(f[6]);
    r.category = trim(f[7]);
    rows.push_back(r);
  }
  return rows;
}

/// The default raw → app mapping (profiles/categories.toml), index = AppCategory.
int app_index(const std::string& raw) {
  static const std::map<std::string, int> map = {
      {"Groceries", 0},        {"Food Shopping", 0},       {"Dine Out", 1},        {"Entertainment", 2},
      {"Bills", 3},            {"Mortgage", 3},            {"Rent", 3},            {"Safety Deposit Return", 3},
      {"Insurance", 3},        {"Services", 3},            {"Services/Home Improvement", 3},
      {"Travel", 4},           {"Hotels", 4},              {"Amazon", 5},          {"Other Shopping", 5},
      {"Clothes", 5},          {"Home Improvement", 5},    {"Purchase of uk.eg.org", 5},
      {"Health", 6},           {"Fitness", 7},             {"Savings", 8},         {"Investment", 8},
      {"Paycheck", 9},         {"Supplementary Income", 9}, {"Interest", 9},       {"Travel Reimbursement", 9},
      {"Cash", 10},            {"Others", 10},             {"Account transfer", 10}};
  const auto it = map.find(raw);
  return it == map.end() ? 10 : it->second;
}

std::vector<double> expected_state(const std::vector<CsvRow>& rows, int32_t as_of) {
  std::vector<double> s(17, 0.0);
  const CsvRow* last = nullptr;
  for (const CsvRow& r : rows) {
    if (r.day < as_of - 6 || r.day > as_of) continue;
    s[1] += r.debit;
    s[2] += r.credit;
    s[3] += 1;
    if (r.debit > 0) s[4 + static_cast<size_t>(app_index(r.category))] += r.debit;
    if (last == nullptr || r.number < last->number) last = &r;  // newest first in the file
  }
  s[0] = last == nullptr ? 1000.0 : last->balance;
  s[15] = (s[2] - s[1]) / std::max(s[2], 1.0);
  s[16] = s[1] / 7.0;
  return s;
}

class MoneyVisGolden : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(k_csv)) GTEST_SKIP() << "MoneyVis data not found at " << k_csv;
  }
};

void expect_matches(const std::vector<double>& want, std::span<const float> got, int32_t as_of) {
  for (size_t c = 0; c < 17; ++c)
    ASSERT_NEAR(got[c], want[c], 1e-6 * std::max(1.0, std::abs(want[c])))
        << legacy17_schema().features[c].name << " at " << format_iso_date(as_of);
}

TEST_F(MoneyVisGolden, Legacy17AtFixedDates) {
  const std::vector<CsvRow> rows = read_rows();
  ASSERT_EQ(rows.size(), 6567u);
  const ingest::IngestResult ingested = ingest::ingest_csv({k_csv}, ingest::builtin_profile("moneyvis"));
  const Ledger& ledger = ingested.ledger;
  ASSERT_EQ(ledger.user_count(), 1u);
  for (const char* date : {"2022-07-25", "2022-07-24", "2021-12-31", "2020-03-29", "2018-06-15", "2015-08-02",
                           "2015-07-27", "2015-07-20", "2022-09-01"}) {
    const int32_t as_of = parse_iso_date(date, "as-of");
    const FeatureMatrix m = extract_legacy17(ledger, as_of, 1);
    expect_matches(expected_state(rows, as_of), m.row(0), as_of);
  }
  // Spot values a person can check against the file: the last week of the data.
  const FeatureMatrix last = extract_legacy17(ledger, parse_iso_date("2022-07-25", "as-of"), 1);
  EXPECT_FLOAT_EQ(last.at(0, dim::current_balance), 541.43f);
  EXPECT_FLOAT_EQ(extract_legacy17(ledger, parse_iso_date("2022-09-01", "as-of"), 1).at(0, dim::current_balance),
                  1000.0f);
}

TEST_F(MoneyVisGolden, EveryWeekOfThePanelStartsWithLegacy17) {
  const std::vector<CsvRow> rows = read_rows();
  const ingest::IngestResult ingested = ingest::ingest_csv({k_csv}, ingest::builtin_profile("moneyvis"));
  const WeeklyPanel panel = build_weekly_panel(ingested.ledger, {}, FeatureParams{});
  ASSERT_EQ(panel.rows(), 366u);  // the notebook's 366 weekly rows
  EXPECT_EQ(format_iso_date(panel.week_end.front()), "2015-08-02");
  for (size_t r = 0; r < panel.rows(); ++r) {
    expect_matches(expected_state(rows, panel.week_end[r]), panel.matrix.row(r), panel.week_end[r]);
    for (float v : panel.matrix.row(r)) ASSERT_TRUE(std::isfinite(v));
  }
}

}  // namespace
}  // namespace fincoach::features
