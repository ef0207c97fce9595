#include "fincoach/segment/naming.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "fincoach/common/error.hpp"

namespace fincoach::segment {
namespace {

std::vector<std::string> profile_feature_names() {
  std::vector<std::string> names{"unrelated"};
  for (const ProfileFeature& f : profile_features()) names.emplace_back(f.feature);
  return names;
}

/// Scaled means whose profile dimensions equal `z`.
Matrix means_for(const std::vector<ProfileVector>& z, const std::vector<std::string>& names) {
  Matrix m(z.size(), names.size());
  for (size_t s = 0; s < z.size(); ++s)
    for (const ProfileFeature& f : profile_features()) {
      const auto c = static_cast<size_t>(std::find(names.begin(), names.end(), f.feature) - names.begin());
      m.at(s, c) = f.sign * z[s][static_cast<size_t>(f.dim)];
    }
  return m;
}

TEST(Naming, ProfilesShapedLikeThePersonasTakeTheirNames) {
  const auto names = profile_feature_names();
  std::vector<ProfileVector> z;
  // Shuffled order: names must follow profiles, not cluster indices.
  for (size_t p : {3u, 0u, 4u, 2u, 1u}) z.push_back(persona_templates()[p].weight);
  const SegmentDims dims = profile_dims(names, means_for(z, names));
  for (size_t d = 0; d < k_profile_dims; ++d) EXPECT_TRUE(dims.available[d]);
  const SegmentNames n = name_segments(dims, NamingParams{});
  EXPECT_EQ(n.name, (std::vector<std::string>{"Budget Conscious", "Conservative Savers", "High Spenders",
                                              "Goal-Oriented", "Impulse Buyers"}));
  EXPECT_EQ(n.persona, (std::vector<int32_t>{3, 0, 4, 2, 1}));
  for (double s : n.score) EXPECT_GT(s, 0.2);
}

TEST(Naming, APersonaIsGivenAtMostOnce) {
  const auto names = profile_feature_names();
  const ProfileVector impulse = persona_templates()[1].weight;
  ProfileVector milder = impulse;
  for (double& v : milder) v *= 0.6;
  const SegmentNames n = name_segments(profile_dims(names, means_for({milder, impulse}, names)), NamingParams{});
  EXPECT_EQ(n.name[1], "Impulse Buyers");
  EXPECT_NE(n.name[0], "Impulse Buyers");
}

TEST(Naming, ASegmentThatFitsNoPersonaGetsADescriptiveName) {
  const auto names = profile_feature_names();
  const ProfileVector flat{};
  ProfileVector odd{};
  odd[static_cast<size_t>(ProfileDim::Volatility)] = 1.5;
  odd[static_cast<size_t>(ProfileDim::CategoryDiscipline)] = 0.8;
  const SegmentNames n = name_segments(profile_dims(names, means_for({flat, odd, flat}, names)), NamingParams{});
  EXPECT_EQ(n.name[0], "Average profile");
  EXPECT_EQ(n.name[2], "Average profile (2)");
  EXPECT_EQ(n.persona[0], -1);
  EXPECT_EQ(n.name[1], "High volatility, high category discipline");
  EXPECT_EQ(n.persona[1], -1);
}

TEST(Naming, MissingFeaturesLeaveTheirDimensionOut) {
  const std::vector<std::string> names{"impulse_buying_score", "total_spending"};
  Matrix m(1, 2);
  m.values = {1.0, 1.0};
  const SegmentDims dims = profile_dims(names, m);
  EXPECT_TRUE(dims.available[static_cast<size_t>(ProfileDim::ImpulseScore)]);
  EXPECT_FALSE(dims.available[static_cast<size_t>(ProfileDim::SavingsRate)]);
  EXPECT_DOUBLE_EQ(dims.z[0][static_cast<size_t>(ProfileDim::SpendingLevel)], 1.0);
  EXPECT_THROW(profile_dims({"nothing"}, Matrix(1, 1)), InvalidInput);
}

TEST(Naming, PersonaScoreClampsExtremes) {
  std::array<bool, k_profile_dims> all{};
  all.fill(true);
  ProfileVector z{};
  z[static_cast<size_t>(ProfileDim::SpendingLevel)] = 50.0;
  const double s = persona_score(z, all, persona_templates()[4]);
  EXPECT_NEAR(s, 2.0 / 2.0, 1e-12);  // clamp(50) = 2, weight 1 over Σ|w| = 2
}

}  // namespace
}  // namespace fincoach::segment
