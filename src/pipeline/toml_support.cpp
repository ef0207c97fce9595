#include "toml_support.hpp"

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach::pipeline::detail {

std::string where(const toml::node& node, const std::string& origin) {
  const toml::source_region& source = node.source();
  if (source.begin.line == 0) return origin;
  return fmt::format("{}:{}", origin, source.begin.line);
}

const toml::node* find_key(const toml::table& root, std::string_view section, std::string_view key) {
  const toml::table* table = root[section].as_table();
  return table == nullptr ? nullptr : table->get(key);
}

std::vector<std::string> string_array(const toml::node& node, std::string_view name, const std::string& origin) {
  const toml::array* array = node.as_array();
  if (array == nullptr)
    throw InvalidInput(fmt::format("{}: '{}' must be an array of strings, e.g. [\"a.csv\", \"b.csv\"]", where(node, origin), name));
  std::vector<std::string> out;
  for (const toml::node& item : *array) {
    const std::optional<std::string> text = item.value_exact<std::string>();
    if (!text) throw InvalidInput(fmt::format("{}: every entry of '{}' must be a string", where(item, origin), name));
    out.push_back(*text);
  }
  return out;
}

std::map<std::string, std::string> string_table(const toml::node& node, std::string_view name,
                                                const std::string& origin) {
  const toml::table* table = node.as_table();
  if (table == nullptr)
    throw InvalidInput(fmt::format("{}: '{}' must be a table of strings, e.g. {{ \"Groceries \" = \"groceries\" }}",
                                   where(node, origin), name));
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : *table) {
    const std::optional<std::string> text = value.value_exact<std::string>();
    if (!text)
      throw InvalidInput(fmt::format("{}: '{}.{}' must be a string", where(value, origin), name, key.str()));
    out[std::string(key.str())] = *text;
  }
  return out;
}

toml::table parse_toml(std::string_view text, const std::string& origin) {
  try {
    return toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    throw InvalidInput(fmt::format("{}:{}:{}: {}", origin, begin.line, begin.column, e.description()));
  }
}

}  // namespace fincoach::pipeline::detail
