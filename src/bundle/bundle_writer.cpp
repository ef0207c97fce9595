#include "fincoach/bundle/bundle_writer.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "fincoach/bundle/sha256.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "paths.hpp"

namespace fincoach::bundle {
namespace {

namespace fs = std::filesystem;

std::atomic<unsigned> g_writer_count{0};

// Creating (and removing) a probe folder is the only test that holds for every case:
// permissions, read-only mounts, and root (for whom access(2) always says yes).
void check_writable_folder(const fs::path& folder, const std::string& dir) {
  const fs::path probe = folder / fmt::format(".fincoach-write-probe-{}", ::getpid());
  if (::mkdir(probe.c_str(), 0700) != 0) {
    throw InvalidInput(fmt::format("cannot write the bundle '{}': folder '{}' is not writable ({})", dir,
                                   folder.string(), std::strerror(errno)));
  }
  ::rmdir(probe.c_str());
}

fs::path nearest_existing_ancestor(fs::path path) {
  std::error_code ec;
  while (!path.empty() && !fs::exists(path, ec)) {
    const fs::path parent = path.parent_path();
    if (parent == path) break;
    path = parent;
  }
  return path.empty() ? fs::path(".") : path;
}

fs::path parent_folder(const fs::path& target) {
  const fs::path parent = target.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// "<name>.tmp-<pid>…" left by a process that no longer runs.
bool is_stale_staging(const std::string& entry, const std::string& prefix) {
  if (entry.rfind(prefix, 0) != 0) return false;
  const std::string rest = entry.substr(prefix.size());
  const size_t digits = std::min(rest.find_first_not_of("0123456789"), rest.size());
  if (digits == 0 || digits > 9) return false;
  const pid_t pid = static_cast<pid_t>(std::stol(rest.substr(0, digits)));
  return pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH;
}

void remove_stale_staging(const fs::path& target) {
  const std::string prefix = target.filename().string() + ".tmp-";
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(parent_folder(target), ec)) {
    if (is_stale_staging(entry.path().filename().string(), prefix)) fs::remove_all(entry.path(), ec);
  }
}

// Swaps the staging folder with an existing bundle in one step where the file system can
// (renameat2 RENAME_EXCHANGE); elsewhere moves the old one aside first.
void move_into_place(const std::string& staging, const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (std::rename(staging.c_str(), dir.c_str()) != 0)
      throw IoError(fmt::format("cannot rename '{}' to '{}': {}", staging, dir, std::strerror(errno)));
    return;
  }
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
    const std::string old = staging + ".old";
    if (std::rename(dir.c_str(), old.c_str()) != 0)
      throw IoError(fmt::format("cannot move the earlier bundle '{}' aside: {}", dir, std::strerror(errno)));
    if (std::rename(staging.c_str(), dir.c_str()) != 0) {
      const int error = errno;
      std::rename(old.c_str(), dir.c_str());
      throw IoError(fmt::format("cannot rename '{}' to '{}': {}", staging, dir, std::strerror(error)));
    }
    fs::remove_all(old, ec);
    return;
  }
  fs::remove_all(staging, ec);  // now holds the earlier bundle
}

}  // namespace

void check_bundle_destination(const std::string& dir_text) {
  const std::string dir = detail::normalized_dir(dir_text);
  const fs::path target = fs::absolute(dir);
  if (target == target.root_path()) throw InvalidInput(fmt::format("bundle folder '{}' may not be the root folder", dir));
  std::error_code ec;
  if (fs::exists(target, ec)) {
    if (!fs::is_directory(target, ec))
      throw InvalidInput(fmt::format("cannot write the bundle '{}': it exists and is not a folder", dir));
    if (!fs::is_empty(target, ec) && !fs::exists(target / k_manifest_file, ec)) {
      throw InvalidInput(fmt::format(
          "refusing to replace '{}': it is a folder that is not empty and not a fincoach bundle (no {}); "
          "choose another output folder",
          dir, k_manifest_file));
    }
  }
  const fs::path ancestor = nearest_existing_ancestor(parent_folder(target));
  if (!fs::is_directory(ancestor, ec))
    throw InvalidInput(fmt::format("cannot write the bundle '{}': '{}' is not a folder", dir, ancestor.string()));
  check_writable_folder(ancestor, dir);
}

BundleWriter::BundleWriter(std::string dir) : dir_(detail::normalized_dir(dir)) {
  check_bundle_destination(dir_);
  const fs::path target = fs::absolute(dir_);
  ensure_directory(parent_folder(target).string());
  remove_stale_staging(target);
  staging_ = fmt::format("{}.tmp-{}-{}", dir_, ::getpid(), g_writer_count.fetch_add(1));
  std::error_code ec;
  fs::remove_all(staging_, ec);
  ensure_directory(staging_);
}

BundleWriter::~BundleWriter() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

std::string BundleWriter::checked_relative_path(std::string_view path) const {
  if (!detail::is_inside_path(path) || path == k_manifest_file)
    throw Internal(fmt::format("bundle file name '{}' is not a plain relative path (or is reserved)", path));
  if (has_file(path)) throw Internal(fmt::format("bundle file '{}' added twice", path));
  return std::string(path);
}

void BundleWriter::add_file(std::string_view path, std::string_view content, std::string description) {
  write_file_atomic(file_path(path, std::move(description)), content);
}

std::string BundleWriter::file_path(std::string_view path, std::string description) {
  FINCOACH_ASSERT(!committed_);
  const std::string relative = checked_relative_path(path);
  const fs::path full = fs::path(staging_) / relative;
  ensure_directory(full.parent_path().string());
  files_.push_back({relative, std::move(description)});
  return full.string();
}

bool BundleWriter::has_file(std::string_view path) const {
  return std::any_of(files_.begin(), files_.end(), [&](const StagedFile& f) { return f.path == path; });
}

uint64_t BundleWriter::file_size(std::string_view path) const {
  std::error_code ec;
  const uintmax_t size = fs::file_size(fs::path(staging_) / path, ec);
  if (ec) throw IoError(fmt::format("bundle file '{}' was not written: {}", path, ec.message()));
  return size;
}

Manifest BundleWriter::commit(Manifest manifest) {
  FINCOACH_ASSERT(!committed_);
  manifest.files.clear();
  for (const StagedFile& file : files_) {
    const std::string full = (fs::path(staging_) / file.path).string();
    manifest.files.push_back({file.path, file_size(file.path), sha256_file_hex(full), file.description});
  }
  std::sort(manifest.files.begin(), manifest.files.end(),
            [](const ManifestFile& a, const ManifestFile& b) { return a.path < b.path; });
  write_file_atomic((fs::path(staging_) / k_manifest_file).string(), manifest.to_json().dump(2) + "\n");
  move_into_place(staging_, dir_);
  committed_ = true;
  return manifest;
}

}  // namespace fincoach::bundle
