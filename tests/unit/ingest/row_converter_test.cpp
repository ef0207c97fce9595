#include "ingest/row_converter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fincoach/common/date.hpp"

namespace fincoach::ingest::detail {
namespace {

using Fields = std::vector<std::string_view>;

SourceProfile signed_profile() {
  SourceProfile p;
  p.name = "t";
  p.columns.date = "Date";
  p.columns.amount = "Amount";
  p.columns.description = "Text";
  p.columns.merchant = "Merchant";
  p.columns.balance = "Balance";
  p.columns.category = "Category";
  return p;
}

const Fields k_signed_header = {"Date", "Amount", "Text", "Merchant", "Balance", "Category"};

struct Converted {
  bool ok = false;
  LedgerRow row;
  std::vector<RowIssue> issues;
};

Converted convert(RowConverter& converter, const Fields& fields, std::string_view user = "file-user") {
  Converted c;
  c.ok = converter.convert(fields, user, c.row, c.issues);
  return c;
}

TEST(RowConverter, BindHeaderReportsMissingColumns) {
  const SourceProfile p = signed_profile();
  RowConverter converter(p);
  EXPECT_TRUE(converter.bind_header(k_signed_header).empty());
  EXPECT_EQ(converter.bind_header({"Date", "Text"}),
            (std::vector<std::string>{"Amount", "Balance", "Category", "Merchant"}));
}

TEST(RowConverter, SignedAmountsAndInvertSign) {
  SourceProfile p = signed_profile();
  RowConverter converter(p);
  converter.bind_header(k_signed_header);
  Converted c = convert(converter, {"2024-02-29", "-12.34", "Shop", "", "100.00", "Groceries"});
  ASSERT_TRUE(c.ok);
  EXPECT_EQ(c.row.amount, -1234);
  EXPECT_EQ(c.row.balance, 10000);
  EXPECT_EQ(format_iso_date(c.row.day), "2024-02-29");
  EXPECT_EQ(c.row.second, k_unknown_second);
  EXPECT_EQ(c.row.user, "file-user");
  EXPECT_EQ(c.row.merchant, "Shop");  // empty merchant falls back to the description
  EXPECT_EQ(c.row.raw_category, "Groceries");

  p.invert_sign = true;
  RowConverter inverted(p);
  inverted.bind_header(k_signed_header);
  EXPECT_EQ(convert(inverted, {"2024-01-01", "5", "x", "M", "", ""}).row.amount, -500);
}

TEST(RowConverter, DateFormatsAreTriedInOrderAndCached) {
  SourceProfile p = signed_profile();
  p.date_formats = {"%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"};
  RowConverter converter(p);
  converter.bind_header(k_signed_header);
  Converted a = convert(converter, {"03/01/2024", "1", "", "", "", ""});
  Converted b = convert(converter, {"2024-01-03 10:00:01", "1", "", "", "", ""});
  Converted c = convert(converter, {"2024-01-03", "1", "", "", "", ""});
  Converted again = convert(converter, {"2024-01-03", "1", "", "", "", ""});
  ASSERT_TRUE(a.ok && b.ok && c.ok && again.ok);
  EXPECT_EQ(a.row.day, b.row.day);
  EXPECT_EQ(b.row.second, 36001);
  EXPECT_EQ(c.row.second, k_unknown_second);
  EXPECT_EQ(again.row.day, a.row.day);
  EXPECT_EQ(again.row.second, k_unknown_second);
  Converted bad = convert(converter, {"2024-13-03", "1", "", "", "", ""});
  ASSERT_FALSE(bad.ok);
  EXPECT_EQ(bad.issues.at(0).kind, RejectKind::BadDate);
  EXPECT_EQ(bad.issues[0].column, 0u);
  EXPECT_NE(bad.issues[0].message.find("%d/%m/%Y, %Y-%m-%d %H:%M:%S, %Y-%m-%d"), std::string::npos);
}

TEST(RowConverter, EmptyOrBadAmountAndBalance) {
  RowConverter converter(signed_profile());
  converter.bind_header(k_signed_header);
  Converted empty = convert(converter, {"2024-01-01", "  ", "", "", "", ""});
  EXPECT_EQ(empty.issues.at(0).kind, RejectKind::NoAmount);
  Converted bad = convert(converter, {"2024-01-01", "1.234", "", "", "", ""});
  EXPECT_EQ(bad.issues.at(0).kind, RejectKind::BadNumber);
  EXPECT_NE(bad.issues[0].message.find("too many decimal digits"), std::string::npos) << bad.issues[0].message;
  Converted balance = convert(converter, {"2024-01-01", "1", "", "", "n/a", ""});
  EXPECT_EQ(balance.issues.at(0).kind, RejectKind::BadNumber);
  EXPECT_EQ(balance.issues[0].column, 4u);
  Converted no_balance = convert(converter, {"2024-01-01", "1", "", "", "", ""});
  EXPECT_EQ(no_balance.row.balance, k_no_balance);
}

SourceProfile split_profile() {
  SourceProfile p;
  p.name = "split";
  p.amount_layout = AmountLayout::DebitCredit;
  p.columns.date = "Date";
  p.columns.debit = "Out";
  p.columns.credit = "In";
  return p;
}

TEST(RowConverter, DebitCreditColumns) {
  RowConverter converter(split_profile());
  converter.bind_header({"Date", "Out", "In"});
  EXPECT_EQ(convert(converter, {"2024-01-01", "3.11", ""}).row.amount, -311);
  EXPECT_EQ(convert(converter, {"2024-01-01", "", "0.5"}).row.amount, 50);
  EXPECT_EQ(convert(converter, {"2024-01-01", "-3.11", ""}).row.amount, -311);  // the column decides
  EXPECT_EQ(convert(converter, {"2024-01-01", "0.00", "7"}).row.amount, 700);   // zero counts as empty
  Converted both = convert(converter, {"2024-01-01", "1", "2"});
  EXPECT_EQ(both.issues.at(0).kind, RejectKind::BothAmounts);
  EXPECT_EQ(both.issues[0].column, 1u);
  Converted none = convert(converter, {"2024-01-01", "", " "});
  EXPECT_EQ(none.issues.at(0).kind, RejectKind::NoAmount);
  Converted bad = convert(converter, {"2024-01-01", "", "x"});
  EXPECT_EQ(bad.issues.at(0).kind, RejectKind::BadNumber);
  EXPECT_EQ(bad.issues[0].column, 2u);
}

SourceProfile typed_profile() {
  SourceProfile p;
  p.name = "typed";
  p.amount_layout = AmountLayout::UnsignedWithType;
  p.columns.date = "Date";
  p.columns.amount = "Amount";
  p.columns.type = "Type";
  p.columns.user = "User";
  p.type_directions = {{"debit", Direction::Debit}, {"credit", Direction::Credit}};
  return p;
}

TEST(RowConverter, UnsignedWithTypeTakesTheSignFromTheCode) {
  RowConverter converter(typed_profile());
  converter.bind_header({"User", "Date", "Type", "Amount"});
  Converted d = convert(converter, {"u1", "2024-01-01", "debit", "12.50"});
  ASSERT_TRUE(d.ok);
  EXPECT_EQ(d.row.amount, -1250);
  EXPECT_EQ(d.row.user, "u1");
  EXPECT_EQ(d.row.type_code, "debit");
  EXPECT_EQ(convert(converter, {" u2 ", "2024-01-01", " credit ", "12.50"}).row.amount, 1250);
  Converted unknown = convert(converter, {"u1", "2024-01-01", "refund", "1"});
  ASSERT_EQ(unknown.issues.size(), 1u);
  EXPECT_EQ(unknown.issues[0].kind, RejectKind::UnknownTypeCode);
  EXPECT_EQ(unknown.issues[0].column, 2u);
  Converted no_user = convert(converter, {" ", "2024-01-01", "debit", "1"});
  EXPECT_EQ(no_user.issues.at(0).kind, RejectKind::MissingUser);
  EXPECT_EQ(no_user.issues[0].column, 0u);
}

TEST(RowConverter, ManyDistinctTypeCodesStillResolve) {
  // More distinct short codes than the packed table holds, and long ones.
  SourceProfile p = typed_profile();
  for (int i = 0; i < 100; ++i)
    p.type_directions["c" + std::to_string(i)] = i % 2 ? Direction::Credit : Direction::Debit;
  p.type_directions["a-very-long-code"] = Direction::Credit;
  RowConverter converter(p);
  converter.bind_header({"User", "Date", "Type", "Amount"});
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 100; ++i) {
      const std::string code = "c" + std::to_string(i);
      EXPECT_EQ(convert(converter, {"u", "2024-01-01", code, "1"}).row.amount, i % 2 ? 100 : -100) << code;
    }
    EXPECT_EQ(convert(converter, {"u", "2024-01-01", "a-very-long-code", "1"}).row.amount, 100);
    EXPECT_FALSE(convert(converter, {"u", "2024-01-01", "a-very-long-codf", "1"}).ok);
  }
}

