#include "fincoach/segment/params.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

#include "fincoach/common/error.hpp"

namespace fincoach::segment {
namespace {

template <typename P, typename Set>
void expect_rejected(Set&& set, const char* field) {
  P p;
  set(p);
  try {
    p.validate();
    FAIL() << field;
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
  }
}

TEST(Params, DefaultsAreValid) {
  EXPECT_NO_THROW(SegmentParams{}.validate());
  EXPECT_EQ(SegmentParams{}.kmeans.k, 5);
}

TEST(Params, EveryRuleNamesItsField) {
  expect_rejected<KMeansParams>([](auto& p) { p.k = 0; }, "k = 0");
  expect_rejected<KMeansParams>([](auto& p) { p.k = 65; }, "k = 65");
  expect_rejected<KMeansParams>([](auto& p) { p.n_init = 0; }, "n_init");
  expect_rejected<KMeansParams>([](auto& p) { p.max_iter = 0; }, "max_iter");
  expect_rejected<KMeansParams>([](auto& p) { p.tol = -1.0; }, "tol");
  expect_rejected<KMeansParams>([](auto& p) { p.tol = std::nan(""); }, "tol");
  expect_rejected<KMeansParams>([](auto& p) { p.local_trials = -1; }, "local_trials");
  expect_rejected<KMeansParams>([](auto& p) { p.threads = -1; }, "threads");
  expect_rejected<ChooseKParams>([](auto& p) { p.k_min = 1; }, "k_min");
  expect_rejected<ChooseKParams>([](auto& p) { p.k_max = 2; }, "k_max");
  expect_rejected<ChooseKParams>([](auto& p) { p.k_max = 100; }, "k_max");
  expect_rejected<ChooseKParams>([](auto& p) { p.silhouette_sample = 1; }, "silhouette_sample");
  expect_rejected<ChooseKParams>([](auto& p) { p.gap_references = 1; }, "gap_references");
  expect_rejected<ChooseKParams>([](auto& p) { p.n_init = 0; }, "choose_k_n_init");
  expect_rejected<ValidationParams>([](auto& p) { p.ward_sample = 1; }, "ward_sample");
  expect_rejected<ValidationParams>([](auto& p) { p.ward_sample = 30000; }, "ward_sample");
  expect_rejected<ValidationParams>([](auto& p) { p.bootstrap = -1; }, "bootstrap");
  expect_rejected<ValidationParams>([](auto& p) { p.bootstrap_sample = 1; }, "bootstrap_sample");
  expect_rejected<ValidationParams>([](auto& p) { p.stable_jaccard = 1.5; }, "stable_jaccard");
  expect_rejected<ValidationParams>([](auto& p) { p.dissolved_jaccard = 0.8; }, "dissolved_jaccard");
  expect_rejected<NamingParams>([](auto& p) { p.min_persona_score = std::numeric_limits<double>::infinity(); },
                                "min_persona_score");
  expect_rejected<SegmentParams>([](auto& p) { p.blocks = ""; }, "blocks");
  expect_rejected<SegmentParams>([](auto& p) { p.blocks = "base,goal:0"; }, "goal:0");
  expect_rejected<SegmentParams>([](auto& p) { p.blocks = "base,goal:heavy"; }, "goal:heavy");
  expect_rejected<SegmentParams>([](auto& p) { p.blocks = "base,goal:"; }, "goal:");
  expect_rejected<SegmentParams>([](auto& p) { p.blocks = "base,:2"; }, ":2");
  expect_rejected<SegmentParams>([](auto& p) { p.blocks = "goal,base,goal:2"; }, "named twice");
  expect_rejected<SegmentParams>([](auto& p) { p.scatter_points = 0; }, "scatter_points");
  expect_rejected<SegmentParams>([](auto& p) { p.window_weeks = 0; }, "window_weeks");
  expect_rejected<SegmentParams>([](auto& p) { p.kmeans.k = 0; }, "k = 0");
}

TEST(Params, BlocksCarryOptionalWeights) {
  const std::vector<BlockWeight> b = parse_blocks(" base , behavioural,goal: 0.5 ");
  ASSERT_EQ(b.size(), 3u);
  EXPECT_EQ(b[0].block, "base");
  EXPECT_EQ(b[0].weight, 1.0);
  EXPECT_EQ(b[1].block, "behavioural");
  EXPECT_EQ(b[2].block, "goal");
  EXPECT_EQ(b[2].weight, 0.5);
  EXPECT_EQ(parse_blocks("goal:2.5,").size(), 1u);
}

TEST(Params, EnumsRoundTripThroughText) {
  for (Seeding s : {Seeding::KMeansPlusPlus, Seeding::GreedyKMeansPlusPlus})
    EXPECT_EQ(seeding_from_string(to_string(s)), s);
  for (Assignment a : {Assignment::Blocked, Assignment::Hamerly}) EXPECT_EQ(assignment_from_string(to_string(a)), a);
  EXPECT_THROW(seeding_from_string("random"), InvalidInput);
  EXPECT_THROW(assignment_from_string("elkan"), InvalidInput);
}

TEST(Params, ParamSetBindsTheSegmentSection) {
  SegmentParams p;
  const ParamSet set = segment_param_set(p);
  EXPECT_EQ(set.section(), "segment");
  set.set_from_text("k", "7");
  set.set_from_text("blocks", "behavioural");
  EXPECT_EQ(p.kmeans.k, 7);
  EXPECT_EQ(p.blocks, "behavioural");
  EXPECT_THROW(set.set_from_text("nonsense", "1"), InvalidInput);
}

TEST(Params, DerivedSeedsAreDistinctAndStable) {
  std::set<uint64_t> seen;
  for (uint64_t stream = 0; stream < 4; ++stream)
    for (uint64_t i = 0; i < 100; ++i) seen.insert(derive_seed(42, stream, i));
  EXPECT_EQ(seen.size(), 400u);
  EXPECT_EQ(derive_seed(42, 1, 2), derive_seed(42, 1, 2));
  EXPECT_NE(derive_seed(42, 1, 2), derive_seed(43, 1, 2));
  EXPECT_GE(resolve_threads(0), 1);
  EXPECT_EQ(resolve_threads(3), 3);
}

}  // namespace
}  // namespace fincoach::segment
