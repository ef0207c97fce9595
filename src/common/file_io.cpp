#include "fincoach/common/file_io.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach {

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw IoError(fmt::format("cannot read '{}'", path));
  return std::move(buffer).str();
}

void write_file_atomic(const std::string& path, std::string_view content) {
  const std::string temp = fmt::format("{}.tmp-{}", path, ::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError(fmt::format("cannot create '{}': {}", temp, std::strerror(errno)));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      std::remove(temp.c_str());
      throw IoError(fmt::format("cannot write '{}'", temp));
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(temp.c_str());
    throw IoError(fmt::format("cannot rename '{}' to '{}': {}", temp, path, std::strerror(error)));
  }
}

void ensure_directory(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec || !std::filesystem::is_directory(path))
    throw IoError(fmt::format("cannot create directory '{}': {}", path, ec ? ec.message() : "not a directory"));
}

}  // namespace fincoach
