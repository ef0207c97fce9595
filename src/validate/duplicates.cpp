// Exact and suspected duplicates. Both compare only rows of the same user and day, and the
// ledger keeps those rows contiguous, so each day's run is sorted on its own: O(n log k)
// for runs of k rows, with no hashing of strings (dictionary ids compare as integers).

#include <algorithm>
#include <tuple>
#include <utility>
#include <vector>

#include "validate/sections.hpp"

namespace fincoach::validate::detail {

namespace {

DuplicateGroup describe_group(const Ledger& ledger, const std::vector<size_t>& run, size_t begin, size_t end,
                              uint64_t max_listed) {
  const size_t first = run[begin];
  DuplicateGroup group;
  group.user = std::string(ledger.users.at(ledger.user[first]));
  group.day = ledger.day[first];
  group.amount = ledger.amount[first];
  group.description = std::string(ledger.descriptions.at(ledger.description[first]));
  group.size = end - begin;
  for (size_t i = begin; i < end && group.rows.size() < max_listed; ++i)
    group.rows.push_back(source_of(ledger, run[i]));
  return group;
}

// Sorts the rows [begin, end) of one (user, day) into `run` by key, ties in ledger order, and
// puts each [first, last) span of two or more equal keys into `found`, earliest first.
template <typename Key>
void group_run(size_t begin, size_t end, Key& key, std::vector<size_t>& run,
               std::vector<std::pair<size_t, size_t>>& found) {
  run.clear();
  for (size_t row = begin; row < end; ++row) run.push_back(row);
  std::sort(run.begin(), run.end(), [&](size_t a, size_t b) { return std::pair(key(a), a) < std::pair(key(b), b); });
  found.clear();
  for (size_t i = 0; i < run.size();) {
    size_t j = i + 1;
    while (j < run.size() && key(run[j]) == key(run[i])) ++j;
    if (j - i >= 2) found.emplace_back(i, j);
    i = j;
  }
  std::sort(found.begin(), found.end(), [&](const auto& a, const auto& b) { return run[a.first] < run[b.first]; });
}

// Groups the rows of each (user, day) whose keys are equal. `key(row)` returns a tuple of
// the compared columns.
template <typename Key>
DuplicateSection find_groups(const Ledger& ledger, const QualityParams& params, Key key) {
  DuplicateSection section;
  std::vector<size_t> run;
  std::vector<std::pair<size_t, size_t>> found;  // [begin, end) within `run`
  const size_t rows = ledger.rows();
  for (size_t begin = 0, end = 0; begin < rows; begin = end) {
    end = begin + 1;
    while (end < rows && ledger.user[end] == ledger.user[begin] && ledger.day[end] == ledger.day[begin]) ++end;
    if (end - begin < 2) continue;
    group_run(begin, end, key, run, found);
    for (const auto& [group_begin, group_end] : found) {
      ++section.groups;
      section.rows += group_end - group_begin;
      if (section.listed.size() < params.max_listed)
        section.listed.push_back(describe_group(ledger, run, group_begin, group_end, params.max_listed));
    }
  }
  return section;
}

}  // namespace

DuplicateSection find_exact_duplicates(const Ledger& ledger, const QualityParams& params) {
  // Every field but the source position (user and day are equal within a run).
  return find_groups(ledger, params, [&](size_t row) {
    return std::tuple(ledger.second[row], ledger.amount[row], ledger.balance[row], ledger.category[row],
                      ledger.raw_category[row], ledger.type_code[row], ledger.description[row], ledger.merchant[row],
                      ledger.city[row], ledger.country[row]);
  });
}

DuplicateSection find_suspected_duplicates(const Ledger& ledger, const QualityParams& params) {
  return find_groups(ledger, params,
                     [&](size_t row) { return std::tuple(ledger.description[row], ledger.amount[row]); });
}

}  // namespace fincoach::validate::detail
