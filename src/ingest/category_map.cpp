#include <fmt/format.h>

#include <set>

#include "fincoach/common/error.hpp"
#include "fincoach/common/text.hpp"
#include "fincoach/ingest/profile.hpp"
#include "profile_toml.hpp"

namespace fincoach::ingest {
namespace detail {

std::string where(const toml::node& node) {
  return fmt::format("line {}", node.source().begin.line);
}

toml::table parse_toml(std::string_view text, std::string_view origin) {
  try {
    return toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    // Translated at the library boundary so callers see one error type that names the file.
    throw InvalidInput(
        fmt::format("{}:{}:{}: {}", origin, e.source().begin.line, e.source().begin.column, e.description()));
  }
}

namespace {

std::string app_category_names() {
  std::string names;
  for (AppCategory c : all_app_categories()) {
    if (!names.empty()) names += ", ";
    names += to_string(c);
  }
  return names;
}

}  // namespace

void read_category_table(const toml::table& table, std::string_view origin, std::map<std::string, AppCategory>& map) {
  std::map<std::string, std::string> seen;  // normalised → key as written
  for (const auto& [key, node] : table) {
    const std::string label = normalize_label(key.str());
    if (label.empty())
      throw InvalidInput(
          fmt::format("{}: categories: an empty raw label ({}) cannot be mapped; empty "
                      "categories always go to other",
                      origin, where(node)));
    if (auto [it, fresh] = seen.emplace(label, std::string(key.str())); !fresh)
      throw InvalidInput(fmt::format("{}: categories: '{}' and '{}' are the same label once normalised ({})", origin,
                                     it->second, key.str(), where(node)));
    const std::optional<std::string_view> value = node.value<std::string_view>();
    const std::optional<AppCategory> category = value ? app_category_from_string(*value) : std::optional<AppCategory>{};
    if (!category)
      throw InvalidInput(fmt::format("{}: categories.\"{}\" = {} is not an app category (one of: {}) ({})", origin,
                                     key.str(), value ? fmt::format("'{}'", *value) : "a non-string",
                                     app_category_names(), where(node)));
    map[label] = *category;
  }
}

}  // namespace detail

const std::map<std::string, AppCategory>& default_category_map() {
  static const std::map<std::string, AppCategory> k_map = [] {
    constexpr std::string_view k_origin = "profiles/categories.toml";
    const toml::table root =
        detail::parse_toml(std::string_view(fincoach_profile_categories, fincoach_profile_categories_size), k_origin);
    std::map<std::string, AppCategory> map;
    for (const auto& [key, node] : root) {
      if (key.str() != "categories" || !node.is_table())
        throw Internal(fmt::format("{}: unexpected key '{}'", k_origin, key.str()));
      detail::read_category_table(*node.as_table(), k_origin, map);
    }
    return map;
  }();
  return k_map;
}

}  // namespace fincoach::ingest
