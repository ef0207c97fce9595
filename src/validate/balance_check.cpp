// Running-balance reconciliation: in ledger order, each row's balance should equal the
// previous balance plus the row's amount. Rows without a balance are skipped, but their
// amounts still move the expected balance, so one missing value does not hide a break.

#include <fmt/format.h>

#include "fincoach/common/error.hpp"
#include "validate/sections.hpp"

namespace fincoach::validate::detail {

namespace {

void reconcile_user(const Ledger& ledger, uint32_t user, const QualityParams& params, BalanceSection& section) {
  bool anchored = false;
  size_t anchor_row = 0;
  int64_t expected = 0;
  for (uint64_t row = ledger.user_begin(user); row < ledger.user_end(user); ++row) {
    const int64_t balance = ledger.balance[row];
    if (anchored && !add_in_range(expected, ledger.amount[row], expected)) {
      const SourceRef source = source_of(ledger, row);
      throw InvalidInput(
          fmt::format("{}:{}: the running balance leaves the int64 range of minor units", source.file, source.line));
    }
    if (balance == k_no_balance) {
      ++section.rows_without_balance;
      continue;
    }
    ++section.rows_with_balance;
    if (anchored) {
      ++section.pairs_checked;
      if (balance != expected) {
        ++section.breaks;
        if (section.listed.size() < params.max_listed)
          section.listed.push_back(BalanceBreak{std::string(ledger.users.at(user)), source_of(ledger, anchor_row),
                                                source_of(ledger, row), expected, balance});
      }
    }
    // Restart from the stated balance, so one break is reported once, not on every later row.
    anchored = true;
    anchor_row = row;
    expected = balance;
  }
}

}  // namespace

BalanceSection reconcile_balances(const Ledger& ledger, const QualityParams& params) {
  BalanceSection section;
  for (uint32_t user = 0; user < ledger.user_count(); ++user) reconcile_user(ledger, user, params, section);
  return section;
}

}  // namespace fincoach::validate::detail
