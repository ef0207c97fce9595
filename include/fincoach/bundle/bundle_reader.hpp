#pragma once
// Opening a bundle proves it first: manifest.json parses, its schema version is one this
// fincoach reads, and every listed file exists with the listed size and SHA-256. Any
// mismatch throws InvalidInput naming the bundle and the file.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fincoach/bundle/manifest.hpp"

namespace fincoach::bundle {

struct VerifiedBundle {
  std::string dir;
  Manifest manifest;
  /// Files in the folder that the manifest does not list (not covered by any checksum).
  std::vector<std::string> unlisted_files;
};

/// Verifies the bundle in `dir` (see the file comment). Throws InvalidInput naming the file
/// on: a missing manifest, a manifest that is not a bundle manifest, a newer schema version,
/// a listed path that leaves the folder, a missing file, a size or checksum mismatch.
VerifiedBundle verify_bundle(const std::string& dir);

/// A verified bundle, for readers of its files (the server, tests).
class Bundle {
 public:
  /// verify_bundle(dir), then keeps the manifest.
  static Bundle open(const std::string& dir);

  const std::string& dir() const { return dir_; }
  const Manifest& manifest() const { return manifest_; }
  /// A listed file's bytes; InvalidInput when `path` is not in the manifest.
  std::string read_file(const std::string& path) const;
  /// A listed JSON file, parsed; InvalidInput naming the file when it does not parse.
  nlohmann::json read_json(const std::string& path) const;

 private:
  Bundle(std::string dir, Manifest manifest) : dir_(std::move(dir)), manifest_(std::move(manifest)) {}

  std::string dir_;
  Manifest manifest_;
};

}  // namespace fincoach::bundle
