#pragma once
// A SQLite database file in the temp directory, unique per test, removed afterwards.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace fincoach::db::testing {

class TempSqliteFile {
 public:
  TempSqliteFile() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = (std::filesystem::temp_directory_path() /
             ("fincoach_db_" + std::to_string(::getpid()) + "_" + info->test_suite_name() + "_" + info->name() + ".db"))
                .string();
    remove_files();
  }
  ~TempSqliteFile() { remove_files(); }
  TempSqliteFile(const TempSqliteFile&) = delete;
  TempSqliteFile& operator=(const TempSqliteFile&) = delete;

  const std::string& path() const { return path_; }
  std::string url() const { return "sqlite:" + path_; }

 private:
  void remove_files() const {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_ + suffix);
  }
  std::string path_;
};

}  // namespace fincoach::db::testing
