#include "fincoach/ingest/csv_ingest.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::ingest {
namespace {

const std::string k_data = std::string(FINCOACH_TEST_DATA_DIR) + "/ingest/";

IngestParams quiet() {
  IngestParams params;
  params.progress = false;
  return params;
}

IngestResult ingest(const std::string& file, const SourceProfile& profile) {
  return ingest_csv({k_data + file}, profile, quiet());
}

// Writes `text` to a fresh file in the test's temporary directory and returns its path.
std::string temp_file(const std::string& name, const std::string& text) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "fincoach_ingest_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// --- one fixture per reject kind, driven by rejects/expected.csv --------------------------

struct RejectCase {
  std::string fixture, profile, column, kind;
  uint64_t line = 0, rows_total = 0, rows_loaded = 0;
};

std::vector<RejectCase> reject_cases() {
  std::ifstream in(k_data + "rejects/expected.csv");
  std::vector<RejectCase> cases;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    if (f.size() != 7) continue;
    cases.push_back({f[0], f[1], f[3], f[4], std::stoull(f[2]), std::stoull(f[5]), std::stoull(f[6])});
  }
  return cases;
}

class RejectFixture : public ::testing::TestWithParam<RejectCase> {};

TEST_P(RejectFixture, GivesExactlyTheExpectedReject) {
  const RejectCase& c = GetParam();
  const IngestResult result = ingest("rejects/" + c.fixture, builtin_profile(c.profile));
  ASSERT_EQ(result.rejects.size(), 1u) << c.fixture;
  const Reject& r = result.rejects.front();
  EXPECT_EQ(to_string(r.kind), c.kind) << r.message;
  EXPECT_EQ(r.line, c.line) << r.message;
  EXPECT_EQ(r.column, c.column) << r.message;
  EXPECT_EQ(r.file, k_data + "rejects/" + c.fixture);
  EXPECT_FALSE(r.message.empty());
  EXPECT_EQ(result.stats.rows_total, c.rows_total);
  EXPECT_EQ(result.stats.rows_loaded, c.rows_loaded);
  EXPECT_EQ(result.stats.rows_rejected, c.rows_total - c.rows_loaded);
  EXPECT_EQ(result.ledger.rows(), c.rows_loaded);
  EXPECT_NO_THROW(result.ledger.check_invariants());
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RejectFixture, ::testing::ValuesIn(reject_cases()),
                         [](const ::testing::TestParamInfo<RejectCase>& param_info) {
                           const std::string& fixture = param_info.param.fixture;
                           return fixture.substr(0, fixture.find('.'));
                         });

TEST(RejectFixtures, CoverEveryRejectKind) {
  std::set<std::string> covered;
  for (const RejectCase& c : reject_cases()) covered.insert(c.kind);
  for (RejectKind kind : all_reject_kinds())
    EXPECT_TRUE(covered.count(std::string(to_string(kind)))) << to_string(kind);
}

TEST(RejectMessages, NameTheValue) {
  const IngestResult bad_date = ingest("rejects/bad_date.csv", builtin_profile("moneyvis"));
  EXPECT_NE(bad_date.rejects.at(0).message.find("31/02/2022"), std::string::npos) << bad_date.rejects[0].message;
  EXPECT_NE(bad_date.rejects.at(0).raw.find("31/02/2022,BP,SAVE THE CHANGE"), std::string::npos);
  const IngestResult bad_number = ingest("rejects/bad_number.csv", builtin_profile("moneyvis"));
  EXPECT_NE(bad_number.rejects.at(0).message.find("3.1.1"), std::string::npos);
  const IngestResult unknown = ingest("rejects/unknown_type_code.csv", builtin_profile("moneyvis"));
  EXPECT_NE(unknown.rejects.at(0).message.find("XYZ"), std::string::npos);
}

TEST(RejectMessages, InvalidUtf8RawIsEscaped) {
  const IngestResult result = ingest("rejects/invalid_utf8.csv", builtin_profile("moneyvis"));
  const Reject& r = result.rejects.at(0);
  EXPECT_NE(r.raw.find("Almer\\xEDa"), std::string::npos) << r.raw;
  EXPECT_NE(r.message.find("\\xED"), std::string::npos) << r.message;
}

