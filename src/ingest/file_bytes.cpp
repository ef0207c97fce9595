#include "file_bytes.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fincoach/common/error.hpp"

namespace fincoach::ingest::detail {
namespace {

// Closes the descriptor on every path out of the constructor.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

FileBytes::FileBytes(const std::string& path, std::string_view what) {
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) throw IoError(fmt::format("cannot open {} '{}': {}", what, path, std::strerror(errno)));
  struct stat info {};
  if (::fstat(file.fd, &info) != 0)
    throw IoError(fmt::format("cannot stat {} '{}': {}", what, path, std::strerror(errno)));
  if (S_ISDIR(info.st_mode)) throw IoError(fmt::format("{} '{}' is a directory", what, path));
  if (S_ISREG(info.st_mode) && info.st_size > 0) {
    size_ = static_cast<size_t>(info.st_size);
    void* map = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, file.fd, 0);
    if (map != MAP_FAILED) {
      ::madvise(map, size_, MADV_SEQUENTIAL);
      mapped_ = static_cast<const char*>(map);
      return;
    }
  }
  read_stream(file.fd, path, what);  // pipes, special files, or a failed map
}

FileBytes::~FileBytes() {
  if (mapped_ != nullptr) ::munmap(const_cast<char*>(mapped_), size_);
}

void FileBytes::read_stream(int fd, const std::string& path, std::string_view what) {
  char chunk[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got == 0) return;
    if (got < 0) {
      if (errno == EINTR) continue;
      throw IoError(fmt::format("error reading {} '{}': {}", what, path, std::strerror(errno)));
    }
    read_.append(chunk, static_cast<size_t>(got));
  }
}

std::string read_file_bytes(const std::string& path, std::string_view what) {
  return std::string(FileBytes(path, what).view());
}

}  // namespace fincoach::ingest::detail
