#pragma once
// Whole-file access: a regular file is memory-mapped (no copy, no zero-filled buffer: the
// parser reads the page cache directly); anything else (a pipe, /dev/stdin) is read into
// memory in one go. Either way the parser sees one contiguous buffer.

#include <cstddef>
#include <string>
#include <string_view>

namespace fincoach::ingest::detail {

class FileBytes {
 public:
  /// Opens `path`; throws IoError naming `what` and the path when it cannot be read.
  FileBytes(const std::string& path, std::string_view what);
  ~FileBytes();
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;

  std::string_view view() const { return mapped_ != nullptr ? std::string_view(mapped_, size_) : read_; }

 private:
  void read_stream(int fd, const std::string& path, std::string_view what);

  const char* mapped_ = nullptr;
  size_t size_ = 0;
  std::string read_;
};

/// The bytes of `path` as a string (small files: profiles).
std::string read_file_bytes(const std::string& path, std::string_view what);

}  // namespace fincoach::ingest::detail
