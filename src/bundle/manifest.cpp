#include "fincoach/bundle/manifest.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach::bundle {
namespace {

using nlohmann::json;

const json& require(const json& object, const char* key, json::value_t type, const std::string& origin) {
  const auto it = object.find(key);
  if (it == object.end()) throw InvalidInput(fmt::format("{}: field '{}' is missing", origin, key));
  const bool number_ok = type == json::value_t::number_unsigned && it->is_number_unsigned();
  const bool integer_ok = type == json::value_t::number_integer && it->is_number_integer();
  if (it->type() != type && !number_ok && !integer_ok)
    throw InvalidInput(fmt::format("{}: field '{}' has the wrong type ({})", origin, key, it->type_name()));
  return *it;
}

ManifestFile file_from_json(const json& item, const std::string& origin, size_t index) {
  const std::string where = fmt::format("{} (files[{}])", origin, index);
  if (!item.is_object()) throw InvalidInput(fmt::format("{}: not an object", where));
  ManifestFile file;
  file.path = require(item, "path", json::value_t::string, where).get<std::string>();
  file.bytes = require(item, "bytes", json::value_t::number_unsigned, where).get<uint64_t>();
  file.sha256 = require(item, "sha256", json::value_t::string, where).get<std::string>();
  if (const auto it = item.find("description"); it != item.end() && it->is_string())
    file.description = it->get<std::string>();
  return file;
}

}  // namespace

json Manifest::to_json() const {
  json list = json::array();
  for (const ManifestFile& file : files)
    list.push_back({{"path", file.path}, {"bytes", file.bytes}, {"sha256", file.sha256}, {"description", file.description}});
  return {{"format", k_bundle_format},
          {"schema_version", schema_version},
          {"software_version", software_version},
          {"created_at", created_at},
          {"seed", seed},
          {"config", config},
          {"data_fingerprint", data_fingerprint},
          {"feature_schema", feature_schema},
          {"headline_metrics", headline_metrics},
          {"files", list}};
}

Manifest Manifest::from_json(const json& in, const std::string& origin) {
  if (!in.is_object()) throw InvalidInput(fmt::format("{}: not a JSON object", origin));
  const auto format = in.find("format");
  if (format == in.end() || !format->is_string() || format->get<std::string>() != k_bundle_format)
    throw InvalidInput(fmt::format("{}: not a fincoach bundle manifest (\"format\" is not \"{}\")", origin, k_bundle_format));
  Manifest m;
  m.schema_version = require(in, "schema_version", json::value_t::number_integer, origin).get<int>();
  m.software_version = require(in, "software_version", json::value_t::string, origin).get<std::string>();
  m.created_at = require(in, "created_at", json::value_t::string, origin).get<std::string>();
  m.seed = require(in, "seed", json::value_t::number_unsigned, origin).get<uint64_t>();
  m.config = require(in, "config", json::value_t::object, origin);
  m.data_fingerprint = require(in, "data_fingerprint", json::value_t::string, origin).get<std::string>();
  m.feature_schema = require(in, "feature_schema", json::value_t::array, origin);
  m.headline_metrics = require(in, "headline_metrics", json::value_t::object, origin);
  const json& files = require(in, "files", json::value_t::array, origin);
  for (size_t i = 0; i < files.size(); ++i) m.files.push_back(file_from_json(files[i], origin, i));
  return m;
}

const ManifestFile* Manifest::find(const std::string& path) const {
  const auto it = std::find_if(files.begin(), files.end(), [&](const ManifestFile& f) { return f.path == path; });
  return it == files.end() ? nullptr : &*it;
}

std::string utc_timestamp_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace fincoach::bundle