// --- physical line numbers, line endings, BOM, encodings ---------------------------------

TEST(CsvIngest, QuotedNewlinesShiftLaterLineNumbers) {
  const IngestResult result = ingest("quoted_newline.csv", builtin_profile("moneyvis"));
  ASSERT_EQ(result.rejects.size(), 1u);
  EXPECT_EQ(result.rejects[0].line, 5u);
  EXPECT_EQ(result.rejects[0].kind, RejectKind::BadDate);
  const Ledger& ledger = result.ledger;
  ASSERT_EQ(ledger.rows(), 4u);
  // Newest first in the file: ledger order is the file reversed.
  EXPECT_EQ(ledger.source_line, (std::vector<uint32_t>{9, 6, 4, 2}));
  EXPECT_EQ(ledger.descriptions.at(ledger.description[3]), "SWANSEA\nUNIVERSITY");
  EXPECT_EQ(ledger.descriptions.at(ledger.description[2]), "SAY \"HI\"");
  EXPECT_EQ(ledger.descriptions.at(ledger.description[1]), "MULTI\nLINE\nDESC");
  EXPECT_EQ(result.stats.rows_total, 5u);
}

TEST(CsvIngest, CrlfWithoutFinalNewline) {
  const IngestResult result = ingest("crlf.csv", builtin_profile("moneyvis"));
  ASSERT_TRUE(result.rejects.empty()) << result.rejects[0].message;
  const Ledger& ledger = result.ledger;
  ASSERT_EQ(ledger.rows(), 2u);
  // The quoted CRLF is data; the line endings are not.
  EXPECT_EQ(ledger.descriptions.at(ledger.description[1]), "TWO\r\nLINES");
  EXPECT_EQ(ledger.countries.at(ledger.country[0]), "UK");
  EXPECT_EQ(ledger.countries.at(ledger.country[1]), "UK");
  EXPECT_EQ(ledger.source_line, (std::vector<uint32_t>{4, 2}));
  EXPECT_EQ(ledger.amount, (std::vector<int64_t>{-311, 10000}));
}

TEST(CsvIngest, Utf8BomIsSkipped) {
  const IngestResult result = ingest("bom.csv", builtin_profile("fincoach"));
  ASSERT_TRUE(result.rejects.empty()) << result.rejects[0].message;
  const Ledger& ledger = result.ledger;
  ASSERT_EQ(ledger.rows(), 2u);
  EXPECT_EQ(ledger.users.at(0), "u1");
  EXPECT_EQ(ledger.second[0], 9 * 3600 + 30 * 60);
  EXPECT_EQ(ledger.second[1], k_unknown_second);  // the date-only format matched
  EXPECT_EQ(ledger.amount, (std::vector<int64_t>{-1250, 10000}));
  EXPECT_EQ(ledger.merchants.at(ledger.merchant[0]), "Tesco");
  EXPECT_EQ(ledger.merchants.at(ledger.merchant[1]), "Salary");  // empty merchant: description
  EXPECT_EQ(ledger.app_category(0), AppCategory::Groceries);
  EXPECT_EQ(ledger.app_category(1), AppCategory::Income);
}

TEST(CsvIngest, Latin1ProfileTranscodesToUtf8) {
  const IngestResult result = ingest("latin1.csv", load_profile_file(k_data + "profiles/latin1.toml"));
  ASSERT_TRUE(result.rejects.empty()) << result.rejects[0].message;
  const Ledger& ledger = result.ledger;
  ASSERT_EQ(ledger.rows(), 2u);
  EXPECT_EQ(ledger.cities.at(ledger.city[0]),
            "Almer\xC3\xAD"
            "a");
  EXPECT_EQ(ledger.descriptions.at(ledger.description[0]), "Caf\xC3\xA9 Central");
  EXPECT_EQ(ledger.cities.at(ledger.city[1]), "M\xC3\xBCnchen");
  EXPECT_EQ(ledger.users.at(0), "latin-user");
  EXPECT_EQ(ledger.amount, (std::vector<int64_t>{-450, 150000}));
  EXPECT_EQ(ledger.balance[0], k_no_balance);
}

