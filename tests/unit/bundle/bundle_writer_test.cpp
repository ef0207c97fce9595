#include "fincoach/bundle/bundle_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "fincoach/bundle/bundle_reader.hpp"
#include "fincoach/bundle/sha256.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "temp_folder.hpp"

namespace fincoach::bundle {
namespace {

namespace fs = std::filesystem;

Manifest base_manifest() {
  Manifest m;
  m.software_version = "0.1.0";
  m.created_at = "2026-11-21T00:00:00Z";
  m.seed = 1;
  return m;
}

std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(BundleWriter, CommitListsEveryFileWithItsChecksum) {
  testing_support::TempFolder folder;
  const std::string dir = folder.path("models/enhanced");
  BundleWriter writer(dir);
  writer.add_file("b.json", "{}\n", "second");
  writer.add_file("validation_reports/a.json", "[1]\n", "first");
  write_file_atomic(writer.file_path("c.csv", "third"), "x,y\n");
  EXPECT_FALSE(fs::exists(dir)) << "nothing may be visible before commit";
  const Manifest m = writer.commit(base_manifest());

  ASSERT_EQ(m.files.size(), 3u);
  EXPECT_EQ(m.files[0].path, "b.json");  // sorted by path
  EXPECT_EQ(m.files[1].path, "c.csv");
  EXPECT_EQ(m.files[2].path, "validation_reports/a.json");
  EXPECT_EQ(m.files[0].sha256, sha256_hex("{}\n"));
  EXPECT_EQ(m.files[1].bytes, 4u);
  EXPECT_EQ(m.files[2].description, "first");
  EXPECT_TRUE(fs::exists(dir + "/manifest.json"));
  EXPECT_EQ(entries(folder.path("models")), std::vector<std::string>{"enhanced"}) << "staging folder left behind";
  EXPECT_NO_THROW(verify_bundle(dir));
}

TEST(BundleWriter, AbandonedWriteLeavesNothingAndKeepsTheEarlierBundle) {
  testing_support::TempFolder folder;
  const std::string dir = folder.path("bundle");
  {
    BundleWriter first(dir);
    first.add_file("a.txt", "old", "a");
    first.commit(base_manifest());
  }
  {
    BundleWriter second(dir);
    second.add_file("a.txt", "new", "a");
    EXPECT_TRUE(fs::exists(second.staging_dir()));
    EXPECT_FALSE(fs::exists(second.staging_dir() + "/manifest.json"));
    // destroyed without commit: a run that failed half-way
  }
  EXPECT_EQ(read_text_file(dir + "/a.txt"), "old");
  EXPECT_NO_THROW(verify_bundle(dir));
  EXPECT_EQ(entries(folder.path()), std::vector<std::string>{"bundle"});
}

TEST(BundleWriter, ReplacesAnEarlierBundle) {
  testing_support::TempFolder folder;
  const std::string dir = folder.path("bundle");
  for (const char* content : {"one", "two"}) {
    BundleWriter writer(dir);
    writer.add_file("a.txt", content, "a");
    writer.commit(base_manifest());
  }
  EXPECT_EQ(read_text_file(dir + "/a.txt"), "two");
  EXPECT_NO_THROW(verify_bundle(dir));
  EXPECT_EQ(entries(folder.path()), std::vector<std::string>{"bundle"});
}

TEST(BundleWriter, RemovesStagingFoldersOfDeadProcesses) {
  testing_support::TempFolder folder;
  const std::string stale = folder.path("bundle.tmp-999999999-0");
  fs::create_directories(stale);
  const std::string unrelated = folder.path("bundle.tmp-notapid");
  fs::create_directories(unrelated);
  BundleWriter writer(folder.path("bundle"));
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(unrelated));
}

TEST(BundleDestination, RefusesWhatItMustNotReplace) {
  testing_support::TempFolder folder;
  folder.write("data/keep.txt", "precious");
  EXPECT_THROW(check_bundle_destination(folder.path("data")), InvalidInput);
  folder.write("file.txt", "x");
  EXPECT_THROW(check_bundle_destination(folder.path("file.txt")), InvalidInput);
  EXPECT_THROW(check_bundle_destination(folder.path("file.txt/bundle")), InvalidInput);
  fs::create_directories(folder.path("empty"));
  EXPECT_NO_THROW(check_bundle_destination(folder.path("empty")));
  EXPECT_NO_THROW(check_bundle_destination(folder.path("not/yet/there")));
  EXPECT_FALSE(fs::exists(folder.path("not"))) << "a check creates nothing";
}

TEST(BundleDestination, UnwritableFolderIsNamed) {
  // /proc refuses new folders even to root, for whom permission bits do not apply.
  try {
    check_bundle_destination("/proc/fincoach-bundle");
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("not writable"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("/proc"), std::string::npos) << e.what();
  }
}

TEST(BundleWriter, RejectsBadFileNames) {
  testing_support::TempFolder folder;
  BundleWriter writer(folder.path("bundle"));
  EXPECT_THROW(writer.add_file("../escape.txt", "x", ""), Internal);
  EXPECT_THROW(writer.add_file("/abs.txt", "x", ""), Internal);
  EXPECT_THROW(writer.add_file("manifest.json", "x", ""), Internal);
  writer.add_file("a.txt", "x", "");
  EXPECT_THROW(writer.add_file("a.txt", "y", ""), Internal);
}

TEST(BundleWriter, RegisteredButUnwrittenFileFailsTheCommit) {
  testing_support::TempFolder folder;
  const std::string dir = folder.path("bundle");
  BundleWriter writer(dir);
  writer.file_path("never.csv", "never written");
  EXPECT_THROW(writer.commit(base_manifest()), IoError);
  EXPECT_FALSE(fs::exists(dir));
}

}  // namespace
}  // namespace fincoach::bundle
