#include "fincoach/features/params.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"

namespace fincoach::features {
namespace {

TEST(FeatureParams, DefaultsAreValid) { EXPECT_NO_THROW(FeatureParams{}.validate()); }

TEST(FeatureParams, EachBadFieldIsNamed) {
  auto message = [](FeatureParams p) {
    try {
      p.validate();
    } catch (const InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  FeatureParams p;
  p.lookback_days = 7;
  EXPECT_NE(message(p).find("lookback_days = 7"), std::string::npos);
  p = {};
  p.baseline_days = 20;
  EXPECT_NE(message(p).find("baseline_days = 20"), std::string::npos);
  p = {};
  p.large_multiple = 1.0;
  EXPECT_NE(message(p).find("large_multiple"), std::string::npos);
  p = {};
  p.segment_count = 0;
  EXPECT_NE(message(p).find("segment_count"), std::string::npos);
  p = {};
  p.threads = -1;
  EXPECT_NE(message(p).find("threads"), std::string::npos);
}

TEST(FeatureParams, ParamSetCoversTheConfigKeys) {
  FeatureParams p;
  ParamSet set = feature_param_set(p);
  EXPECT_EQ(set.section(), "features");
  set.set_from_text("lookback_days", "45");
  EXPECT_EQ(p.lookback_days, 45);
  EXPECT_THROW(set.set_from_text("lookback_days", "soon"), InvalidInput);
}

}  // namespace
}  // namespace fincoach::features
