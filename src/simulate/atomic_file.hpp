#pragma once
// A file written through a temporary name and renamed into place on commit, so readers
// never see half a file; dropped (and the temporary removed) when not committed.

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "fincoach/common/error.hpp"

namespace fincoach::simulate::detail {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path) : path_(std::move(path)), temp_(fmt::format("{}.tmp-{}", path_, ::getpid())) {
    file_ = std::fopen(temp_.c_str(), "wb");
    if (file_ == nullptr) throw IoError(fmt::format("cannot create '{}': {}", temp_, std::strerror(errno)));
  }
  ~AtomicFile() {
    if (file_ != nullptr) {
      std::fclose(file_);
      std::remove(temp_.c_str());
    }
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(const void* data, size_t bytes) {
    if (bytes > 0 && std::fwrite(data, 1, bytes, file_) != bytes)
      throw IoError(fmt::format("cannot write '{}': {}", temp_, std::strerror(errno)));
    written_ += bytes;
  }
  void write(std::string_view bytes) { write(bytes.data(), bytes.size()); }
  uint64_t written() const { return written_; }

  void commit() {
    const int status = std::fclose(file_);
    file_ = nullptr;
    if (status != 0) {
      std::remove(temp_.c_str());
      throw IoError(fmt::format("cannot close '{}': {}", temp_, std::strerror(errno)));
    }
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
      std::remove(temp_.c_str());
      throw IoError(fmt::format("cannot rename '{}' to '{}': {}", temp_, path_, std::strerror(errno)));
    }
  }

 private:
  std::string path_;
  std::string temp_;
  std::FILE* file_ = nullptr;
  uint64_t written_ = 0;
};

}  // namespace fincoach::simulate::detail