TEST(CsvIngest, Latin1FileThroughUtf8ProfileIsRejectedPerRow) {
  SourceProfile profile = load_profile_file(k_data + "profiles/latin1.toml");
  profile.encoding = Encoding::Utf8;
  const IngestResult result = ingest("latin1.csv", profile);
  ASSERT_EQ(result.rejects.size(), 2u);
  EXPECT_EQ(result.rejects[0].kind, RejectKind::InvalidUtf8);
  EXPECT_EQ(result.rejects[0].line, 2u);
  EXPECT_EQ(result.rejects[0].column, "Beschreibung");
  EXPECT_EQ(result.rejects[1].line, 3u);
  EXPECT_EQ(result.rejects[1].column, "Ort");
}

// --- the round trip of a differently shaped bank through a profile file -----------------

TEST(CsvIngest, ProfileFileReadsADifferentBank) {
  const IngestResult result = ingest("eurobank.csv", load_profile_file(k_data + "profiles/eurobank.toml"));
  ASSERT_TRUE(result.rejects.empty()) << result.rejects[0].message;
  const Ledger& l = result.ledger;
  EXPECT_EQ(l.currency, "EUR");
  ASSERT_EQ(l.user_count(), 3u);
  EXPECT_EQ(l.users.at(0), "anna");
  EXPECT_EQ(l.users.at(1), "ben");
  EXPECT_EQ(l.users.at(2), "carla");
  EXPECT_EQ(l.user_offsets, (std::vector<uint64_t>{0, 3, 5, 6}));
  EXPECT_EQ(l.amount, (std::vector<int64_t>{250000, -123456, -320, -1250, 100000000, -99}));
  EXPECT_EQ(l.balance, (std::vector<int64_t>{250000, 126544, 126224, 98750, 100098750, 9901}));
  const std::vector<std::string> days = {"2022-01-03", "2022-01-04", "2022-01-05",
                                         "2022-01-04", "2022-01-07", "2022-02-10"};
  for (size_t i = 0; i < days.size(); ++i) EXPECT_EQ(format_iso_date(l.day[i]), days[i]) << i;
  EXPECT_EQ(l.second, (std::vector<int32_t>{8 * 3600 + 5 * 60, 9 * 3600 + 15 * 60, 18 * 3600 + 45 * 60,
                                            k_unknown_second, 12 * 3600, 7 * 3600 + 30 * 60}));
  EXPECT_EQ(l.app_category(0), AppCategory::Income);
  EXPECT_EQ(l.app_category(1), AppCategory::Bills);
  EXPECT_EQ(l.app_category(2), AppCategory::DineOut);
  EXPECT_EQ(l.app_category(3), AppCategory::Groceries);
  EXPECT_EQ(l.app_category(4), AppCategory::Income);
  EXPECT_EQ(l.app_category(5), AppCategory::Other);
  EXPECT_EQ(l.descriptions.at(l.description[1]), "Miete Januar; Wohnung 3");
  EXPECT_EQ(l.descriptions.at(l.description[5]), "Rotes \"Kreuz\"");
  EXPECT_EQ(l.cities.at(l.city[5]), "M\xC3\xBCnchen");
  EXPECT_EQ(result.stats.blank_lines, 1u);
  EXPECT_EQ(result.stats.rows_total, 6u);
  EXPECT_EQ(result.stats.unmapped_categories, (std::map<std::string, uint64_t>{{"Spende", 1}}));
  EXPECT_EQ(result.stats.empty_categories, 0u);
  // Oldest first: the file's order is kept (source lines ascend within each user).
  EXPECT_EQ(l.source_line, (std::vector<uint32_t>{2, 3, 6, 4, 7, 8}));
}

