#include "fincoach/common/category.hpp"

#include <string>

#include "fincoach/common/text.hpp"

namespace fincoach {
namespace {

constexpr std::array<std::string_view, k_app_category_count> k_names = {
    "groceries", "dine_out", "entertainment", "bills",   "transport", "shopping",
    "health",    "fitness",  "savings",       "income",  "other"};

}  // namespace

std::string_view to_string(AppCategory category) {
  return k_names[static_cast<size_t>(category)];
}

std::optional<AppCategory> app_category_from_string(std::string_view text) {
  std::string key = to_lower_ascii(trim(text));
  for (char& c : key)
    if (c == ' ' || c == '-') c = '_';
  for (size_t i = 0; i < k_names.size(); ++i)
    if (key == k_names[i]) return static_cast<AppCategory>(i);
  return std::nullopt;
}

const std::array<AppCategory, k_app_category_count>& all_app_categories() {
  static const std::array<AppCategory, k_app_category_count> all = [] {
    std::array<AppCategory, k_app_category_count> out{};
    for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<AppCategory>(i);
    return out;
  }();
  return all;
}

}  // namespace fincoach
