#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

#include "file_bytes.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/text.hpp"
#include "fincoach/ingest/profile.hpp"
#include "profile_toml.hpp"

namespace fincoach::ingest {
namespace {

using detail::where;

// Reads one TOML table into a profile, key by key, so that any key it does not know is an
// error naming that key (a typo must not silently fall back to a default). A plain struct
// private to this file, so the key table below can reach its members.
struct ProfileReader {
  ProfileReader(std::string_view origin, SourceProfile& profile) : origin_(origin), p_(profile) {}

  void read_root(const toml::table& root) {
    bool default_categories = true;
    if (const toml::node* node = root.get("default_categories"))
      default_categories = boolean(*node, "default_categories");
    if (default_categories) p_.category_map = default_category_map();
    for (const auto& [key, node] : root) read_root_key(key.str(), node);
  }

  void read_root_key(std::string_view key, const toml::node& node);

  void read_decimal(const toml::table& t) {
    for (const auto& [key, node] : t) {
      const std::string_view k = key.str();
      if (k == "separator")
        p_.decimal.decimal_separator = one_char(node, "decimal.separator", false);
      else if (k == "thousands")
        p_.decimal.thousands_separator = one_char(node, "decimal.thousands", true);
      else if (k == "minor_digits")
        p_.decimal.minor_digits = integer(node, "decimal.minor_digits");
      else
        unknown(k, node, "decimal.");
    }
  }

  void read_columns(const toml::table& t) {
    ColumnNames& c = p_.columns;
    std::pair<std::string_view, std::string*> fields[] = {
        {"date", &c.date},         {"time", &c.time},     {"amount", &c.amount},
        {"debit", &c.debit},       {"credit", &c.credit}, {"balance", &c.balance},
        {"category", &c.category}, {"type", &c.type},     {"description", &c.description},
        {"merchant", &c.merchant}, {"city", &c.city},     {"country", &c.country},
        {"user", &c.user}};
    for (const auto& [key, node] : t) {
      std::string* target = nullptr;
      for (auto& [name, field] : fields)
        if (name == key.str()) target = field;
      if (target == nullptr) unknown(key.str(), node, "columns.");
      *target = string(node, fmt::format("columns.{}", key.str()));
    }
  }

  void read_type_directions(const toml::table& t) {
    for (const auto& [key, node] : t) {
      const std::string field = fmt::format("type_directions.\"{}\"", key.str());
      const std::string value = to_lower_ascii(string(node, field));
      Direction direction = Direction::Either;
      if (value == "debit")
        direction = Direction::Debit;
      else if (value == "credit")
        direction = Direction::Credit;
      else if (value != "either")
        bad_value(node, field, value, "debit, credit or either");
      p_.type_directions[std::string(trim(key.str()))] = direction;
    }
  }

  Encoding encoding(const toml::node& node) const {
    const std::string value = to_lower_ascii(string(node, "encoding"));
    if (value == "utf8" || value == "utf-8") return Encoding::Utf8;
    if (value == "latin1" || value == "latin-1" || value == "iso-8859-1") return Encoding::Latin1;
    bad_value(node, "encoding", value, "utf8 or latin1");
  }

  FileOrder order(const toml::node& node) const {
    const std::string value = to_lower_ascii(string(node, "order"));
    if (value == "oldest_first") return FileOrder::OldestFirst;
    if (value == "newest_first") return FileOrder::NewestFirst;
    bad_value(node, "order", value, "oldest_first or newest_first");
  }

  AmountLayout layout(const toml::node& node) const {
    const std::string value = to_lower_ascii(string(node, "amount_layout"));
    if (value == "signed") return AmountLayout::Signed;
    if (value == "debit_credit") return AmountLayout::DebitCredit;
    if (value == "unsigned_with_type") return AmountLayout::UnsignedWithType;
    bad_value(node, "amount_layout", value, "signed, debit_credit or unsigned_with_type");
  }

  AppCategory app_category(const toml::node& node, std::string_view field) const {
    const std::string value = string(node, field);
    if (const std::optional<AppCategory> c = app_category_from_string(value)) return *c;
    bad_value(node, field, value, "one of the 11 app categories (groceries … other)");
  }

  // --- typed accessors: each names the field and the expected type on a mismatch ---------
  std::string string(const toml::node& node, std::string_view field) const {
    if (const std::optional<std::string> v = node.value<std::string>()) return *v;
    wrong_type(node, field, "a string");
  }
  bool boolean(const toml::node& node, std::string_view field) const {
    if (const std::optional<bool> v = node.value_exact<bool>()) return *v;
    wrong_type(node, field, "true or false");
  }
  int integer(const toml::node& node, std::string_view field) const {
    if (const std::optional<int64_t> v = node.value_exact<int64_t>()) return static_cast<int>(*v);
    wrong_type(node, field, "an integer");
  }
  const toml::table& table(const toml::node& node, std::string_view field) const {
    if (const toml::table* t = node.as_table()) return *t;
    wrong_type(node, field, "a table");
  }
  std::vector<std::string> strings(const toml::node& node, std::string_view field) const {
    if (node.is_string()) return {string(node, field)};
    const toml::array* array = node.as_array();
    if (array == nullptr) wrong_type(node, field, "an array of strings");
    std::vector<std::string> out;
    for (const toml::node& item : *array) out.push_back(string(item, field));
    return out;
  }
  char one_char(const toml::node& node, std::string_view field, bool may_be_empty) const {
    const std::string value = string(node, field);
    if (value.size() == 1) return value[0];
    if (value.empty() && may_be_empty) return '\0';
    bad_value(node, field, value, may_be_empty ? "one character, or \"\" for none" : "exactly one character");
  }

