#include "fincoach/common/ledger.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "fincoach/common/error.hpp"
#include "fincoach/common/money.hpp"

namespace fincoach {
namespace {

template <typename T>
void permute(std::vector<T>& column, const std::vector<uint32_t>& order) {
  std::vector<T> out(column.size());
  for (size_t i = 0; i < order.size(); ++i) out[i] = column[order[i]];
  column.swap(out);
}

// Renumbers a dictionary column so ids follow first appearance in row order.
void renumber_by_first_use(std::vector<uint32_t>& column, StringDictionary& dict) {
  std::vector<uint32_t> remap(dict.size(), UINT32_MAX);
  StringDictionary fresh;
  for (uint32_t& id : column) {
    if (remap[id] == UINT32_MAX) remap[id] = fresh.intern(dict.at(id));
    id = remap[id];
  }
  dict = std::move(fresh);
}

uint64_t sort_key(uint32_t user, int32_t day) {
  return (static_cast<uint64_t>(user) << 32) | (static_cast<uint32_t>(day) ^ 0x80000000u);
}

template <typename T>
void check_length(const std::vector<T>& column, size_t rows, const char* name) {
  if (column.size() != rows)
    throw Internal(fmt::format("ledger column '{}' has {} entries, expected {}", name, column.size(), rows));
}

void check_ids(const std::vector<uint32_t>& column, const StringDictionary& dict, const char* name) {
  // A branch-free max vectorises; the slow search runs only when something is wrong.
  uint32_t max_id = 0;
  for (uint32_t id : column) max_id = std::max(max_id, id);
  if (column.empty() || max_id < dict.size()) return;
  const auto bad = std::find_if(column.begin(), column.end(), [&](uint32_t id) { return id >= dict.size(); });
  throw Internal(fmt::format("ledger column '{}' row {}: id {} outside its dictionary ({} entries)", name,
                             bad - column.begin(), *bad, dict.size()));
}

}  // namespace

void Ledger::check_invariants() const {
  const size_t n = rows();
  check_length(user, n, "user");
  check_length(second, n, "second");
  check_length(amount, n, "amount");
  check_length(balance, n, "balance");
  check_length(category, n, "category");
  check_length(raw_category, n, "raw_category");
  check_length(type_code, n, "type_code");
  check_length(description, n, "description");
  check_length(merchant, n, "merchant");
  check_length(city, n, "city");
  check_length(country, n, "country");
  check_length(source_file, n, "source_file");
  check_length(source_line, n, "source_line");
  if (!is_currency_code(currency)) throw Internal(fmt::format("ledger currency '{}' is not an ISO code", currency));
  if (user_offsets.size() != static_cast<size_t>(users.size()) + 1 || user_offsets.front() != 0 ||
      user_offsets.back() != n)
    throw Internal("ledger user offsets do not cover the rows");
  check_ids(user, users, "user");
  check_ids(raw_category, raw_categories, "raw_category");
  check_ids(type_code, type_codes, "type_code");
  check_ids(description, descriptions, "description");
  check_ids(merchant, merchants, "merchant");
  check_ids(city, cities, "city");
  check_ids(country, countries, "country");
  check_ids(source_file, source_files, "source_file");
  for (uint32_t u = 0; u < users.size(); ++u) {
    if (user_offsets[u] > user_offsets[u + 1]) throw Internal(fmt::format("ledger offsets decrease at user {}", u));
    for (uint64_t r = user_offsets[u]; r < user_offsets[u + 1]; ++r) {
      if (user[r] != u) throw Internal(fmt::format("ledger row {} has user {} inside user {}'s range", r, user[r], u));
      if (r > user_offsets[u] && day[r] < day[r - 1])
        throw Internal(fmt::format("ledger rows {} and {} are out of day order", r - 1, r));
    }
  }
  for (size_t i = 0; i < n; ++i)
    if (category[i] >= k_app_category_count) throw Internal(fmt::format("ledger row {}: bad category {}", i, category[i]));
}

LedgerBuilder::LedgerBuilder(std::string currency, int minor_digits) {
  ledger_.currency = std::move(currency);
  ledger_.minor_digits = minor_digits;
  ledger_.source_files.intern("");  // id 0: rows that did not come from a file
}

uint32_t LedgerBuilder::add_source_file(std::string_view path) { return ledger_.source_files.intern(path); }

void LedgerBuilder::reserve(size_t rows) {
  Ledger& l = ledger_;
  l.user.reserve(rows);
  l.day.reserve(rows);
  l.second.reserve(rows);
  l.amount.reserve(rows);
  l.balance.reserve(rows);
  l.category.reserve(rows);
  l.raw_category.reserve(rows);
  l.type_code.reserve(rows);
  l.description.reserve(rows);
  l.merchant.reserve(rows);
  l.city.reserve(rows);
  l.country.reserve(rows);
  l.source_file.reserve(rows);
  l.source_line.reserve(rows);
}

void LedgerBuilder::append(const LedgerRow& row) {
  Ledger& l = ledger_;
  FINCOACH_ASSERT(row.source_file < l.source_files.size());
  l.user.push_back(l.users.intern(row.user));
  l.day.push_back(row.day);
  l.second.push_back(row.second);
  l.amount.push_back(row.amount);
  l.balance.push_back(row.balance);
  l.category.push_back(static_cast<uint8_t>(row.category));
  l.raw_category.push_back(l.raw_categories.intern(row.raw_category));
  l.type_code.push_back(l.type_codes.intern(row.type_code));
  l.description.push_back(l.descriptions.intern(row.description));
  l.merchant.push_back(l.merchants.intern(row.merchant));
  l.city.push_back(l.cities.intern(row.city));
  l.country.push_back(l.countries.intern(row.country));
  l.source_file.push_back(row.source_file);
  l.source_line.push_back(row.source_line);
}

namespace {

template <typename Fn>
void for_each_column(Ledger& l, Fn&& fn) {
  fn(l.user); fn(l.day); fn(l.second); fn(l.amount); fn(l.balance); fn(l.category);
  fn(l.raw_category); fn(l.type_code); fn(l.description); fn(l.merchant); fn(l.city);
  fn(l.country); fn(l.source_file); fn(l.source_line);
}

// Row order grouped by user (a stable counting sort), or empty when some user's days do not
// ascend in that order. Rows that arrive user by user, each user in day order but the users
// in another order (a database read in primary-key order), need no comparison sort.
std::vector<uint32_t> order_by_user_if_days_ascend(const Ledger& l) {
  std::vector<uint64_t> start(static_cast<size_t>(l.users.size()) + 1, 0);
  for (uint32_t u : l.user) ++start[u + 1];
  for (size_t u = 1; u < start.size(); ++u) start[u] += start[u - 1];
  std::vector<uint32_t> order(l.rows());
  for (size_t i = 0; i < l.rows(); ++i) order[start[l.user[i]]++] = static_cast<uint32_t>(i);
  for (size_t i = 1; i < order.size(); ++i)
    if (l.user[order[i]] == l.user[order[i - 1]] && l.day[order[i]] < l.day[order[i - 1]]) return {};
  return order;
}

// Row order stably sorted by (user, day).
std::vector<uint32_t> order_by_user_and_day(const Ledger& l) {
  const size_t n = l.rows();
  std::vector<std::pair<uint64_t, uint32_t>> keyed(n);
  for (size_t i = 0; i < n; ++i) keyed[i] = {sort_key(l.user[i], l.day[i]), static_cast<uint32_t>(i)};
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<uint32_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = keyed[i].second;
  return order;
}

}  // namespace

void LedgerBuilder::reverse_rows(size_t begin, size_t end) {
  FINCOACH_ASSERT(begin <= end && end <= rows());
  for_each_column(ledger_, [&](auto& column) {
    std::reverse(column.begin() + static_cast<std::ptrdiff_t>(begin), column.begin() + static_cast<std::ptrdiff_t>(end));
  });
}

void LedgerBuilder::truncate(size_t new_rows) {
  FINCOACH_ASSERT(new_rows <= rows());
  for_each_column(ledger_, [&](auto& column) { column.resize(new_rows); });
}

void LedgerBuilder::reorder_rows(const std::vector<uint32_t>& order) {
  FINCOACH_ASSERT(order.size() == rows());
  std::vector<bool> seen(order.size(), false);
  for (uint32_t i : order) {
    FINCOACH_ASSERT(i < order.size() && !seen[i]);
    seen[i] = true;
  }
  for_each_column(ledger_, [&](auto& column) { permute(column, order); });
}

Ledger LedgerBuilder::finish() && {
  Ledger l = std::move(ledger_);
  const size_t n = l.rows();

  // Users numbered in byte order of their ids.
  std::vector<uint32_t> by_name(l.users.size());
  std::iota(by_name.begin(), by_name.end(), 0u);
  std::sort(by_name.begin(), by_name.end(), [&](uint32_t a, uint32_t b) { return l.users.at(a) < l.users.at(b); });
  std::vector<uint32_t> user_rank(l.users.size());
  StringDictionary sorted_users;
  for (uint32_t rank = 0; rank < by_name.size(); ++rank) {
    user_rank[by_name[rank]] = rank;
    sorted_users.intern(l.users.at(by_name[rank]));
  }
  for (uint32_t& u : l.user) u = user_rank[u];
  l.users = std::move(sorted_users);

  // Stable sort by (user, day); skipped when the rows already are in order.
  bool sorted = true;
  for (size_t i = 1; i < n && sorted; ++i) sorted = sort_key(l.user[i - 1], l.day[i - 1]) <= sort_key(l.user[i], l.day[i]);
  if (!sorted) {
    std::vector<uint32_t> order = order_by_user_if_days_ascend(l);
    if (order.empty()) order = order_by_user_and_day(l);
    for_each_column(l, [&](auto& column) { permute(column, order); });
  }

  renumber_by_first_use(l.raw_category, l.raw_categories);
  renumber_by_first_use(l.type_code, l.type_codes);
  renumber_by_first_use(l.description, l.descriptions);
  renumber_by_first_use(l.merchant, l.merchants);
  renumber_by_first_use(l.city, l.cities);
  renumber_by_first_use(l.country, l.countries);
  renumber_by_first_use(l.source_file, l.source_files);

  l.user_offsets.assign(static_cast<size_t>(l.users.size()) + 1, 0);
  for (uint32_t u : l.user) ++l.user_offsets[u + 1];
  for (size_t u = 1; u < l.user_offsets.size(); ++u) l.user_offsets[u] += l.user_offsets[u - 1];
  return l;
}

}  // namespace fincoach
