#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "fincoach/common/error.hpp"
#include "fincoach/common/params.hpp"
#include "fincoach/validate/quality.hpp"

namespace fincoach::validate {
namespace {

// Runs validate() and returns the message of the InvalidInput it throws ("" when none).
std::string validation_error(const QualityParams& params) {
  try {
    params.validate();
  } catch (const InvalidInput& error) {
    return error.what();
  }
  return "";
}

TEST(QualityParams, DefaultsAreValid) {
  QualityParams params;
  EXPECT_EQ(validation_error(params), "");
  EXPECT_DOUBLE_EQ(params.outlier_z_threshold, 5.0);
  EXPECT_EQ(params.outlier_min_group_size, 10u);
  EXPECT_EQ(params.gap_threshold_days, 14);
  EXPECT_EQ(params.max_listed, 50u);
}

TEST(QualityParams, RejectsNonPositiveOrNonFiniteThreshold) {
  for (double bad : {0.0, -1.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    QualityParams params;
    params.outlier_z_threshold = bad;
    const std::string message = validation_error(params);
    EXPECT_NE(message.find("outlier_z_threshold"), std::string::npos) << message;
  }
}

TEST(QualityParams, RejectsRelativeScaleOutsideZeroToOne) {
  for (double bad : {-0.1, 1.0, std::nan("")}) {
    QualityParams params;
    params.outlier_min_relative_scale = bad;
    const std::string message = validation_error(params);
    EXPECT_NE(message.find("outlier_min_relative_scale"), std::string::npos) << message;
  }
}

TEST(QualityParams, RejectsTinyOutlierGroups) {
  QualityParams params;
  params.outlier_min_group_size = 2;
  const std::string message = validation_error(params);
  EXPECT_NE(message.find("outlier_min_group_size = 2"), std::string::npos) << message;
  params.outlier_min_group_size = 3;
  EXPECT_EQ(validation_error(params), "");
}

TEST(QualityParams, RejectsGapThresholdBelowOne) {
  QualityParams params;
  params.gap_threshold_days = 0;
  EXPECT_NE(validation_error(params).find("gap_threshold_days = 0"), std::string::npos);
  params.gap_threshold_days = -3;
  EXPECT_NE(validation_error(params).find("gap_threshold_days = -3"), std::string::npos);
}

TEST(QualityParams, RejectsZeroMaxListed) {
  QualityParams params;
  params.max_listed = 0;
  EXPECT_NE(validation_error(params).find("max_listed = 0"), std::string::npos);
}

TEST(QualityParams, RejectsEmptyAliasKeyOrTarget) {
  QualityParams params;
  params.category_aliases = {{"  ", "groceries"}};
  EXPECT_NE(validation_error(params).find("empty label"), std::string::npos);
  params.category_aliases = {{"Food Shopping", " "}};
  EXPECT_NE(validation_error(params).find("target is empty"), std::string::npos);
}

TEST(QualityParams, RejectsKeysThatNormaliseAlikeWithDifferentTargets) {
  QualityParams params;
  params.category_aliases = {{"Food  Shopping", "groceries"}, {"food shopping", "dine out"}};
  const std::string message = validation_error(params);
  EXPECT_NE(message.find("food shopping"), std::string::npos) << message;
  params.category_aliases = {{"Food  Shopping", "groceries"}, {"food shopping", "Groceries"}};
  EXPECT_EQ(validation_error(params), "");
}

TEST(QualityParams, RejectsChainedAliases) {
  QualityParams params;
  params.category_aliases = {{"food", "food shopping"}, {"food shopping", "groceries"}};
  const std::string message = validation_error(params);
  EXPECT_NE(message.find("itself mapped to \"groceries\""), std::string::npos) << message;
  // A target that maps to itself is final.
  params.category_aliases = {{"food", "groceries"}, {"groceries", "Groceries"}};
  EXPECT_EQ(validation_error(params), "");
}

TEST(QualityParams, ParamSetBindsEveryField) {
  QualityParams params;
  ParamSet set = quality_param_set(params);
  EXPECT_EQ(set.section(), "validate");
  EXPECT_EQ(set.fields().size(), 6u);
  set.set_from_text("category_aliases", "Food Shopping=groceries,Takeaway=dine out");
  EXPECT_EQ(params.category_aliases.at("Takeaway"), "dine out");
  EXPECT_EQ(params.category_aliases.size(), 2u);
  EXPECT_THROW(set.set_from_text("category_aliases", "no-equals-sign"), InvalidInput);
  set.set_from_text("outlier_z_threshold", "3.5");
  set.set_from_text("outlier_min_group_size", "20");
  set.set_from_text("gap_threshold_days", "30");
  set.set_from_text("max_listed", "7");
  set.set_from_text("outlier_min_relative_scale", "0.1");
  EXPECT_DOUBLE_EQ(params.outlier_min_relative_scale, 0.1);
  EXPECT_DOUBLE_EQ(params.outlier_z_threshold, 3.5);
  EXPECT_EQ(params.outlier_min_group_size, 20u);
  EXPECT_EQ(params.gap_threshold_days, 30);
  EXPECT_EQ(params.max_listed, 7u);
}

}  // namespace
}  // namespace fincoach::validate
