#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fincoach/common/error.hpp"
#include "fincoach/ingest/profile.hpp"

namespace fincoach::ingest {
namespace {

const std::string k_minimal = R"(
name = "mini"
[columns]
date = "Date"
amount = "Amount"
)";

// The minimal profile with extra top-level keys (they must come before the first table).
std::string with_root(const std::string& keys) {
  return keys + k_minimal;
}

// Expects parse_profile to throw InvalidInput whose message contains every one of `words`.
void expect_rejected(const std::string& toml, std::initializer_list<std::string> words) {
  try {
    parse_profile(toml, "test.toml");
    ADD_FAILURE() << "accepted:\n" << toml;
  } catch (const InvalidInput& e) {
    const std::string message = e.what();
    for (const std::string& word : words) EXPECT_NE(message.find(word), std::string::npos) << message;
  }
}

TEST(ParseProfile, MinimalProfileGetsDefaults) {
  const SourceProfile p = parse_profile(k_minimal, "mini.toml");
  EXPECT_EQ(p.name, "mini");
  EXPECT_EQ(p.delimiter, ',');
  EXPECT_EQ(p.quote, '"');
  EXPECT_EQ(p.encoding, Encoding::Utf8);
  EXPECT_EQ(p.order, FileOrder::OldestFirst);
  EXPECT_EQ(p.amount_layout, AmountLayout::Signed);
  EXPECT_EQ(p.date_formats, std::vector<std::string>{"%Y-%m-%d"});
  EXPECT_EQ(p.currency, "GBP");
  EXPECT_EQ(p.category_map, default_category_map());
}

TEST(ParseProfile, NameDefaultsToTheFileStem) {
  const SourceProfile p = parse_profile("[columns]\ndate = \"D\"\namount = \"A\"\n", "/some/dir/mybank.toml");
  EXPECT_EQ(p.name, "mybank");
}

TEST(ParseProfile, ReadsEveryField) {
  const SourceProfile p = parse_profile(R"(
name = "full"
description = "all fields"
delimiter = "\t"
quote = ""
encoding = "Latin-1"
order = "newest_first"
date_formats = ["%d/%m/%Y", "%y%m%d"]
time_format = "%H%M"
amount_layout = "unsigned_with_type"
invert_sign = false
currency = "EUR"
reject_unknown_type_codes = true
require_type = true
unmapped_category = "shopping"
default_categories = false
[decimal]
separator = ","
thousands = " "
minor_digits = 3
[columns]
date = "d"
time = "t"
amount = "a"
balance = "b"
category = "c"
type = "ty"
description = "de"
merchant = "m"
city = "ci"
country = "co"
user = "u"
[type_directions]
" OUT " = "Debit"
"IN" = "credit"
[categories]
"Pub Crawl" = "dine_out"
)",
                                        "full.toml");
  EXPECT_EQ(p.description, "all fields");
  EXPECT_EQ(p.delimiter, '\t');
  EXPECT_EQ(p.quote, '\0');
  EXPECT_EQ(p.encoding, Encoding::Latin1);
  EXPECT_EQ(p.order, FileOrder::NewestFirst);
  EXPECT_EQ(p.date_formats, (std::vector<std::string>{"%d/%m/%Y", "%y%m%d"}));
  EXPECT_EQ(p.time_format, "%H%M");
  EXPECT_EQ(p.amount_layout, AmountLayout::UnsignedWithType);
  EXPECT_EQ(p.currency, "EUR");
  EXPECT_TRUE(p.reject_unknown_type_codes);
  EXPECT_TRUE(p.require_type);
  EXPECT_EQ(p.unmapped_category, AppCategory::Shopping);
  EXPECT_EQ(p.decimal.decimal_separator, ',');
  EXPECT_EQ(p.decimal.thousands_separator, ' ');
  EXPECT_EQ(p.decimal.minor_digits, 3);
  EXPECT_EQ(p.columns.time, "t");
  EXPECT_EQ(p.columns.user, "u");
  EXPECT_EQ(p.columns.merchant, "m");
  EXPECT_EQ(p.type_directions.at("OUT"), Direction::Debit);  // key trimmed
  EXPECT_EQ(p.type_directions.at("IN"), Direction::Credit);
  // default_categories = false: only the profile's own labels.
  EXPECT_EQ(p.category_map, (std::map<std::string, AppCategory>{{"pub crawl", AppCategory::DineOut}}));
}

TEST(ParseProfile, CategoriesOverrideTheDefaults) {
  const SourceProfile p =
      parse_profile(k_minimal + "[categories]\n\"CASH\" = \"shopping\"\n\"Snacks\" = \"groceries\"\n", "t.toml");
  EXPECT_EQ(p.category_map.at("cash"), AppCategory::Shopping);
  EXPECT_EQ(p.category_map.at("snacks"), AppCategory::Groceries);
  EXPECT_EQ(p.category_map.at("paycheck"), AppCategory::Income);
}

TEST(ParseProfile, UnknownKeysAreRejectedByName) {
  expect_rejected(with_root("delimeter = \";\"\n"), {"test.toml", "unknown key", "delimeter"});
  expect_rejected("name = \"x\"\n[columns]\ndate = \"D\"\namount = \"A\"\nbalanse = \"B\"\n",
                  {"unknown key", "columns.balanse"});
  expect_rejected(k_minimal + "[decimal]\nseperator = \",\"\n", {"unknown key", "decimal.seperator"});
}

