#include "fincoach/common/progress.hpp"

#include <gtest/gtest.h>

namespace fincoach {
namespace {

TEST(Progress, DrawsOnlyWhenEnabledAndEndsWithACleanLine) {
  Progress::set_enabled_globally(true);
  testing::internal::CaptureStderr();
  {
    Progress p("loading", 1000, "rows");
    for (int i = 0; i < 1000; ++i) p.advance();
    p.finish();
  }
  const std::string drawn = testing::internal::GetCapturedStderr();
  EXPECT_NE(drawn.find("loading ["), std::string::npos);
  EXPECT_NE(drawn.find("1000/1000"), std::string::npos);
  EXPECT_NE(drawn.find("100.0%"), std::string::npos);

  Progress::set_enabled_globally(false);
  testing::internal::CaptureStderr();
  {
    Progress p("quiet", 10, "rows");
    p.advance(10);
    p.finish();
  }
  EXPECT_EQ(testing::internal::GetCapturedStderr().find("quiet ["), std::string::npos);
}

TEST(Progress, UnknownTotalShowsACount) {
  Progress::set_enabled_globally(true);
  testing::internal::CaptureStderr();
  {
    Progress p("scanning", 0, "files");
    p.advance(3);
    p.finish();
  }
  EXPECT_NE(testing::internal::GetCapturedStderr().find("scanning 3 files"), std::string::npos);
  Progress::set_enabled_globally(false);
}

}  // namespace
}  // namespace fincoach