TEST(CsvIngest, BadTimeIsABadDateInTheTimeColumn) {
  const std::string path = temp_file("bad_time.csv",
                                     "Buchungstag;Uhrzeit;Konto;Betrag;Saldo;Kategorie;Verwendungszweck;Ort\n"
                                     "220103;25:00;anna;1,00;1,00;Gehalt;x;Berlin\n");
  const IngestResult result = ingest_csv({path}, load_profile_file(k_data + "profiles/eurobank.toml"), quiet());
  ASSERT_EQ(result.rejects.size(), 1u);
  EXPECT_EQ(result.rejects[0].kind, RejectKind::BadDate);
  EXPECT_EQ(result.rejects[0].column, "Uhrzeit");
  EXPECT_NE(result.rejects[0].message.find("25:00"), std::string::npos);
}

// --- rows, users, order, several files ------------------------------------------------------

TEST(CsvIngest, ARowWithTwoProblemsReportsBoth) {
  const std::string path =
      temp_file("two_problems.csv",
                "Transaction Number,Transaction Date,Transaction Type,Transaction Description,Debit Amount,"
                "Credit Amount,Balance,Category,Location City,Location Country\n"
                "1,99/99/2022,DEB,X,abc,,1.00,Savings,Nottingham,UK\n");
  const IngestResult result = ingest_csv({path}, builtin_profile("moneyvis"), quiet());
  ASSERT_EQ(result.rejects.size(), 2u);
  EXPECT_EQ(result.rejects[0].kind, RejectKind::BadDate);
  EXPECT_EQ(result.rejects[1].kind, RejectKind::BadNumber);
  EXPECT_EQ(result.stats.rows_rejected, 1u);
}

TEST(CsvIngest, ZeroInTheOtherAmountColumnCountsAsEmpty) {
  const std::string path =
      temp_file("zero_other.csv",
                "Transaction Number,Transaction Date,Transaction Type,Transaction Description,Debit Amount,"
                "Credit Amount,Balance,Category,Location City,Location Country\n"
                "1,02/01/2024,DEB,X,4.20,0.00,1.00,Savings,Nottingham,UK\n"
                "2,01/01/2024,DEB,Y,0,0,5.20,Savings,Nottingham,UK\n");
  const IngestResult result = ingest_csv({path}, builtin_profile("moneyvis"), quiet());
  ASSERT_TRUE(result.rejects.empty()) << result.rejects[0].message;
  EXPECT_EQ(result.ledger.amount, (std::vector<int64_t>{0, -420}));
}

TEST(CsvIngest, UserIdDefaultsToTheFileStemAndFilesStayApart) {
  const std::string header =
      "Transaction Number,Transaction Date,Transaction Type,Transaction Description,Debit Amount,"
      "Credit Amount,Balance,Category,Location City,Location Country\n";
  const std::string a = temp_file("alice.csv", header +
                                                   "1,02/01/2024,DEB,X,1.00,,9.00,Savings,,\n"
                                                   "2,01/01/2024,DEB,Y,1.00,,10.00,Savings,,\n");
  const std::string b = temp_file("bob.csv", header + "1,05/01/2024,FPI,Z,,3.00,3.00,Paycheck,,\n");
  const IngestResult result = ingest_csv({b, a}, builtin_profile("moneyvis"), quiet());
  const Ledger& l = result.ledger;
  ASSERT_EQ(l.user_count(), 2u);
  EXPECT_EQ(l.users.at(0), "alice");
  EXPECT_EQ(l.users.at(1), "bob");
  EXPECT_EQ(l.balance, (std::vector<int64_t>{1000, 900, 300}));
  EXPECT_EQ(result.stats.files, 2u);
  EXPECT_EQ(l.source_files.at(l.source_file[0]), a);
  EXPECT_EQ(l.source_files.at(l.source_file[2]), b);

  SourceProfile fixed = builtin_profile("moneyvis");
  fixed.user_id = "me";
  const IngestResult one = ingest_csv({a, b}, fixed, quiet());
  ASSERT_EQ(one.ledger.user_count(), 1u);
  EXPECT_EQ(one.ledger.users.at(0), "me");
}