  [[noreturn]] void wrong_type(const toml::node& node, std::string_view field, std::string_view expected) const {
    throw InvalidInput(fmt::format("{}: {} must be {} ({})", origin_, field, expected, where(node)));
  }
  [[noreturn]] void bad_value(const toml::node& node, std::string_view field, std::string_view value,
                              std::string_view expected) const {
    throw InvalidInput(
        fmt::format("{}: {} = '{}' is not valid; expected {} ({})", origin_, field, value, expected, where(node)));
  }
  [[noreturn]] void unknown(std::string_view key, const toml::node& node, std::string_view prefix) const {
    throw InvalidInput(fmt::format("{}: unknown key '{}{}' ({}); see docs/profiles.md for the fields", origin_, prefix,
                                   key, where(node)));
  }

  std::string_view origin_;
  SourceProfile& p_;
};

// One setter per top-level key, so the list of keys is the list of fields.
using Setter = void (*)(ProfileReader&, const toml::node&);
constexpr std::pair<std::string_view, Setter> k_root_keys[] = {
    {"name", [](ProfileReader& r, const toml::node& n) { r.p_.name = r.string(n, "name"); }},
    {"description", [](ProfileReader& r, const toml::node& n) { r.p_.description = r.string(n, "description"); }},
    {"delimiter", [](ProfileReader& r, const toml::node& n) { r.p_.delimiter = r.one_char(n, "delimiter", false); }},
    {"quote", [](ProfileReader& r, const toml::node& n) { r.p_.quote = r.one_char(n, "quote", true); }},
    {"encoding", [](ProfileReader& r, const toml::node& n) { r.p_.encoding = r.encoding(n); }},
    {"order", [](ProfileReader& r, const toml::node& n) { r.p_.order = r.order(n); }},
    {"date_formats", [](ProfileReader& r, const toml::node& n) { r.p_.date_formats = r.strings(n, "date_formats"); }},
    {"time_format", [](ProfileReader& r, const toml::node& n) { r.p_.time_format = r.string(n, "time_format"); }},
    {"amount_layout", [](ProfileReader& r, const toml::node& n) { r.p_.amount_layout = r.layout(n); }},
    {"invert_sign", [](ProfileReader& r, const toml::node& n) { r.p_.invert_sign = r.boolean(n, "invert_sign"); }},
    {"currency", [](ProfileReader& r, const toml::node& n) { r.p_.currency = r.string(n, "currency"); }},
    {"reject_unknown_type_codes",
     [](ProfileReader& r, const toml::node& n) {
       r.p_.reject_unknown_type_codes = r.boolean(n, "reject_unknown_type_codes");
     }},
    {"require_type", [](ProfileReader& r, const toml::node& n) { r.p_.require_type = r.boolean(n, "require_type"); }},
    {"unmapped_category",
     [](ProfileReader& r, const toml::node& n) { r.p_.unmapped_category = r.app_category(n, "unmapped_category"); }},
    {"user_id", [](ProfileReader& r, const toml::node& n) { r.p_.user_id = r.string(n, "user_id"); }},
    {"default_categories", [](ProfileReader&, const toml::node&) {}},  // read first, in read_root
    {"decimal", [](ProfileReader& r, const toml::node& n) { r.read_decimal(r.table(n, "decimal")); }},
    {"columns", [](ProfileReader& r, const toml::node& n) { r.read_columns(r.table(n, "columns")); }},
    {"type_directions",
     [](ProfileReader& r, const toml::node& n) { r.read_type_directions(r.table(n, "type_directions")); }},
    {"categories",
     [](ProfileReader& r,
        const toml::node& n) { detail::read_category_table(r.table(n, "categories"), r.origin_, r.p_.category_map); }},
};

void ProfileReader::read_root_key(std::string_view key, const toml::node& node) {
  for (const auto& [name, setter] : k_root_keys)
    if (name == key) return setter(*this, node);
  unknown(key, node, "");
}

struct BuiltinText {
  std::string_view name;
  const char* text;
  const std::size_t* size;
};

const BuiltinText k_builtins[] = {
    {"moneyvis", fincoach_profile_moneyvis, &fincoach_profile_moneyvis_size},
    {"fincoach", fincoach_profile_fincoach, &fincoach_profile_fincoach_size},
};

}  // namespace

SourceProfile parse_profile(std::string_view toml_text, std::string_view origin) {
  const toml::table root = detail::parse_toml(toml_text, origin);
  SourceProfile profile;
  profile.category_map.clear();
  ProfileReader(origin, profile).read_root(root);
  if (profile.name.empty()) profile.name = std::filesystem::path(origin).stem().string();
  profile.validate();
  return profile;
}

SourceProfile load_profile_file(const std::string& path) {
  const std::string text = detail::read_file_bytes(path, "profile");
  return parse_profile(text, path);
}

std::vector<std::string> builtin_profile_names() {
  std::vector<std::string> names;
  for (const BuiltinText& b : k_builtins) names.emplace_back(b.name);
  return names;
}

SourceProfile builtin_profile(std::string_view name) {
  for (const BuiltinText& b : k_builtins)
    if (b.name == name) return parse_profile(std::string_view(b.text, *b.size), fmt::format("builtin:{}", name));
  throw InvalidInput(
      fmt::format("no built-in profile '{}' (built-in: {})", name, fmt::join(builtin_profile_names(), ", ")));
}

SourceProfile resolve_profile(const std::string& name_or_path) {
  for (const BuiltinText& b : k_builtins)
    if (b.name == name_or_path) return builtin_profile(name_or_path);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(name_or_path, ec))
    throw InvalidInput(fmt::format("profile '{}' is neither a built-in profile ({}) nor a profile file", name_or_path,
                                   fmt::join(builtin_profile_names(), ", ")));
  return load_profile_file(name_or_path);
}

}  // namespace fincoach::ingest
