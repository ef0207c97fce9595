#pragma once
// Small helpers shared by the benchmark programs: their own flags next to Google
// Benchmark's, file sizes, and warming the page cache so a run measures CPU, not the disk.

#include <cstdint>
#include <string>
#include <string_view>

namespace fincoach::bench {

/// Removes "--name=value" from argv (after benchmark::Initialize took its own flags) and
/// returns the value, or `fallback` when absent.
std::string take_option(int& argc, char** argv, std::string_view name, std::string fallback = {});

/// Throws fincoach::InvalidInput naming the first argument left in argv, if any.
void reject_leftover_arguments(int argc, char** argv, std::string_view usage);

/// Throws fincoach::IoError naming the path when it cannot be stat'ed.
uint64_t file_size(const std::string& path);

/// Reads the whole file once so it sits in the page cache. Throws fincoach::IoError.
void warm_page_cache(const std::string& path);

/// A fresh directory under the system temp dir, removed with its content on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace fincoach::bench
