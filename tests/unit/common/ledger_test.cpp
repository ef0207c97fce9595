#include "fincoach/common/ledger.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"

namespace fincoach {
namespace {

LedgerRow row(std::string_view user, int32_t day, int64_t amount, std::string_view merchant = "shop") {
  LedgerRow r;
  r.user = user;
  r.day = day;
  r.amount = amount;
  r.description = merchant;
  r.merchant = merchant;
  r.raw_category = "Groceries";
  r.category = AppCategory::Groceries;
  return r;
}

TEST(LedgerBuilder, SortsByUserThenDayKeepingOriginalOrderWithinADay) {
  LedgerBuilder b;
  b.append(row("zoe", 5, -1));
  b.append(row("adam", 7, -2));
  b.append(row("adam", 3, -3));
  b.append(row("zoe", 5, -4));  // same day as the first: must stay after it
  b.append(row("adam", 7, -5));
  const Ledger l = std::move(b).finish();
  l.check_invariants();
  ASSERT_EQ(l.user_count(), 2u);
  EXPECT_EQ(l.users.at(0), "adam");  // users numbered in byte order of their ids
  EXPECT_EQ(l.users.at(1), "zoe");
  EXPECT_EQ(l.amount, (std::vector<int64_t>{-3, -2, -5, -1, -4}));
  EXPECT_EQ(l.user_offsets, (std::vector<uint64_t>{0, 3, 5}));
}

TEST(LedgerBuilder, SameRowsInAnyOrderGiveTheSameLedger) {
  // Canonical form: dictionaries are numbered by first use in the sorted rows.
  LedgerBuilder a, b;
  a.append(row("u1", 1, -10, "alpha"));
  a.append(row("u2", 1, -20, "beta"));
  b.append(row("u2", 1, -20, "beta"));
  b.append(row("u1", 1, -10, "alpha"));
  EXPECT_EQ(std::move(a).finish(), std::move(b).finish());
}

TEST(LedgerBuilder, UsersArrivingOutOfOrderEachInDayOrderGiveTheSameLedger) {
  // A database read in primary-key order: whole users, not in ledger order.
  LedgerBuilder sorted, by_id;
  for (const char* user : {"ann", "bob", "cat"})
    for (int day = 0; day < 3; ++day) sorted.append(row(user, day, -day, user));
  for (const char* user : {"cat", "ann", "bob"})
    for (int day = 0; day < 3; ++day) by_id.append(row(user, day, -day, user));
  EXPECT_EQ(std::move(sorted).finish(), std::move(by_id).finish());
}

TEST(LedgerBuilder, AUserWhoseDaysGoBackIsSortedStably) {
  LedgerBuilder b;
  b.append(row("bob", 4, -1));
  b.append(row("ann", 2, -2));
  b.append(row("ann", 1, -3));  // ann's days go back: a full sort, same-day order kept
  b.append(row("ann", 2, -4));
  const Ledger l = std::move(b).finish();
  l.check_invariants();
  EXPECT_EQ(l.amount, (std::vector<int64_t>{-3, -2, -4, -1}));
}

TEST(LedgerBuilder, ReverseAndTruncate) {
  LedgerBuilder b;
  for (int i = 0; i < 4; ++i) b.append(row("u", 10, -i));
  b.reverse_rows(1, 4);
  b.truncate(3);
  const Ledger l = std::move(b).finish();
  EXPECT_EQ(l.amount, (std::vector<int64_t>{0, -3, -2}));
}

TEST(Ledger, InvariantCheckCatchesCorruption) {
  LedgerBuilder b;
  b.append(row("u", 1, -1));
  b.append(row("u", 2, -2));
  Ledger l = std::move(b).finish();
  l.check_invariants();
  Ledger unsorted = l;
  std::swap(unsorted.day[0], unsorted.day[1]);
  EXPECT_THROW(unsorted.check_invariants(), Internal);
  Ledger short_column = l;
  short_column.amount.pop_back();
  EXPECT_THROW(short_column.check_invariants(), Internal);
  Ledger bad_id = l;
  bad_id.merchant[0] = 99;
  EXPECT_THROW(bad_id.check_invariants(), Internal);
  Ledger bad_category = l;
  bad_category.category[1] = 11;
  EXPECT_THROW(bad_category.check_invariants(), Internal);
}

TEST(Ledger, EmptyLedgerIsValid) {
  const Ledger l = LedgerBuilder().finish();
  l.check_invariants();
  EXPECT_EQ(l.rows(), 0u);
  EXPECT_EQ(l.user_count(), 0u);
}

}  // namespace
}  // namespace fincoach
