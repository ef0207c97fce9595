#pragma once
// Internal: the TOML reading shared by profiles and the default category map, and the
// profile texts embedded at build time.

#include <toml++/toml.h>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "fincoach/common/category.hpp"

extern const char fincoach_profile_moneyvis[];
extern const std::size_t fincoach_profile_moneyvis_size;
extern const char fincoach_profile_fincoach[];
extern const std::size_t fincoach_profile_fincoach_size;
extern const char fincoach_profile_categories[];
extern const std::size_t fincoach_profile_categories_size;

namespace fincoach::ingest::detail {

/// Parses TOML text; a syntax error becomes InvalidInput naming `origin`, line and column.
toml::table parse_toml(std::string_view text, std::string_view origin);

/// Adds a [categories] table (raw label → app category name) to `map`, keys normalised.
/// Entries override what `map` already holds; two keys of `table` that normalise to the same
/// label, an empty label or an unknown app category throw InvalidInput naming `origin`.
void read_category_table(const toml::table& table, std::string_view origin, std::map<std::string, AppCategory>& map);

/// "line 12" of a node, for error messages.
std::string where(const toml::node& node);

}  // namespace fincoach::ingest::detail
