#include "fincoach/bundle/bundle_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "fincoach/bundle/sha256.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/version.hpp"
#include "paths.hpp"

namespace fincoach::bundle {
namespace {

namespace fs = std::filesystem;

Manifest read_manifest(const std::string& dir) {
  const fs::path path = fs::path(dir) / k_manifest_file;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InvalidInput(fmt::format("bundle '{}': no such folder", dir));
  if (!fs::exists(path, ec)) {
    throw InvalidInput(fmt::format(
        "bundle '{}': file '{}' is missing (not a fincoach bundle, or a bundle whose writing was interrupted)", dir,
        k_manifest_file));
  }
  const std::string origin = fmt::format("bundle '{}': file '{}'", dir, k_manifest_file);
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(read_text_file(path.string()));
  } catch (const nlohmann::json::parse_error& e) {
    throw InvalidInput(fmt::format("{}: not valid JSON: {}", origin, e.what()));
  }
  return Manifest::from_json(json, origin);
}

void check_schema_version(const Manifest& manifest, const std::string& dir) {
  if (manifest.schema_version > k_bundle_schema_version) {
    throw InvalidInput(fmt::format(
        "bundle '{}': file '{}' has bundle schema version {}, newer than version {} that fincoach {} reads "
        "(written by fincoach {}); upgrade fincoach to load it",
        dir, k_manifest_file, manifest.schema_version, k_bundle_schema_version, software_version(),
        manifest.software_version));
  }
  if (manifest.schema_version < 1)
    throw InvalidInput(fmt::format("bundle '{}': file '{}' has an invalid schema version {}", dir, k_manifest_file,
                                   manifest.schema_version));
}

void check_file(const ManifestFile& file, const std::string& dir) {
  if (!detail::is_inside_path(file.path) || file.path == k_manifest_file)
    throw InvalidInput(fmt::format("bundle '{}': {} lists the path '{}', which is not inside the bundle", dir,
                                   k_manifest_file, file.path));
  const fs::path path = fs::path(dir) / file.path;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw InvalidInput(fmt::format("bundle '{}': file '{}' listed in {} is missing", dir, file.path, k_manifest_file));
  const uintmax_t bytes = fs::file_size(path, ec);
  if (ec || bytes != file.bytes) {
    throw InvalidInput(fmt::format("bundle '{}': file '{}' has {} bytes, {} lists {} (the file changed after the "
                                   "bundle was written)",
                                   dir, file.path, ec ? 0 : bytes, k_manifest_file, file.bytes));
  }
  const std::string actual = sha256_file_hex(path.string());
  if (actual != file.sha256) {
    throw InvalidInput(fmt::format(
        "bundle '{}': file '{}' fails its checksum: sha256 {}, {} lists {} (the file changed after the bundle was "
        "written)",
        dir, file.path, actual, k_manifest_file, file.sha256));
  }
}

std::vector<std::string> unlisted_files(const std::string& dir, const Manifest& manifest) {
  std::set<std::string> listed{k_manifest_file};
  for (const ManifestFile& file : manifest.files) listed.insert(file.path);
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string relative = fs::relative(it->path(), dir).generic_string();
    if (!listed.count(relative)) out.push_back(relative);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

VerifiedBundle verify_bundle(const std::string& dir_text) {
  const std::string dir = detail::normalized_dir(dir_text);
  Manifest manifest = read_manifest(dir);
  check_schema_version(manifest, dir);
  std::set<std::string> seen;
  for (const ManifestFile& file : manifest.files) {
    if (!seen.insert(file.path).second)
      throw InvalidInput(fmt::format("bundle '{}': {} lists the file '{}' twice", dir, k_manifest_file, file.path));
    check_file(file, dir);
  }
  std::vector<std::string> extra = unlisted_files(dir, manifest);
  return {dir, std::move(manifest), std::move(extra)};
}

Bundle Bundle::open(const std::string& dir) {
  VerifiedBundle verified = verify_bundle(dir);
  return Bundle(std::move(verified.dir), std::move(verified.manifest));
}

std::string Bundle::read_file(const std::string& path) const {
  if (manifest_.find(path) == nullptr)
    throw InvalidInput(fmt::format("bundle '{}': no file '{}' in {}", dir_, path, k_manifest_file));
  return read_text_file((fs::path(dir_) / path).string());
}

nlohmann::json Bundle::read_json(const std::string& path) const {
  const std::string text = read_file(path);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InvalidInput(fmt::format("bundle '{}': file '{}' is not valid JSON: {}", dir_, path, e.what()));
  }
}

}  // namespace fincoach::bundle