TEST(CsvIngest, HeaderOnlyFileLoadsNothingWithoutRejects) {
  const std::string path = temp_file("header_only.csv",
                                     "user_id,transaction_date,transaction_type,amount,category,"
                                     "description,merchant_name,location_city,location_country,"
                                     "balance_after\n");
  const IngestResult result = ingest_csv({path}, builtin_profile("fincoach"), quiet());
  EXPECT_TRUE(result.rejects.empty());
  EXPECT_EQ(result.ledger.rows(), 0u);
  EXPECT_THROW(enforce_reject_policy(result, quiet()), InvalidInput);
}

TEST(CsvIngest, HeaderMatchIgnoresCaseAndSurroundingSpace) {
  const std::string path = temp_file("loose_header.csv",
                                     " USER_ID ,Transaction_Date,transaction_type,amount,"
                                     "category,description,merchant_name,location_city,"
                                     "location_country,balance_after\n"
                                     "u,2024-01-01,credit,1,income,d,,,,1\n");
  const IngestResult result = ingest_csv({path}, builtin_profile("fincoach"), quiet());
  EXPECT_TRUE(result.rejects.empty());
  EXPECT_EQ(result.ledger.rows(), 1u);
}

TEST(CsvIngest, EmptyAndUnmappedCategoriesAreCounted) {
  const std::string path = temp_file("categories.csv",
                                     "user_id,transaction_date,transaction_type,amount,category,"
                                     "description,merchant_name,location_city,location_country,"
                                     "balance_after\n"
                                     "u,2024-01-01,debit,1,,d,,,,1\n"
                                     "u,2024-01-02,debit,1,Quidditch,d,,,,1\n"
                                     "u,2024-01-03,debit,1,Quidditch,d,,,,1\n"
                                     "u,2024-01-04,debit,1,  DINE   out ,d,,,,1\n");
  SourceProfile profile = builtin_profile("fincoach");
  profile.unmapped_category = AppCategory::Entertainment;
  const IngestResult result = ingest_csv({path}, profile, quiet());
  EXPECT_EQ(result.stats.empty_categories, 1u);
  EXPECT_EQ(result.stats.unmapped_categories, (std::map<std::string, uint64_t>{{"Quidditch", 2}}));
  const Ledger& l = result.ledger;
  EXPECT_EQ(l.app_category(0), AppCategory::Other);
  EXPECT_EQ(l.app_category(1), AppCategory::Entertainment);
  EXPECT_EQ(l.app_category(3), AppCategory::DineOut);
  EXPECT_EQ(l.raw_categories.at(l.raw_category[3]), "  DINE   out ");  // kept as written
}

// Large enough to take the progress path and to put records across many 64-byte blocks; the
// running balance must reconcile on every pair after the newest-first file is reversed.
TEST(CsvIngest, LargeNewestFirstFileReconciles) {
  std::string text =
      "Transaction Number,Transaction Date,Transaction Type,Transaction Description,Debit Amount,"
      "Credit Amount,Balance,Category,Location City,Location Country\r\n";
  constexpr int k_rows = 250000;
  std::vector<std::string> lines;
  lines.reserve(k_rows);
  int64_t balance = 100000000;  // pence, after the newest row
  for (int i = 0; i < k_rows; ++i) {
    const int32_t day = days_from_civil(2022, 7, 25) - i / 7;
    const CivilDate d = civil_from_days(day);
    const bool credit = i % 5 == 0;
    const int64_t pence = 1 + (i * 7919) % 50000;
    char amount[32];
    std::snprintf(amount, sizeof amount, "%lld.%02lld", static_cast<long long>(pence / 100),
                  static_cast<long long>(pence % 100));
    char line[160];
    std::snprintf(line, sizeof line, "%d,%02d/%02d/%04d,%s,%s,%s,%s,%lld.%02lld,%s,Swansea,UK", i + 1, d.day, d.month,
                  d.year, credit ? "FPI" : "DEB", i % 11 == 0 ? "\"SHOP, \"\"QUOTED\"\"\"" : "SHOP",
                  credit ? "" : amount, credit ? amount : "", static_cast<long long>(balance / 100),
                  static_cast<long long>(balance % 100), i % 3 == 0 ? "Groceries " : "Dine Out");
    text += line;
    if (i + 1 < k_rows) text += "\r\n";
    balance -= credit ? pence : -pence;  // the older row's balance
  }
  const std::string path = temp_file("large.csv", text);
  ASSERT_GT(text.size(), 16u << 20);
  IngestParams params;
  params.progress = true;
  const IngestResult result = ingest_csv({path}, builtin_profile("moneyvis"), params);
  ASSERT_TRUE(result.rejects.empty()) << result.rejects[0].message << " | " << result.rejects[0].raw;
  const Ledger& l = result.ledger;
  ASSERT_EQ(l.rows(), static_cast<size_t>(k_rows));
  for (size_t i = 1; i < l.rows(); ++i) ASSERT_EQ(l.balance[i], l.balance[i - 1] + l.amount[i]) << i;
  EXPECT_EQ(l.descriptions.at(l.description.back()), "SHOP, \"QUOTED\"");
  EXPECT_EQ(result.stats.bytes, text.size());
  std::filesystem::remove(path);
}

