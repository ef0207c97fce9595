#include "fincoach/common/params.hpp"

#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "fincoach/common/error.hpp"

namespace fincoach {
namespace {

template <typename T>
ParamSet& add_field(std::vector<ParamField>& fields, ParamSet& self, std::string key, T* target, std::string help) {
  fields.push_back({std::move(key), std::move(help), target});
  return self;
}

template <typename T>
bool parse_number(std::string_view text, T& out) {
  if constexpr (std::is_floating_point_v<T>) {
    try {
      size_t used = 0;
      out = std::stod(std::string(text), &used);
      return used == text.size();
    } catch (const std::exception&) {
      return false;
    }
  } else {
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
  }
}

std::string type_name(const ParamField& field) {
  return std::visit(
      [](auto* p) -> std::string {
        using T = std::remove_pointer_t<decltype(p)>;
        if constexpr (std::is_same_v<T, bool>) return "a boolean";
        else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) return "a table of strings";
        else if constexpr (std::is_same_v<T, std::string>) return "a string";
        else if constexpr (std::is_floating_point_v<T>) return "a number";
        else return "an integer";
      },
      field.target);
}

bool assign_table(const toml::node& node, std::map<std::string, std::string>& out) {
  const toml::table* table = node.as_table();
  if (table == nullptr) return false;
  std::map<std::string, std::string> parsed;
  for (const auto& [key, value] : *table) {
    const auto text = value.value_exact<std::string>();
    if (!text) return false;
    parsed[std::string(key.str())] = *text;
  }
  out = std::move(parsed);
  return true;
}

// "a=b,c=d" → {a: b, c: d}; false on an entry without '='.
bool parse_pairs(std::string_view text, std::map<std::string, std::string>& out) {
  std::map<std::string, std::string> parsed;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    const std::string_view entry = text.substr(0, comma);
    const size_t eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0) return false;
    parsed[std::string(entry.substr(0, eq))] = std::string(entry.substr(eq + 1));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  }
  out = std::move(parsed);
  return true;
}

// Assigns a TOML node to a field; false when the node has the wrong type.
bool assign_from_node(const ParamField& field, const toml::node& node) {
  return std::visit(
      [&](auto* p) -> bool {
        using T = std::remove_pointer_t<decltype(p)>;
        if constexpr (std::is_same_v<T, bool>) {
          if (auto v = node.value_exact<bool>()) return *p = *v, true;
        } else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
          return assign_table(node, *p);
        } else if constexpr (std::is_same_v<T, std::string>) {
          if (auto v = node.value_exact<std::string>()) return *p = *v, true;
        } else if constexpr (std::is_floating_point_v<T>) {
          if (auto v = node.value<double>()) return *p = *v, true;
        } else {
          if (auto v = node.value_exact<int64_t>()) {
            if constexpr (std::is_unsigned_v<T>) {
              if (*v < 0) return false;
            }
            return *p = static_cast<T>(*v), true;
          }
        }
        return false;
      },
      field.target);
}

}  // namespace

ParamSet& ParamSet::add(std::string key, bool* t, std::string help) { return add_field(fields_, *this, std::move(key), t, std::move(help)); }
ParamSet& ParamSet::add(std::string key, int* t, std::string help) { return add_field(fields_, *this, std::move(key), t, std::move(help)); }
ParamSet& ParamSet::add(std::string key, int64_t* t, std::string help) { return add_field(fields_, *this, std::move(key), t, std::move(help)); }
ParamSet& ParamSet::add(std::string key, uint64_t* t, std::string help) { return add_field(fields_, *this, std::move(key), t, std::move(help)); }
ParamSet& ParamSet::add(std::string key, double* t, std::string help) { return add_field(fields_, *this, std::move(key), t, std::move(help)); }
ParamSet& ParamSet::add(std::string key, std::string* t, std::string help) { return add_field(fields_, *this, std::move(key), t, std::move(help)); }
ParamSet& ParamSet::add(std::string key, std::map<std::string, std::string>* t, std::string help) {
  return add_field(fields_, *this, std::move(key), t, std::move(help));
}

void ParamSet::apply_toml(const toml::table& table, std::string_view origin) const {
  for (const auto& [key, node] : table) {
    const auto field = std::find_if(fields_.begin(), fields_.end(), [&](const ParamField& f) { return f.key == key.str(); });
    if (field == fields_.end()) {
      std::string known;
      for (const ParamField& f : fields_) known += (known.empty() ? "" : ", ") + f.key;
      throw InvalidInput(fmt::format("{}: unknown key '{}.{}' (known keys in [{}]: {})", origin, section_, key.str(),
                                     section_, known));
    }
    if (!assign_from_node(*field, node))
      throw InvalidInput(fmt::format("{}: key '{}.{}' must be {}", origin, section_, key.str(), type_name(*field)));
  }
}

void ParamSet::set_from_text(std::string_view key, std::string_view text) const {
  const auto field = std::find_if(fields_.begin(), fields_.end(), [&](const ParamField& f) { return f.key == key; });
  if (field == fields_.end()) throw InvalidInput(fmt::format("unknown setting '{}.{}'", section_, key));
  const bool ok = std::visit(
      [&](auto* p) -> bool {
        using T = std::remove_pointer_t<decltype(p)>;
        if constexpr (std::is_same_v<T, bool>) {
          if (text == "true" || text == "1") return *p = true, true;
          if (text == "false" || text == "0") return *p = false, true;
          return false;
        } else if constexpr (std::is_same_v<T, std::string>) {
          return *p = std::string(text), true;
        } else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
          return parse_pairs(text, *p);
        } else {
          return parse_number(text, *p);
        }
      },
      field->target);
  if (!ok) throw InvalidInput(fmt::format("setting '{}.{}': '{}' is not {}", section_, key, text, type_name(*field)));
}

nlohmann::json ParamSet::to_json() const {
  nlohmann::json out = nlohmann::json::object();
  for (const ParamField& f : fields_) std::visit([&](auto* p) { out[f.key] = *p; }, f.target);
  return out;
}

}  // namespace fincoach
