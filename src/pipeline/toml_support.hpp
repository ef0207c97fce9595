#pragma once
// Reading the parts of a training config that ParamSets do not cover (arrays, tables), with
// messages that name the file, line and key.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace fincoach::pipeline::detail {

/// "config.toml:12" for a node parsed from a file, else `origin`.
std::string where(const toml::node& node, const std::string& origin);

/// The node at [section].key, or nullptr.
const toml::node* find_key(const toml::table& root, std::string_view section, std::string_view key);

/// An array of strings; InvalidInput naming "[section].key" and the line otherwise.
std::vector<std::string> string_array(const toml::node& node, std::string_view name, const std::string& origin);

/// A table of string values; InvalidInput naming "[section].key" and the line otherwise.
std::map<std::string, std::string> string_table(const toml::node& node, std::string_view name,
                                                const std::string& origin);

/// Parses TOML text; InvalidInput naming origin:line:column on a syntax error.
toml::table parse_toml(std::string_view text, const std::string& origin);

}  // namespace fincoach::pipeline::detail
