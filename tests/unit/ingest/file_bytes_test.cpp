#include "ingest/file_bytes.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fincoach/common/error.hpp"

namespace fincoach::ingest::detail {
namespace {

TEST(FileBytes, MapsARegularFile) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "fincoach_file_bytes.txt";
  std::ofstream(path, std::ios::binary).write("a\0b\nc", 5);
  const FileBytes bytes(path.string(), "input file");
  EXPECT_EQ(bytes.view(), std::string_view("a\0b\nc", 5));
  EXPECT_EQ(read_file_bytes(path.string(), "input file"), std::string("a\0b\nc", 5));
  std::filesystem::remove(path);
}

TEST(FileBytes, EmptyFileIsEmpty) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "fincoach_file_bytes_empty.txt";
  std::ofstream(path, std::ios::binary).flush();
  EXPECT_TRUE(FileBytes(path.string(), "input file").view().empty());
  std::filesystem::remove(path);
}

TEST(FileBytes, MissingFileOrDirectoryIsAnIoErrorNamingThePath) {
  try {
    FileBytes bytes("/no/such/file.csv", "input file");
    FAIL();
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("/no/such/file.csv"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("input file"), std::string::npos);
  }
  EXPECT_THROW(FileBytes(std::filesystem::temp_directory_path().string(), "input file"), IoError);
}

TEST(FileBytes, ReadsAFileThatReportsNoSize) {
  // /proc files report size 0 and cannot be mapped: they must fall back to reading.
  if (!std::filesystem::exists("/proc/self/status")) GTEST_SKIP() << "no /proc";
  const FileBytes bytes("/proc/self/status", "input file");
  EXPECT_NE(bytes.view().find("Name:"), std::string_view::npos);
}

}  // namespace
}  // namespace fincoach::ingest::detail
