#pragma once
// Declare each tunable once: a ParamSet binds config keys to the fields of a params struct,
// with a help line each. From it come the TOML config parsing (unknown keys rejected), the
// CLI flags, --help, and the configuration table in reports.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace fincoach {

struct ParamField {
  std::string key;   ///< "max_reject_fraction"
  std::string help;  ///< one line for --help and the report
  std::variant<bool*, int*, int64_t*, uint64_t*, double*, std::string*, std::map<std::string, std::string>*> target;
};

class ParamSet {
 public:
  /// `section` is the TOML table name ("ingest") and the CLI flag prefix is empty.
  explicit ParamSet(std::string section) : section_(std::move(section)) {}

  ParamSet& add(std::string key, bool* target, std::string help);
  ParamSet& add(std::string key, int* target, std::string help);
  ParamSet& add(std::string key, int64_t* target, std::string help);
  ParamSet& add(std::string key, uint64_t* target, std::string help);
  ParamSet& add(std::string key, double* target, std::string help);
  ParamSet& add(std::string key, std::string* target, std::string help);
  /// A string → string table: a TOML sub-table ([section.key]) or, as a flag, "a=b,c=d".
  ParamSet& add(std::string key, std::map<std::string, std::string>* target, std::string help);

  const std::string& section() const { return section_; }
  const std::vector<ParamField>& fields() const { return fields_; }

  /// Sets fields from a TOML table. Throws InvalidInput naming `origin`, the key and the
  /// value on an unknown key or a value of the wrong type.
  void apply_toml(const toml::table& table, std::string_view origin) const;
  /// Sets one field from text (a CLI flag); throws InvalidInput on a bad value.
  void set_from_text(std::string_view key, std::string_view text) const;
  /// Current values, for manifests and the report's configuration table.
  nlohmann::json to_json() const;

 private:
  std::string section_;
  std::vector<ParamField> fields_;
};

}  // namespace fincoach
