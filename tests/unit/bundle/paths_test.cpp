#include "bundle/paths.hpp"

#include <gtest/gtest.h>

namespace fincoach::bundle::detail {
namespace {

TEST(BundlePaths, InsideOnly) {
  for (const char* ok : {"a", "report.html", "validation_reports/data_quality.json", "a/b/c"})
    EXPECT_TRUE(is_inside_path(ok)) << ok;
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a/", "a\\b", "a/."})
    EXPECT_FALSE(is_inside_path(bad)) << bad;
}

TEST(BundlePaths, NormalizedDir) {
  EXPECT_EQ(normalized_dir("models/enhanced/"), "models/enhanced");
  EXPECT_EQ(normalized_dir("models//"), "models");
  EXPECT_EQ(normalized_dir("/"), "/");
  EXPECT_EQ(normalized_dir(""), ".");
}

}  // namespace
}  // namespace fincoach::bundle::detail
