#include "segment/profiles.hpp"

#include <gtest/gtest.h>

#include "persona_features.hpp"

namespace fincoach::segment {
namespace {

TEST(Profiles, FormatValueScalesItsPrecision) {
  EXPECT_EQ(detail::format_value(1234.567), "1235");
  EXPECT_EQ(detail::format_value(-12.345), "-12.35");
  EXPECT_EQ(detail::format_value(0.12345), "0.123");
}

TEST(Profiles, RawMeansSkipMissingCellsAndTableHasOneRowPerSegment) {
  auto data = testing::make_persona_features(20, 11);
  const size_t cols = data.matrix.cols();
  const size_t c = *data.matrix.schema.index_of("impulse_buying_score");
  // A missing cell holds a stand-in that must not enter the raw mean.
  data.matrix.values[0 * cols + c] = 1000.0f;
  data.matrix.missing[0 * cols + c] = 1;
  const auto pipeline = testing::fit_all(data.matrix);
  SegmentParams p;
  p.choose_k_enabled = false;
  p.validation.bootstrap = 0;
  p.validation.ward_sample = 0;
  const Segmentation s = segment_users(data.matrix, pipeline, p);
  for (const SegmentProfile& prof : s.profiles) EXPECT_LT(prof.raw_mean[c], 10.0);
  const ComparisonTable t = comparison_table(s);
  EXPECT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.columns.size(), t.rows[0].size());
  EXPECT_EQ(t.rows[0].back(), "n/a");  // no bootstrap was run
  EXPECT_FALSE(s.bootstrap_done);
  EXPECT_FALSE(s.ward_done);
}

}  // namespace
}  // namespace fincoach::segment
