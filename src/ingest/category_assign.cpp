#include "category_assign.hpp"

#include <string>
#include <vector>

#include "fincoach/common/text.hpp"

namespace fincoach::ingest::detail {

void assign_app_categories(Ledger& ledger, const SourceProfile& profile, IngestStats& stats) {
  const StringDictionary& labels = ledger.raw_categories;
  std::vector<uint8_t> category_of(labels.size());
  std::vector<uint8_t> mapped(labels.size());  // 0: empty label, 1: mapped, 2: unmapped
  for (uint32_t id = 0; id < labels.size(); ++id) {
    const std::string label = normalize_label(labels.at(id));
    AppCategory category = AppCategory::Other;
    mapped[id] = 0;
    if (!label.empty()) {
      const auto it = profile.category_map.find(label);
      mapped[id] = it == profile.category_map.end() ? 2 : 1;
      category = it == profile.category_map.end() ? profile.unmapped_category : it->second;
    }
    category_of[id] = static_cast<uint8_t>(category);
  }
  std::vector<uint64_t> rows_of(labels.size(), 0);
  for (size_t row = 0; row < ledger.rows(); ++row) {
    const uint32_t id = ledger.raw_category[row];
    ledger.category[row] = category_of[id];
    ++rows_of[id];
  }
  for (uint32_t id = 0; id < labels.size(); ++id) {
    if (rows_of[id] == 0) continue;
    if (mapped[id] == 0) stats.empty_categories += rows_of[id];
    if (mapped[id] == 2) stats.unmapped_categories[std::string(labels.at(id))] += rows_of[id];
  }
}

}  // namespace fincoach::ingest::detail
