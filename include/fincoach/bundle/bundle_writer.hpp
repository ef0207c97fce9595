#pragma once
// Writes a model bundle without ever exposing half of one: files go to a staging folder
// beside the destination ("<dir>.tmp-<pid>"), manifest.json is written last, and the folder
// is then moved into place in one rename (an earlier bundle there is swapped out atomically).
// An interrupted run leaves at most a staging folder without a manifest, which never
// verifies; the next writer removes it.

#include <string>
#include <string_view>
#include <vector>

#include "fincoach/bundle/manifest.hpp"

namespace fincoach::bundle {

/// Throws InvalidInput when `dir` cannot become a bundle, before any work: the nearest
/// existing ancestor is not a writable folder, `dir` is a file, or `dir` is a folder that
/// is neither empty nor a bundle (no manifest.json) and so must not be replaced.
void check_bundle_destination(const std::string& dir);

/// A file added to a bundle being written.
struct StagedFile {
  std::string path;  ///< relative, '/'-separated
  std::string description;
};

class BundleWriter {
 public:
  /// Checks the destination (check_bundle_destination), removes staging folders left by
  /// dead processes, and creates this writer's staging folder.
  explicit BundleWriter(std::string dir);
  /// Removes the staging folder unless commit() succeeded.
  ~BundleWriter();
  BundleWriter(const BundleWriter&) = delete;
  BundleWriter& operator=(const BundleWriter&) = delete;

  /// Writes `content` as the bundle file `path` (relative; subfolders are created).
  void add_file(std::string_view path, std::string_view content, std::string description);
  /// Registers the bundle file `path` and returns where to write it in the staging folder,
  /// for writers that take a path (subfolders are created). The file must exist at commit.
  std::string file_path(std::string_view path, std::string description);

  bool has_file(std::string_view path) const;
  const std::vector<StagedFile>& files() const { return files_; }
  /// Bytes of a file already written (IoError when it does not exist yet).
  uint64_t file_size(std::string_view path) const;
  const std::string& dir() const { return dir_; }
  const std::string& staging_dir() const { return staging_; }

  /// Lists every registered file with its size and SHA-256 in `manifest.files`, writes
  /// manifest.json, and moves the bundle into place. Returns the manifest as written.
  Manifest commit(Manifest manifest);

 private:
  std::string checked_relative_path(std::string_view path) const;

  std::string dir_;
  std::string staging_;
  std::vector<StagedFile> files_;
  bool committed_ = false;
};

}  // namespace fincoach::bundle