TEST(RowConverter, TypeCodeRules) {
  SourceProfile p = split_profile();
  p.columns.type = "Type";
  p.type_directions = {{"DEB", Direction::Either}};
  {
    RowConverter lenient(p);  // unknown codes accepted when not rejecting them
    lenient.bind_header({"Date", "Out", "In", "Type"});
    EXPECT_TRUE(convert(lenient, {"2024-01-01", "1", "", "NEW"}).ok);
    EXPECT_TRUE(convert(lenient, {"2024-01-01", "1", "", ""}).ok);
  }
  p.reject_unknown_type_codes = true;
  {
    RowConverter strict(p);
    strict.bind_header({"Date", "Out", "In", "Type"});
    EXPECT_EQ(convert(strict, {"2024-01-01", "1", "", "NEW"}).issues.at(0).kind, RejectKind::UnknownTypeCode);
    EXPECT_EQ(convert(strict, {"2024-01-01", "1", "", ""}).issues.at(0).kind, RejectKind::UnknownTypeCode);
    EXPECT_TRUE(convert(strict, {"2024-01-01", "1", "", " DEB"}).ok);
  }
  p.reject_unknown_type_codes = false;
  p.require_type = true;
  RowConverter required(p);
  required.bind_header({"Date", "Out", "In", "Type"});
  Converted empty = convert(required, {"2024-01-01", "1", "", ""});
  EXPECT_EQ(empty.issues.at(0).kind, RejectKind::UnknownTypeCode);
  EXPECT_NE(empty.issues[0].message.find("requires"), std::string::npos);
}

