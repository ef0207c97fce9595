// Category cleaning: which raw labels become one once trimmed, case-folded, space-collapsed
// and aliased. Work is per distinct label (dictionary id), plus one counting pass over rows.

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "fincoach/common/text.hpp"
#include "validate/sections.hpp"

namespace fincoach::validate::detail {

namespace {

std::vector<uint64_t> rows_per_id(const std::vector<uint32_t>& column, uint32_t ids) {
  std::vector<uint64_t> counts(ids, 0);
  for (uint32_t id : column) ++counts[id];
  return counts;
}

void sort_raw_labels(std::vector<RawLabelCount>& labels) {
  std::sort(labels.begin(), labels.end(), [](const RawLabelCount& a, const RawLabelCount& b) {
    return a.rows != b.rows ? a.rows > b.rows : a.label < b.label;
  });
}

}  // namespace

CategoryCleaningSection clean_categories(const Ledger& ledger, const QualityParams& params) {
  const auto aliases = normalized_aliases(params);
  const std::vector<uint64_t> counts = rows_per_id(ledger.raw_category, ledger.raw_categories.size());
  CategoryCleaningSection section;
  std::vector<LabelMerge> groups;
  std::unordered_map<std::string, size_t> group_of_clean;
  for (uint32_t id = 0; id < counts.size(); ++id) {
    if (counts[id] == 0) continue;
    const std::string_view raw = ledger.raw_categories.at(id);
    std::string clean = normalize_label(raw);
    if (clean.empty()) {
      section.empty_rows += counts[id];
      continue;
    }
    ++section.distinct_before;
    if (auto alias = aliases.find(clean); alias != aliases.end() && alias->second != clean) {
      ++section.aliased_labels;
      clean = alias->second;
    }
    auto [it, inserted] = group_of_clean.emplace(clean, groups.size());
    if (inserted) groups.push_back(LabelMerge{clean, 0, 0, {}});
    LabelMerge& group = groups[it->second];
    group.rows += counts[id];
    group.raw.push_back(RawLabelCount{std::string(raw), counts[id]});
  }
  section.distinct_after = groups.size();
  std::vector<LabelMerge> merges;
  for (LabelMerge& group : groups) {
    if (group.raw.size() < 2) continue;
    sort_raw_labels(group.raw);
    group.label_count = group.raw.size();
    if (group.raw.size() > params.max_listed) group.raw.resize(params.max_listed);
    merges.push_back(std::move(group));
  }
  section.merge_count = merges.size();
  std::sort(merges.begin(), merges.end(), [](const LabelMerge& a, const LabelMerge& b) {
    return a.rows != b.rows ? a.rows > b.rows : a.clean < b.clean;
  });
  if (merges.size() > params.max_listed) merges.resize(params.max_listed);
  section.merges = std::move(merges);
  return section;
}

}  // namespace fincoach::validate::detail
