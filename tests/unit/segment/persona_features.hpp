#pragma once
// A synthetic enhanced feature matrix with five planted personas: each persona's users sit
// where the persona's template points on the profile features, with a little noise; every
// other feature is constant (and so left out of the clustering). The known answer of the
// end-to-end segmentation tests.

#include <random>
#include <vector>

#include "fincoach/features/extract.hpp"
#include "fincoach/features/feature_pipeline.hpp"
#include "fincoach/features/schema.hpp"
#include "fincoach/segment/naming.hpp"

namespace fincoach::segment::testing {

struct PersonaFeatures {
  features::FeatureMatrix matrix;
  std::vector<int32_t> persona;  ///< index into persona_templates()
  std::vector<std::string> user_ids;
};

inline PersonaFeatures make_persona_features(size_t per_persona, uint64_t seed, double signal = 3.0) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0.0, 0.2);
  PersonaFeatures out;
  out.matrix.schema = features::enhanced_schema(features::FeatureParams{});
  const size_t personas = persona_templates().size();
  out.matrix.resize(per_persona * personas);
  const size_t cols = out.matrix.cols();
  for (size_t r = 0; r < out.matrix.rows; ++r) {
    const size_t p = r % personas;
    out.persona.push_back(static_cast<int32_t>(p));
    out.user_ids.push_back("user-" + std::to_string(r));
    for (const ProfileFeature& f : profile_features()) {
      const auto c = *out.matrix.schema.index_of(f.feature);
      out.matrix.values[r * cols + c] =
          static_cast<float>(noise(rng) + signal * f.sign * persona_templates()[p].weight[static_cast<size_t>(f.dim)]);
    }
  }
  return out;
}

inline features::FeaturePipeline fit_all(const features::FeatureMatrix& m) {
  return features::FeaturePipeline::fit(m, std::vector<uint8_t>(m.rows, 1));
}

}  // namespace fincoach::segment::testing
