#pragma once
// manifest.json: what a model bundle is and how to check it. Written last, so a folder
// without one is never a bundle. Format: docs/bundle.md.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fincoach::bundle {

/// The bundle layout version this fincoach writes and the newest it reads. Raise it when a
/// reader of the old layout would misread the new one.
constexpr int k_bundle_schema_version = 1;
/// The "format" field: tells a bundle manifest apart from any other manifest.json.
inline constexpr const char* k_bundle_format = "fincoach-bundle";
inline constexpr const char* k_manifest_file = "manifest.json";

/// One file of the bundle, as listed in the manifest.
struct ManifestFile {
  std::string path;  ///< relative to the bundle folder, '/'-separated
  uint64_t bytes = 0;
  std::string sha256;       ///< lower-case hex
  std::string description;  ///< one line: what the file holds
};

struct Manifest {
  int schema_version = k_bundle_schema_version;
  std::string software_version;  ///< fincoach version that wrote the bundle
  std::string created_at;        ///< UTC, ISO 8601 ("2026-11-21T20:49:03Z")
  uint64_t seed = 0;
  /// The effective training config: every section with every value, defaults included.
  nlohmann::json config = nlohmann::json::object();
  /// ledger_fingerprint() of the data the bundle was trained on ("" when there was none).
  std::string data_fingerprint;
  /// The features the models expect, in order (empty until a feature stage runs).
  nlohmann::json feature_schema = nlohmann::json::array();
  /// The headline numbers of each stage, keyed by stage name.
  nlohmann::json headline_metrics = nlohmann::json::object();
  /// Every file except manifest.json itself, sorted by path.
  std::vector<ManifestFile> files;

  nlohmann::json to_json() const;
  /// Parses a manifest; throws InvalidInput naming `origin` and the field when it is not a
  /// bundle manifest or a field is missing or of the wrong type. Does not check the schema
  /// version against this fincoach (verify_bundle does).
  static Manifest from_json(const nlohmann::json& json, const std::string& origin);

  /// The entry for `path`, or nullptr.
  const ManifestFile* find(const std::string& path) const;
};

/// The current time, UTC, ISO 8601 to the second.
std::string utc_timestamp_now();

}  // namespace fincoach::bundle
