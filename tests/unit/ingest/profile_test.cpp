#include "fincoach/ingest/profile.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "fincoach/common/error.hpp"

namespace fincoach::ingest {
namespace {

// A valid signed-layout profile that each test breaks in one way.
SourceProfile valid_profile() {
  SourceProfile p;
  p.name = "test";
  p.columns.date = "Date";
  p.columns.amount = "Amount";
  return p;
}

// Expects validate() to throw InvalidInput whose message names every one of `words`.
void expect_invalid(const std::function<void(SourceProfile&)>& breaker, std::initializer_list<std::string> words) {
  SourceProfile p = valid_profile();
  breaker(p);
  try {
    p.validate();
    ADD_FAILURE() << "validate() accepted the profile; expected a message with " << *words.begin();
  } catch (const InvalidInput& e) {
    const std::string message = e.what();
    for (const std::string& word : words) EXPECT_NE(message.find(word), std::string::npos) << message;
  }
}

TEST(ProfileValidate, AcceptsValidProfiles) {
  EXPECT_NO_THROW(valid_profile().validate());
  SourceProfile split = valid_profile();
  split.amount_layout = AmountLayout::DebitCredit;
  split.columns.amount.clear();
  split.columns.debit = "Out";
  split.columns.credit = "In";
  EXPECT_NO_THROW(split.validate());
  SourceProfile typed = valid_profile();
  typed.amount_layout = AmountLayout::UnsignedWithType;
  typed.columns.type = "Type";
  typed.type_directions = {{"D", Direction::Debit}, {"C", Direction::Credit}};
  EXPECT_NO_THROW(typed.validate());
}

TEST(ProfileValidate, Name) {
  expect_invalid([](SourceProfile& p) { p.name.clear(); }, {"name"});
}

TEST(ProfileValidate, Dialect) {
  expect_invalid([](SourceProfile& p) { p.delimiter = '\n'; }, {"test", "delimiter", "\\n"});
  expect_invalid([](SourceProfile& p) { p.delimiter = '\0'; }, {"delimiter"});
  expect_invalid([](SourceProfile& p) { p.quote = '\r'; }, {"quote", "\\r"});
  expect_invalid([](SourceProfile& p) { p.quote = ','; }, {"quote", "','", "delimiter"});
  SourceProfile no_quote = valid_profile();
  no_quote.quote = '\0';
  EXPECT_NO_THROW(no_quote.validate());
}

TEST(ProfileValidate, Dates) {
  expect_invalid([](SourceProfile& p) { p.columns.date.clear(); }, {"columns.date"});
  expect_invalid([](SourceProfile& p) { p.date_formats.clear(); }, {"date_formats"});
  expect_invalid([](SourceProfile& p) { p.date_formats = {"%Y-%m-%d", "%Q"}; }, {"test", "date_formats", "%Q"});
  expect_invalid([](SourceProfile& p) { p.date_formats = {"%H:%M"}; }, {"date_formats", "%H:%M"});
  expect_invalid(
      [](SourceProfile& p) {
        p.columns.time = "Time";
        p.time_format = "%H:%X";
      },
      {"time_format", "%H:%X"});
  expect_invalid(
      [](SourceProfile& p) {
        p.columns.time = "Time";
        p.time_format = "%M:%S";
      },
      {"time_format", "%H"});
  SourceProfile unused_time = valid_profile();
  unused_time.time_format = "%Q";  // only checked when a time column is set
  EXPECT_NO_THROW(unused_time.validate());
}

TEST(ProfileValidate, AmountLayouts) {
  expect_invalid([](SourceProfile& p) { p.columns.amount.clear(); }, {"columns.amount", "signed"});
  expect_invalid([](SourceProfile& p) { p.columns.debit = "Out"; }, {"columns.debit/credit", "debit_credit"});
  auto split = [](SourceProfile& p) {
    p.amount_layout = AmountLayout::DebitCredit;
    p.columns.amount.clear();
    p.columns.debit = "Out";
    p.columns.credit = "In";
  };
  expect_invalid(
      [&](SourceProfile& p) {
        split(p);
        p.columns.debit.clear();
      },
      {"columns.debit", "debit_credit"});
  expect_invalid(
      [&](SourceProfile& p) {
        split(p);
        p.columns.credit.clear();
      },
      {"columns.credit", "debit_credit"});
  expect_invalid(
      [&](SourceProfile& p) {
        split(p);
        p.columns.credit = "Out";
      },
      {"columns.credit", "'Out'"});
  expect_invalid(
      [&](SourceProfile& p) {
        split(p);
        p.columns.amount = "Amount";
      },
      {"columns.amount", "'Amount'"});
  expect_invalid(
      [&](SourceProfile& p) {
        split(p);
        p.invert_sign = true;
      },
      {"invert_sign", "debit_credit"});
}

TEST(ProfileValidate, Decimal) {
  expect_invalid([](SourceProfile& p) { p.decimal.decimal_separator = ';'; }, {"decimal.separator", "';'"});
  expect_invalid([](SourceProfile& p) { p.decimal.thousands_separator = '.'; }, {"decimal.thousands", "'.'"});
  expect_invalid([](SourceProfile& p) { p.decimal.minor_digits = 7; }, {"decimal.minor_digits", "7"});
  expect_invalid([](SourceProfile& p) { p.decimal.minor_digits = -1; }, {"decimal.minor_digits", "-1"});
  expect_invalid([](SourceProfile& p) { p.currency = "gbp"; }, {"currency", "'gbp'"});
}

TEST(ProfileValidate, TypeCodes) {
  expect_invalid([](SourceProfile& p) { p.reject_unknown_type_codes = true; },
                 {"reject_unknown_type_codes", "columns.type"});
  expect_invalid([](SourceProfile& p) { p.require_type = true; }, {"require_type", "columns.type"});
  auto typed = [](SourceProfile& p) {
    p.amount_layout = AmountLayout::UnsignedWithType;
    p.columns.type = "Type";
    p.type_directions = {{"D", Direction::Debit}};
  };
  expect_invalid(
      [&](SourceProfile& p) {
        typed(p);
        p.columns.type.clear();
      },
      {"columns.type", "unsigned_with_type"});
  expect_invalid(
      [&](SourceProfile& p) {
        typed(p);
        p.type_directions.clear();
      },
      {"type_directions"});
  expect_invalid(
      [&](SourceProfile& p) {
        typed(p);
        p.type_directions["X"] = Direction::Either;
      },
      {"type_directions.\"X\"", "either"});
}

TEST(ProfileValidate, User) {
  expect_invalid(
      [](SourceProfile& p) {
        p.columns.user = "Account";
        p.user_id = "me";
      },
      {"user_id", "'me'", "columns.user"});
}

TEST(ProfileEnums, HaveStableNames) {
  EXPECT_EQ(to_string(Encoding::Utf8), "utf8");
  EXPECT_EQ(to_string(Encoding::Latin1), "latin1");
  EXPECT_EQ(to_string(FileOrder::OldestFirst), "oldest_first");
  EXPECT_EQ(to_string(FileOrder::NewestFirst), "newest_first");
  EXPECT_EQ(to_string(AmountLayout::Signed), "signed");
  EXPECT_EQ(to_string(AmountLayout::DebitCredit), "debit_credit");
  EXPECT_EQ(to_string(AmountLayout::UnsignedWithType), "unsigned_with_type");
  EXPECT_EQ(to_string(Direction::Debit), "debit");
  EXPECT_EQ(to_string(Direction::Credit), "credit");
  EXPECT_EQ(to_string(Direction::Either), "either");
}

}  // namespace
}  // namespace fincoach::ingest
