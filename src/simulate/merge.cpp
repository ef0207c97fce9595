#include "simulate/merge.hpp"

#include <cstdint>
#include <iterator>

#include "fincoach/common/error.hpp"

namespace fincoach::simulate::detail {
namespace {

template <typename T>
void release(std::vector<T>& column) {
  std::vector<T>().swap(column);
}

template <typename T>
void move_append(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  release(from);
}

// Pool ids → ids numbered by first use in row order, as LedgerBuilder::finish numbers them.
void append_renumbered(std::vector<uint32_t>& to, std::vector<uint32_t>& from, std::vector<uint32_t>& map,
                       const StringDictionary& pool, StringDictionary& dictionary) {
  const size_t begin = to.size();
  move_append(to, from);
  for (auto it = to.begin() + static_cast<std::ptrdiff_t>(begin); it != to.end(); ++it) {
    uint32_t& mapped = map[*it];
    if (mapped == UINT32_MAX) mapped = dictionary.intern(pool.at(*it));
    *it = mapped;
  }
}

template <typename T>
void reserve(std::vector<T>& column, size_t rows) {
  column.reserve(rows);
}

}  // namespace

Merger::Merger(const std::vector<std::string>& user_ids, size_t expected_rows) {
  const Pools& pools = Pools::instance();
  raw_category_map_.assign(pools.raw_categories.size(), UINT32_MAX);
  type_code_map_.assign(pools.type_codes.size(), UINT32_MAX);
  description_map_.assign(pools.descriptions.size(), UINT32_MAX);
  merchant_map_.assign(pools.merchants.size(), UINT32_MAX);
  city_map_.assign(pools.cities.size(), UINT32_MAX);
  country_map_.assign(pools.countries.size(), UINT32_MAX);

  Ledger& l = population_.ledger;
  l.currency = "GBP";
  l.minor_digits = 2;
  for (const std::string& id : user_ids) l.users.intern(id);
  l.user_offsets.reserve(user_ids.size() + 1);
  // Reserved, not touched: pages beyond the final size are never faulted in.
  reserve(l.user, expected_rows);
  reserve(l.day, expected_rows);
  reserve(l.second, expected_rows);
  reserve(l.amount, expected_rows);
  reserve(l.balance, expected_rows);
  reserve(l.category, expected_rows);
  reserve(l.raw_category, expected_rows);
  reserve(l.type_code, expected_rows);
  reserve(l.description, expected_rows);
  reserve(l.merchant, expected_rows);
  reserve(l.city, expected_rows);
  reserve(l.country, expected_rows);
}

void Merger::append(Chunk& chunk) {
  append_ledger(chunk);
  append_side_tables(chunk);
  chunk = Chunk();
}

void Merger::append_ledger(Chunk& c) {
  const Pools& pools = Pools::instance();
  Ledger& l = population_.ledger;
  for (const uint64_t rows : c.user_rows) l.user_offsets.push_back(l.user_offsets.back() + rows);
  move_append(l.user, c.user);
  move_append(l.day, c.day);
  move_append(l.second, c.second);
  move_append(l.amount, c.amount);
  move_append(l.balance, c.balance);
  move_append(l.category, c.category);
  append_renumbered(l.raw_category, c.raw_category, raw_category_map_, pools.raw_categories, l.raw_categories);
  append_renumbered(l.type_code, c.type_code, type_code_map_, pools.type_codes, l.type_codes);
  append_renumbered(l.description, c.description, description_map_, pools.descriptions, l.descriptions);
  append_renumbered(l.merchant, c.merchant, merchant_map_, pools.merchants, l.merchants);
  append_renumbered(l.city, c.city, city_map_, pools.cities, l.cities);
  append_renumbered(l.country, c.country, country_map_, pools.countries, l.countries);
}

void Merger::append_side_tables(Chunk& c) {
  Population& p = population_;
  move_append(p.users.email, c.users.email);
  move_append(p.users.first_name, c.users.first_name);
  move_append(p.users.last_name, c.users.last_name);
  move_append(p.users.created_day, c.users.created_day);
  move_append(p.users.monthly_income, c.users.monthly_income);
  move_append(p.users.savings_goal, c.users.savings_goal);
  move_append(p.users.risk_tolerance, c.users.risk_tolerance);
  move_append(p.users.wallet_balance, c.users.wallet_balance);

  move_append(p.goals.user, c.goals.user);
  move_append(p.goals.name, c.goals.name);
  move_append(p.goals.target_amount, c.goals.target_amount);
  move_append(p.goals.start_day, c.goals.start_day);
  move_append(p.goals.deadline_day, c.goals.deadline_day);

  RecommendationLog& r = p.recommendations;
  move_append(r.user, c.recommendations.user);
  move_append(r.day, c.recommendations.day);
  move_append(r.second, c.recommendations.second);
  move_append(r.action, c.recommendations.action);
  move_append(r.propensity, c.recommendations.propensity);
  move_append(r.confidence, c.recommendations.confidence);
  move_append(r.feedback, c.recommendations.feedback);
  move_append(r.feedback_day, c.recommendations.feedback_day);

  move_append(p.purchases.user, c.purchases.user);
  move_append(p.purchases.product, c.purchases.product);
  move_append(p.purchases.day, c.purchases.day);
  move_append(p.purchases.quantity, c.purchases.quantity);
  move_append(p.purchases.total_amount, c.purchases.total_amount);

  GroundTruth& t = truth_;
  move_append(t.users, c.traits);
  move_append(t.sim_index, c.sim_index);
  move_append(t.goals.achieved, c.outcomes.achieved);
  move_append(t.goals.reached_day, c.outcomes.reached_day);
  move_append(t.goals.saved_by_deadline, c.outcomes.saved_by_deadline);
  move_append(t.goals.commitment, c.outcomes.commitment);

  RecurringStreams& s = t.streams;
  move_append(s.user, c.streams.user);
  move_append(s.kind, c.streams.kind);
  move_append(s.merchant, c.streams.merchant);
  move_append(s.description, c.streams.description);
  move_append(s.type_code, c.streams.type_code);
  move_append(s.category, c.streams.category);
  move_append(s.cadence_days, c.streams.cadence_days);
  move_append(s.amount, c.streams.amount);
  move_append(s.first_day, c.streams.first_day);

  LifeEvents& e = t.events;
  move_append(e.user, c.events.user);
  move_append(e.kind, c.events.kind);
  move_append(e.start_day, c.events.start_day);
  move_append(e.end_day, c.events.end_day);
  move_append(e.value, c.events.value);
}

void Merger::finish(Population& population, GroundTruth& truth) {
  Ledger& l = population_.ledger;
  FINCOACH_ASSERT(l.user_offsets.size() == static_cast<size_t>(l.users.size()) + 1);
  l.source_file.assign(l.rows(), 0);
  l.source_line.assign(l.rows(), 0);
  // Not from a file: LedgerBuilder's "" source, present once any row uses it.
  if (l.rows() > 0) l.source_files.intern("");
  population = std::move(population_);
  truth = std::move(truth_);
}

}  // namespace fincoach::simulate::detail
