#include "fincoach/ingest/reject.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "fincoach/common/error.hpp"

namespace fincoach::ingest {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(RejectKind, NamesAreDistinctSnakeCase) {
  std::set<std::string> names;
  for (RejectKind kind : all_reject_kinds()) {
    const std::string name(to_string(kind));
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789"), std::string::npos) << name;
  }
  EXPECT_EQ(names.size(), 13u);
  EXPECT_EQ(to_string(RejectKind::MissingHeader), "missing_header");
}

TEST(WriteRejectsCsv, WritesHeaderAndEscapedRows) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "fincoach_reject_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "rejects.csv").string();
  const std::vector<Reject> rejects = {
      {"a.csv", 3, "Debit Amount", RejectKind::BadNumber, "debit '1,2' is not a number", "1,\"x\",1,2"},
      {"b.csv", 0, "", RejectKind::EmptyFile, "file is empty", ""},
  };
  write_rejects_csv(rejects, path);
  EXPECT_EQ(read_all(path),
            "file,line,column,kind,message,raw\n"
            "a.csv,3,Debit Amount,bad_number,\"debit '1,2' is not a number\",\"1,\"\"x\"\",1,2\"\n"
            "b.csv,0,,empty_file,file is empty,\n");
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  // Overwrites atomically.
  write_rejects_csv({}, path);
  EXPECT_EQ(read_all(path), "file,line,column,kind,message,raw\n");
  std::filesystem::remove_all(dir);
}

TEST(WriteRejectsCsv, UnwritablePathIsAnIoError) {
  EXPECT_THROW(write_rejects_csv({}, "/nonexistent-dir/rejects.csv"), IoError);
}

}  // namespace
}  // namespace fincoach::ingest
