#pragma once
// Segment names come from centroid profiles, never from cluster indices. Six profile
// dimensions (savings rate, volatility, impulse score, goal adherence, category discipline,
// spending level) are read from the feature schema by name and scored against the plan's
// five persona definitions; a one-to-one assignment (Hungarian) gives each persona to at
// most one segment, and a segment that fits no persona well enough gets an honest
// descriptive name. The mapping and the templates: docs/segmentation.md, "Naming".

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fincoach/segment/matrix.hpp"
#include "fincoach/segment/params.hpp"

namespace fincoach::segment {

enum class ProfileDim : uint8_t {
  SavingsRate,
  Volatility,
  ImpulseScore,
  GoalAdherence,
  CategoryDiscipline,
  SpendingLevel
};
constexpr size_t k_profile_dims = 6;
/// "savings_rate", "volatility", "impulse_score", "goal_adherence", "category_discipline",
/// "spending_level".
std::string_view to_string(ProfileDim dim);
/// "savings rate", "volatility", … (for text).
std::string_view label(ProfileDim dim);

/// One enhanced feature behind a profile dimension: its z-score (the segment's mean of the
/// scaled feature) counts with `sign`.
struct ProfileFeature {
  ProfileDim dim;
  std::string_view feature;
  double sign;
};
/// The features each dimension is read from (a dimension is the mean of its features'
/// signed z-scores; features missing from the schema are skipped).
std::span<const ProfileFeature> profile_features();

using ProfileVector = std::array<double, k_profile_dims>;

/// A persona as expected directions on the profile dimensions (weights in [-1, 1]).
struct PersonaTemplate {
  std::string_view key;   ///< "conservative_saver", … (the simulator's persona names)
  std::string_view name;  ///< "Conservative Savers", …
  ProfileVector weight;
  std::string_view summary;  ///< one line: what the persona does
};
/// The plan's five personas in the simulator's order.
std::span<const PersonaTemplate> persona_templates();

/// Profile dimensions of every segment, from the segments' means of the scaled features.
struct SegmentDims {
  std::vector<ProfileVector> z;  ///< per segment, in standard deviations
  /// Dimensions with at least one feature in the schema (the others are left out of scores).
  std::array<bool, k_profile_dims> available{};
  /// Schema indices of the features behind each dimension.
  std::array<std::vector<size_t>, k_profile_dims> features;
};
/// `scaled_means` is segments × feature_names.size(). Throws InvalidInput when no profile
/// dimension can be read from the schema.
SegmentDims profile_dims(const std::vector<std::string>& feature_names, const Matrix& scaled_means);

/// Mean agreement of a profile with a persona in standard deviations:
/// Σ w_d · clamp(z_d, -2, 2) / Σ |w_d| over the available dimensions.
double persona_score(const ProfileVector& z, const std::array<bool, k_profile_dims>& available,
                     const PersonaTemplate& persona);

struct SegmentNames {
  std::vector<std::string> name;
  /// Index into persona_templates(), -1 for a descriptive name.
  std::vector<int32_t> persona;
  /// Score of the assigned persona (of the best persona when none was assigned).
  std::vector<double> score;
  /// segments × personas: every score.
  Matrix scores;
};
/// Names every segment (see the header comment). Distinct segments always get distinct names.
SegmentNames name_segments(const SegmentDims& dims, const NamingParams& params);

/// "High spending level, low savings rate": the one or two dimensions that stand out
/// (|z| ≥ 0.3), "Average profile" when none does.
std::string descriptive_name(const ProfileVector& z, const std::array<bool, k_profile_dims>& available);

}  // namespace fincoach::segment
