// The segmentation on a simulated population against its true personas. The simulator's
// personas overlap by design (docs/simulator.md), so the bar here is the honest one measured
// in bench/results/segment.md, not perfection: clearly better than chance, named segments
// that mostly match their majority persona, and stable segments.

#include <gtest/gtest.h>

#include "fincoach/features/feature_pipeline.hpp"
#include "fincoach/segment/segmentation.hpp"
#include "fincoach/simulate/simulator.hpp"

namespace fincoach::segment {
namespace {

TEST(SimulatedPersonas, SegmentsCarryPersonaSignalAndSeparablePersonasAreFound) {
  for (double spread : {1.0, 0.25}) {
    simulate::SimulationParams sp;
    sp.users = 1500;
    sp.months = 6;
    sp.trait_spread = spread;
    const simulate::SimulationResult sim = simulate::simulate(sp);
    features::FeatureContext context;
    context.goals = &sim.population.goals;
    const Ledger& ledger = sim.population.ledger;
    const features::FeatureMatrix raw =
        window_profile(ledger, context, features::FeatureParams{}, features::last_ledger_day(ledger), 13);
    const auto pipeline = features::FeaturePipeline::fit(raw, std::vector<uint8_t>(raw.rows, 1));
    SegmentParams p;
    p.choose_k_enabled = false;
    p.validation.bootstrap = 5;
    const Segmentation s = segment_users(raw, pipeline, p);
    std::vector<int32_t> persona(raw.rows);
    for (size_t u = 0; u < persona.size(); ++u) persona[u] = static_cast<int32_t>(sim.truth.users[u].persona);
    const TruthComparison t = compare_with_truth(s, persona);
    EXPECT_GT(t.ari, spread == 1.0 ? 0.15 : 0.3) << "spread " << spread;
    EXPECT_GE(t.names_matching, 3) << "spread " << spread;
    double mean_jaccard = 0.0;
    for (double j : s.bootstrap.mean_jaccard) mean_jaccard += j / static_cast<double>(s.bootstrap.mean_jaccard.size());
    EXPECT_GT(mean_jaccard, 0.6) << "spread " << spread;
  }
}

}  // namespace
}  // namespace fincoach::segment