TEST(RowConverter, TimeColumn) {
  SourceProfile p = signed_profile();
  p.columns.time = "Time";
  p.time_format = "%H:%M";
  RowConverter converter(p);
  converter.bind_header({"Date", "Time", "Amount", "Text", "Merchant", "Balance", "Category"});
  EXPECT_EQ(convert(converter, {"2024-01-01", "07:30", "1", "", "", "", ""}).row.second, 7 * 3600 + 30 * 60);
  EXPECT_EQ(convert(converter, {"2024-01-01", "", "1", "", "", "", ""}).row.second, k_unknown_second);
  Converted bad = convert(converter, {"2024-01-01", "7h30", "1", "", "", "", ""});
  EXPECT_EQ(bad.issues.at(0).kind, RejectKind::BadDate);
  EXPECT_EQ(bad.issues[0].column, 1u);
}

TEST(RowConverter, ReportsEveryProblemOfARow) {
  RowConverter converter(signed_profile());
  converter.bind_header(k_signed_header);
  Converted c = convert(converter, {"yesterday", "lots", "", "", "?", ""});
  ASSERT_EQ(c.issues.size(), 3u);
  EXPECT_EQ(c.issues[0].kind, RejectKind::BadDate);
  EXPECT_EQ(c.issues[1].kind, RejectKind::BadNumber);
  EXPECT_EQ(c.issues[2].kind, RejectKind::BadNumber);
}

}  // namespace
}  // namespace fincoach::ingest::detail
