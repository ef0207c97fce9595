// Differential test: the simulator's merged ledger equals what a LedgerBuilder makes of the
// same rows (users by id, dictionaries by first use, no sorting needed).

#include "simulate/merge.hpp"

#include <gtest/gtest.h>

#include "sim_fixture.hpp"

namespace fincoach::simulate {
namespace {

TEST(Merger, EqualsTheLedgerBuilderOfTheSameRows) {
  const Ledger& l = testing::small_population().population.ledger;
  // Feed the rows in reverse user order: the builder must sort them back.
  LedgerBuilder builder;
  for (uint32_t u = l.user_count(); u-- > 0;) {
    for (uint64_t r = l.user_begin(u); r < l.user_end(u); ++r) {
      LedgerRow row;
      row.user = l.users.at(l.user[r]);
      row.day = l.day[r];
      row.second = l.second[r];
      row.amount = l.amount[r];
      row.balance = l.balance[r];
      row.category = l.app_category(r);
      row.raw_category = l.raw_categories.at(l.raw_category[r]);
      row.type_code = l.type_codes.at(l.type_code[r]);
      row.description = l.descriptions.at(l.description[r]);
      row.merchant = l.merchants.at(l.merchant[r]);
      row.city = l.cities.at(l.city[r]);
      row.country = l.countries.at(l.country[r]);
      builder.append(row);
    }
  }
  const Ledger rebuilt = std::move(builder).finish();
  EXPECT_TRUE(rebuilt == l);
}

TEST(Merger, EmptyBlocksGiveAnEmptyLedger) {
  detail::Merger merger({"only-user"}, 100);
  detail::Chunk first;
  first.user_rows = {0};
  detail::Chunk second;
  merger.append(first);
  merger.append(second);
  Population p;
  GroundTruth t;
  merger.finish(p, t);
  EXPECT_EQ(p.ledger.rows(), 0u);
  EXPECT_EQ(p.ledger.user_count(), 1u);
  EXPECT_EQ(p.ledger.user_offsets, (std::vector<uint64_t>{0, 0}));
  EXPECT_TRUE(p.ledger.source_files.empty());
  EXPECT_NO_THROW(p.ledger.check_invariants());
}

}  // namespace
}  // namespace fincoach::simulate
