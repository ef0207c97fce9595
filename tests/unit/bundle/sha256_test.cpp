#include "fincoach/bundle/sha256.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"
#include "temp_folder.hpp"

namespace fincoach::bundle {
namespace {

// Known answers from FIPS 180-2.
TEST(Sha256, KnownAnswers) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, FileEqualsBytesAcrossChunks) {
  testing_support::TempFolder folder;
  std::string content(3 * 1024 * 1024 + 17, '\0');
  for (size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i * 31 % 251);
  folder.write("big.bin", content);
  EXPECT_EQ(sha256_file_hex(folder.path("big.bin")), sha256_hex(content));
}

TEST(Sha256, MissingFileIsIoErrorNamingIt) {
  try {
    sha256_file_hex("/nonexistent/fincoach/file.bin");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/fincoach/file.bin"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace fincoach::bundle
