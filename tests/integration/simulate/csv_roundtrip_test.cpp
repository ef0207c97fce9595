// A simulated population written as the `fincoach` CSV export and read back by
// `ingest --profile fincoach` gives the same ledger, column for column, except the two
// columns that format does not carry (the bank's type code and raw category) and the
// source file and line that ingestion records.

#include <gtest/gtest.h>

#include <filesystem>

#include "fincoach/common/text.hpp"
#include "fincoach/ingest/csv_ingest.hpp"
#include "fincoach/ingest/profile.hpp"
#include "fincoach/simulate/simulator.hpp"
#include "fincoach/simulate/transactions_csv.hpp"

namespace fincoach::simulate {
namespace {

namespace fs = std::filesystem;

const SimulationResult& population() {
  static const SimulationResult r = [] {
    SimulationParams p;
    p.users = 250;
    p.months = 4;
    p.seed = 21;
    p.threads = 2;
    return simulate(p);
  }();
  return r;
}

/// The ledger with the columns the fincoach format cannot carry set as ingestion sets them.
Ledger as_exported(const Ledger& l) {
  LedgerBuilder b;
  for (size_t r = 0; r < l.rows(); ++r) {
    LedgerRow row;
    row.user = l.users.at(l.user[r]);
    row.day = l.day[r];
    row.second = l.second[r];
    row.amount = l.amount[r];
    row.balance = l.balance[r];
    row.category = l.app_category(r);
    row.raw_category = to_string(l.app_category(r));
    row.type_code = l.amount[r] < 0 ? "debit" : "credit";
    row.description = l.descriptions.at(l.description[r]);
    row.merchant = l.merchants.at(l.merchant[r]);
    row.city = l.cities.at(l.city[r]);
    row.country = l.countries.at(l.country[r]);
    b.append(row);
  }
  return std::move(b).finish();
}

/// Drops the provenance columns that only ingestion fills.
Ledger without_source(Ledger l) {
  l.source_file.assign(l.rows(), 0);
  l.source_line.assign(l.rows(), 0);
  l.source_files = StringDictionary();
  if (l.rows() > 0) l.source_files.intern("");
  return l;
}

TEST(FincoachCsvRoundTrip, IngestingTheExportReproducesTheLedger) {
  const Ledger& simulated = population().population.ledger;
  const fs::path csv = fs::temp_directory_path() / "fincoach_sim_roundtrip.csv";
  write_fincoach_csv(simulated, csv.string(), 2);

  ingest::IngestParams params;
  params.max_reject_fraction = 0.0;
  params.progress = false;
  const ingest::IngestResult result = ingest::ingest_csv({csv.string()}, ingest::builtin_profile("fincoach"), params);
  EXPECT_TRUE(result.rejects.empty());
  EXPECT_EQ(result.stats.rows_loaded, simulated.rows());
  EXPECT_TRUE(result.stats.unmapped_categories.empty());

  const Ledger ingested = without_source(result.ledger);
  const Ledger expected = as_exported(simulated);
  ASSERT_EQ(ingested.rows(), expected.rows());
  EXPECT_EQ(ingested.users, expected.users);
  EXPECT_EQ(ingested.user_offsets, expected.user_offsets);
  EXPECT_EQ(ingested.day, expected.day);
  EXPECT_EQ(ingested.second, expected.second);
  EXPECT_EQ(ingested.amount, expected.amount);
  EXPECT_EQ(ingested.balance, expected.balance);
  EXPECT_EQ(ingested.category, expected.category);
  EXPECT_EQ(ingested.description, expected.description);
  EXPECT_EQ(ingested.merchant, expected.merchant);
  EXPECT_EQ(ingested.city, expected.city);
  EXPECT_EQ(ingested.country, expected.country);
  EXPECT_TRUE(ingested == expected);
  // And the carried columns are the simulated ones, value for value.
  EXPECT_EQ(ingested.amount, simulated.amount);
  EXPECT_EQ(ingested.balance, simulated.balance);
  EXPECT_EQ(ingested.descriptions, simulated.descriptions);
  EXPECT_EQ(ingested.merchants, simulated.merchants);
  fs::remove(csv);
}

// The simulator's raw bank categories are labels of profiles/categories.toml, and each maps
// to the app category the simulator gave it, so a bank-format export would categorise alike.
TEST(SimulatedCategories, RawLabelsMapToTheirAppCategoryByDefault) {
  const Ledger& l = population().population.ledger;
  const auto& map = ingest::default_category_map();
  std::vector<int> checked(l.raw_categories.size(), -1);
  for (size_t r = 0; r < l.rows(); ++r) {
    int& seen = checked[l.raw_category[r]];
    if (seen >= 0) {
      EXPECT_EQ(seen, l.category[r]) << l.raw_categories.at(l.raw_category[r]);
      continue;
    }
    seen = l.category[r];
    const std::string label = normalize_label(l.raw_categories.at(l.raw_category[r]));
    const auto it = map.find(label);
    ASSERT_NE(it, map.end()) << label;
    // Refunds keep their purchase's category; everything else maps exactly.
    EXPECT_EQ(static_cast<int>(it->second), seen) << label;
  }
}

}  // namespace
}  // namespace fincoach::simulate