TEST(CsvIngest, MissingFileIsAnIoError) {
  EXPECT_THROW(ingest_csv({k_data + "no_such_file.csv"}, builtin_profile("moneyvis"), quiet()), IoError);
}

TEST(CsvIngest, NoFilesOrBadParamsAreInvalidInput) {
  EXPECT_THROW(ingest_csv({}, builtin_profile("moneyvis"), quiet()), InvalidInput);
  IngestParams params = quiet();
  params.max_reject_fraction = 1.5;
  EXPECT_THROW(ingest_csv({k_data + "crlf.csv"}, builtin_profile("moneyvis"), params), InvalidInput);
  SourceProfile broken = builtin_profile("moneyvis");
  broken.columns.date.clear();
  EXPECT_THROW(ingest_csv({k_data + "crlf.csv"}, broken, quiet()), InvalidInput);
}

// --- the reject policy --------------------------------------------------------------------

TEST(RejectPolicy, PassesUnderTheLimitAndFailsOverIt) {
  const IngestResult result = ingest("rejects/bad_date.csv", builtin_profile("moneyvis"));  // 1 of 3
  IngestParams params = quiet();
  params.max_reject_fraction = 0.5;
  EXPECT_NO_THROW(enforce_reject_policy(result, params));
  params.max_reject_fraction = 0.3;
  try {
    enforce_reject_policy(result, params);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("1 of 3"), std::string::npos) << message;
    EXPECT_NE(message.find("bad_date"), std::string::npos) << message;
    EXPECT_NE(message.find(":3:"), std::string::npos) << message;
  }
}

TEST(RejectPolicy, NoRowsLoadedAlwaysFails) {
  const IngestResult result = ingest("rejects/empty_file.csv", builtin_profile("moneyvis"));
  IngestParams params = quiet();
  params.max_reject_fraction = 1.0;
  EXPECT_THROW(enforce_reject_policy(result, params), InvalidInput);
}

TEST(RejectPolicy, ListsOnlyTheFirstRejects) {
  IngestResult result;
  result.stats.rows_total = 10;
  result.stats.rows_rejected = 10;
  for (int i = 0; i < 10; ++i)
    result.rejects.push_back({"f.csv", static_cast<uint64_t>(i + 2), "", RejectKind::BadDate, "m", ""});
  try {
    enforce_reject_policy(result, quiet());
    FAIL();
  } catch (const InvalidInput& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("f.csv:6:"), std::string::npos);
    EXPECT_EQ(message.find("f.csv:7:"), std::string::npos);
    EXPECT_NE(message.find("5 more"), std::string::npos) << message;
  }
}

TEST(IngestParams, ValidateNamesTheField) {
  IngestParams params;
  params.max_reject_fraction = -0.1;
  try {
    params.validate();
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("max_reject_fraction"), std::string::npos);
  }
  params.max_reject_fraction = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(params.validate(), InvalidInput);
  params.max_reject_fraction = 0.0;
  EXPECT_NO_THROW(params.validate());
}

}  // namespace
}  // namespace fincoach::ingest
