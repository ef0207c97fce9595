#include "fincoach/bundle/bundle_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "fincoach/bundle/bundle_writer.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "temp_folder.hpp"

namespace fincoach::bundle {
namespace {

namespace fs = std::filesystem;

class BundleReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BundleWriter writer(dir());
    writer.add_file("report.html", "<p>report</p>", "the report");
    writer.add_file("validation_reports/data_quality.json", "{\"rows\": 3}", "quality");
    Manifest m;
    m.software_version = "0.1.0";
    m.created_at = "2026-11-21T00:00:00Z";
    m.seed = 42;
    writer.commit(m);
  }
  std::string dir() const { return folder_.path("bundle"); }
  std::string file(const std::string& name) const { return dir() + "/" + name; }

  // The message of the InvalidInput that verify_bundle throws (empty when it does not throw).
  std::string failure() const {
    try {
      verify_bundle(dir());
    } catch (const InvalidInput& e) {
      return e.what();
    }
    return "";
  }

  testing_support::TempFolder folder_;
};

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_F(BundleReaderTest, IntactBundleVerifies) {
  const VerifiedBundle verified = verify_bundle(dir());
  EXPECT_EQ(verified.manifest.files.size(), 2u);
  EXPECT_EQ(verified.manifest.seed, 42u);
  EXPECT_TRUE(verified.unlisted_files.empty());
}

TEST_F(BundleReaderTest, BadChecksumNamesTheFile) {
  write_file_atomic(file("report.html"), "<p>REPORT</p>");  // same size, other bytes
  const std::string message = failure();
  EXPECT_TRUE(mentions(message, "report.html")) << message;
  EXPECT_TRUE(mentions(message, "checksum")) << message;
}

TEST_F(BundleReaderTest, ChangedSizeNamesTheFile) {
  write_file_atomic(file("validation_reports/data_quality.json"), "{\"rows\": 30000}");
  const std::string message = failure();
  EXPECT_TRUE(mentions(message, "validation_reports/data_quality.json")) << message;
}

TEST_F(BundleReaderTest, MissingFileNamesIt) {
  fs::remove(file("validation_reports/data_quality.json"));
  const std::string message = failure();
  EXPECT_TRUE(mentions(message, "validation_reports/data_quality.json")) << message;
  EXPECT_TRUE(mentions(message, "missing")) << message;
}

TEST_F(BundleReaderTest, NewerSchemaNamesTheManifest) {
  nlohmann::json manifest = nlohmann::json::parse(read_text_file(file("manifest.json")));
  manifest["schema_version"] = k_bundle_schema_version + 1;
  write_file_atomic(file("manifest.json"), manifest.dump());
  const std::string message = failure();
  EXPECT_TRUE(mentions(message, "manifest.json")) << message;
  EXPECT_TRUE(mentions(message, "newer")) << message;
}

TEST_F(BundleReaderTest, MissingManifestIsNamed) {
  fs::remove(file("manifest.json"));
  const std::string message = failure();
  EXPECT_TRUE(mentions(message, "manifest.json")) << message;
  EXPECT_TRUE(mentions(message, "missing")) << message;
}

TEST_F(BundleReaderTest, ManifestThatIsNotJsonIsNamed) {
  write_file_atomic(file("manifest.json"), "{ not json");
  const std::string message = failure();
  EXPECT_TRUE(mentions(message, "manifest.json")) << message;
}

TEST_F(BundleReaderTest, PathLeavingTheBundleIsRefused) {
  nlohmann::json manifest = nlohmann::json::parse(read_text_file(file("manifest.json")));
  manifest["files"][0]["path"] = "../outside.txt";
  write_file_atomic(file("manifest.json"), manifest.dump());
  const std::string message = failure();
  EXPECT_TRUE(mentions(message, "../outside.txt")) << message;
}

TEST_F(BundleReaderTest, UnlistedFilesAreReportedNotFatal) {
  write_file_atomic(file("extra.txt"), "added later");
  const VerifiedBundle verified = verify_bundle(dir());
  EXPECT_EQ(verified.unlisted_files, std::vector<std::string>{"extra.txt"});
}

TEST_F(BundleReaderTest, OpenReadsListedFilesOnly) {
  const Bundle bundle = Bundle::open(dir());
  EXPECT_EQ(bundle.read_file("report.html"), "<p>report</p>");
  EXPECT_EQ(bundle.read_json("validation_reports/data_quality.json")["rows"], 3);
  EXPECT_THROW(bundle.read_file("manifest.json"), InvalidInput);
  EXPECT_THROW(bundle.read_file("other.txt"), InvalidInput);
}

TEST_F(BundleReaderTest, OpenFailsOnATamperedBundle) {
  write_file_atomic(file("report.html"), "<p>tampered</p>");
  EXPECT_THROW(Bundle::open(dir()), InvalidInput);
}

TEST(BundleReader, NoSuchFolder) { EXPECT_THROW(verify_bundle("/nonexistent/fincoach/bundle"), InvalidInput); }

}  // namespace
}  // namespace fincoach::bundle