TEST(ParseProfile, WrongTypesNameTheField) {
  expect_rejected("name = 3\n", {"name", "a string"});
  expect_rejected(with_root("invert_sign = \"yes\"\n"), {"invert_sign", "true or false"});
  expect_rejected(k_minimal + "[decimal]\nminor_digits = \"2\"\n", {"decimal.minor_digits", "an integer"});
  expect_rejected(with_root("date_formats = 5\n"), {"date_formats", "array of strings"});
  expect_rejected(with_root("date_formats = [\"%Y\", 5]\n"), {"date_formats", "a string"});
  expect_rejected("columns = \"Date\"\n", {"columns", "a table"});
}

TEST(ParseProfile, BadValuesNameTheFieldAndValue) {
  expect_rejected(with_root("delimiter = \";;\"\n"), {"delimiter", "';;'", "exactly one character"});
  expect_rejected(with_root("delimiter = \"\"\n"), {"delimiter"});
  expect_rejected(with_root("encoding = \"ebcdic\"\n"), {"encoding", "ebcdic", "utf8 or latin1"});
  expect_rejected(with_root("order = \"sideways\"\n"), {"order", "sideways"});
  expect_rejected(with_root("amount_layout = \"split\"\n"), {"amount_layout", "split"});
  expect_rejected(with_root("unmapped_category = \"misc\"\n"), {"unmapped_category", "misc"});
  expect_rejected(k_minimal + "[type_directions]\nDEB = \"out\"\n", {"type_directions.\"DEB\"", "out"});
  expect_rejected(k_minimal + "[categories]\nPizza = \"food\"\n", {"categories.\"Pizza\"", "'food'", "dine_out"});
  expect_rejected(k_minimal + "[categories]\nPizza = 1\n", {"categories.\"Pizza\"", "non-string"});
  expect_rejected(k_minimal + "[categories]\n\"Take Away\" = \"dine_out\"\n\"take  away\" = \"dine_out\"\n",
                  {"'Take Away'", "'take  away'", "same label"});
  expect_rejected(k_minimal + "[categories]\n\" \" = \"other\"\n", {"empty raw label"});
}

TEST(ParseProfile, ValidatesTheResult) {
  expect_rejected("name = \"x\"\n[columns]\ndate = \"D\"\n", {"profile 'x'", "columns.amount"});
}

TEST(ParseProfile, SyntaxErrorsNameTheOriginAndLine) {
  expect_rejected("name = \"x\"\nthis is not toml\n", {"test.toml:2"});
}

TEST(BuiltinProfiles, AreListedAndValid) {
  EXPECT_EQ(builtin_profile_names(), (std::vector<std::string>{"moneyvis", "fincoach"}));
  for (const std::string& name : builtin_profile_names()) {
    const SourceProfile p = builtin_profile(name);
    EXPECT_EQ(p.name, name);
    EXPECT_FALSE(p.description.empty());
    EXPECT_NO_THROW(p.validate());
  }
}

TEST(BuiltinProfiles, MoneyVisShape) {
  const SourceProfile p = builtin_profile("moneyvis");
  EXPECT_EQ(p.order, FileOrder::NewestFirst);
  EXPECT_EQ(p.amount_layout, AmountLayout::DebitCredit);
  EXPECT_EQ(p.date_formats, std::vector<std::string>{"%d/%m/%Y"});
  EXPECT_EQ(p.columns.debit, "Debit Amount");
  EXPECT_EQ(p.columns.credit, "Credit Amount");
  EXPECT_TRUE(p.reject_unknown_type_codes);
  for (const char* code : {"DEB", "BP", "DD", "CPT", "FPO", "BGC", "SO", "FPI", "", "DEP", "PAY", "TFR", "FEE", "CHQ"})
    EXPECT_TRUE(p.type_directions.count(code)) << "type code '" << code << "'";
}

TEST(BuiltinProfiles, FinCoachShape) {
  const SourceProfile p = builtin_profile("fincoach");
  EXPECT_EQ(p.order, FileOrder::OldestFirst);
  EXPECT_EQ(p.amount_layout, AmountLayout::UnsignedWithType);
  EXPECT_EQ(p.columns.user, "user_id");
  EXPECT_EQ(p.date_formats, (std::vector<std::string>{"%Y-%m-%d %H:%M:%S", "%Y-%m-%d"}));
  EXPECT_EQ(p.type_directions.at("debit"), Direction::Debit);
  EXPECT_EQ(p.type_directions.at("credit"), Direction::Credit);
  // Every app category name maps to itself.
  for (AppCategory c : all_app_categories()) EXPECT_EQ(p.category_map.at(std::string(to_string(c))), c) << to_string(c);
}

TEST(BuiltinProfiles, UnknownNameListsTheBuiltins) {
  try {
    builtin_profile("nope");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("moneyvis, fincoach"), std::string::npos) << e.what();
  }
}

TEST(ResolveProfile, NameOrPath) {
  EXPECT_EQ(resolve_profile("moneyvis").name, "moneyvis");
  const std::string path = std::string(FINCOACH_TEST_DATA_DIR) + "/ingest/profiles/eurobank.toml";
  EXPECT_EQ(resolve_profile(path).name, "eurobank");
  EXPECT_EQ(load_profile_file(path).name, "eurobank");
  try {
    resolve_profile("no/such/profile.toml");
    FAIL();
  } catch (const InvalidInput& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("no/such/profile.toml"), std::string::npos);
    EXPECT_NE(message.find("moneyvis"), std::string::npos);
  }
  EXPECT_THROW(load_profile_file("no/such/profile.toml"), IoError);
}

TEST(ResolveProfile, ErrorsInAFileNameThePath) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "fincoach_bad_profile.toml";
  std::ofstream(path) << k_minimal << "colour = \"blue\"\n";
  try {
    resolve_profile(path.string());
    FAIL();
  } catch (const InvalidInput& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_NE(message.find("colour"), std::string::npos) << message;
    EXPECT_NE(message.find("line 6"), std::string::npos) << message;
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace fincoach::ingest
