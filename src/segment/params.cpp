#include "fincoach/segment/params.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <thread>

#include "fincoach/common/error.hpp"
#include "rng.hpp"

namespace fincoach::segment {
namespace {

template <typename T>
[[noreturn]] void bad(std::string_view field, T value, std::string_view rule) {
  throw InvalidInput(fmt::format("segment: {} = {} is invalid ({})", field, value, rule));
}

std::string trimmed(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(begin, end - begin + 1));
}

BlockWeight parse_block_item(const std::string& item) {
  BlockWeight out;
  const size_t colon = item.find(':');
  out.block = trimmed(std::string_view(item).substr(0, colon));
  if (out.block.empty()) bad("blocks", fmt::format("'{}'", item), "an item without a block name");
  if (colon == std::string::npos) return out;
  const std::string text = trimmed(std::string_view(item).substr(colon + 1));
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out.weight);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(out.weight) || out.weight <= 0.0 ||
      out.weight > 100.0)
    bad("blocks", fmt::format("'{}'", item), "a block weight must be a number in (0, 100]");
  return out;
}

}  // namespace

std::vector<BlockWeight> parse_blocks(const std::string& text) {
  std::vector<BlockWeight> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = trimmed(std::string_view(text).substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) continue;
    BlockWeight b = parse_block_item(item);
    for (const BlockWeight& seen : out)
      if (seen.block == b.block) bad("blocks", fmt::format("'{}'", text), fmt::format("'{}' is named twice", b.block));
    out.push_back(std::move(b));
  }
  if (out.empty()) bad("blocks", fmt::format("'{}'", text), "name at least one feature block");
  return out;
}

std::string_view to_string(Seeding seeding) {
  return seeding == Seeding::KMeansPlusPlus ? "kmeans++" : "greedy";
}

Seeding seeding_from_string(std::string_view text) {
  if (text == "kmeans++") return Seeding::KMeansPlusPlus;
  if (text == "greedy") return Seeding::GreedyKMeansPlusPlus;
  throw InvalidInput(fmt::format("segment: unknown seeding '{}' (kmeans++ or greedy)", text));
}

std::string_view to_string(Assignment assignment) {
  return assignment == Assignment::Blocked ? "blocked" : "hamerly";
}

Assignment assignment_from_string(std::string_view text) {
  if (text == "blocked") return Assignment::Blocked;
  if (text == "hamerly") return Assignment::Hamerly;
  throw InvalidInput(fmt::format("segment: unknown assignment '{}' (blocked or hamerly)", text));
}

void KMeansParams::validate() const {
  if (k < 1 || k > 64) bad("k", k, "1..64");
  if (n_init < 1) bad("n_init", n_init, "at least 1");
  if (max_iter < 1) bad("max_iter", max_iter, "at least 1");
  if (!(tol >= 0.0) || !std::isfinite(tol)) bad("tol", tol, "a finite number >= 0");
  if (local_trials < 0) bad("local_trials", local_trials, ">= 0; 0 picks 2 + ln k");
  if (threads < 0) bad("threads", threads, ">= 0; 0 uses every core");
}

void ChooseKParams::validate() const {
  if (k_min < 2) bad("k_min", k_min, "at least 2: silhouette needs two clusters");
  if (k_max <= k_min) bad("k_max", k_max, fmt::format("greater than k_min = {}", k_min));
  if (k_max > 64) bad("k_max", k_max, "at most 64");
  if (silhouette_sample < 2) bad("silhouette_sample", silhouette_sample, "at least 2");
  if (gap_references < 2) bad("gap_references", gap_references, "at least 2: the gap's spread needs two");
  if (n_init < 1) bad("choose_k_n_init", n_init, "at least 1");
}

void ValidationParams::validate() const {
  if (ward_sample == 1) bad("ward_sample", ward_sample, "0 to skip, else at least 2");
  if (ward_sample > 20000) bad("ward_sample", ward_sample, "at most 20000: Ward keeps n²/2 distances in memory");
  if (bootstrap < 0) bad("bootstrap", bootstrap, ">= 0; 0 skips the bootstrap");
  if (bootstrap_sample < 2) bad("bootstrap_sample", bootstrap_sample, "at least 2");
  if (!(stable_jaccard > 0.0 && stable_jaccard <= 1.0)) bad("stable_jaccard", stable_jaccard, "in (0, 1]");
  if (!(dissolved_jaccard >= 0.0 && dissolved_jaccard < stable_jaccard))
    bad("dissolved_jaccard", dissolved_jaccard, fmt::format("in [0, stable_jaccard = {})", stable_jaccard));
}

void NamingParams::validate() const {
  if (!std::isfinite(min_persona_score)) bad("min_persona_score", min_persona_score, "a finite number");
}

void SegmentParams::validate() const {
  kmeans.validate();
  choose_k.validate();
  validation.validate();
  naming.validate();
  parse_blocks(blocks);
  if (scatter_points < 1) bad("scatter_points", scatter_points, "at least 1");
  if (window_weeks < 1 || window_weeks > 260) bad("window_weeks", window_weeks, "1..260");
}

ParamSet segment_param_set(SegmentParams& p) {
  ParamSet set("segment");
  set.add("k", &p.kmeans.k, "number of segments (the product ships 5)");
  set.add("n_init", &p.kmeans.n_init, "k-means++ initialisations; the lowest inertia is kept");
  set.add("max_iter", &p.kmeans.max_iter, "Lloyd iterations per initialisation at most");
  set.add("tol", &p.kmeans.tol, "converged when the squared centre shift <= tol x mean column variance");
  set.add("seeding_sample", &p.kmeans.seeding_sample,
          "above this many rows, each init seeds and warms up on a seeded sample of this many (0: all rows)");
  set.add("blocks", &p.blocks,
          "feature blocks clustered on, comma-separated, each with an optional weight (base,behavioural,goal:0.5)");
  set.add("window_weeks", &p.window_weeks, "users are the mean of this many weekly snapshots ending on the as-of day");
  set.add("choose_k", &p.choose_k_enabled, "also report which k the data prefers (elbow, silhouette, gap)");
  set.add("k_min", &p.choose_k.k_min, "smallest k tried when choosing k (>= 2)");
  set.add("k_max", &p.choose_k.k_max, "largest k tried when choosing k");
  set.add("choose_k_sample", &p.choose_k.sample_size, "rows sampled for choosing k (0: all)");
  set.add("choose_k_n_init", &p.choose_k.n_init, "initialisations per fit while choosing k");
  set.add("silhouette_sample", &p.choose_k.silhouette_sample,
          "silhouette is exact up to this many rows, else computed on a seeded sample of this many");
  set.add("gap_references", &p.choose_k.gap_references, "uniform reference data sets of the gap statistic (B)");
  set.add("ward_sample", &p.validation.ward_sample, "rows clustered by Ward's method to cross-check k-means (0: skip)");
  set.add("bootstrap", &p.validation.bootstrap, "bootstrap resamples for per-segment stability (0: skip)");
  set.add("bootstrap_sample", &p.validation.bootstrap_sample, "rows the bootstrap resamples are drawn from");
  set.add("stable_jaccard", &p.validation.stable_jaccard,
          "mean bootstrap Jaccard at or above which a segment is stable");
  set.add("dissolved_jaccard", &p.validation.dissolved_jaccard,
          "bootstrap Jaccard at or below which a segment counts as dissolved");
  set.add("min_persona_score", &p.naming.min_persona_score,
          "least persona score (in standard deviations) for a segment to take a persona's name");
  set.add("scatter_points", &p.scatter_points, "points of the PCA scatter kept for the report");
  return set;
}

int resolve_threads(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

uint64_t derive_seed(uint64_t seed, uint64_t stream, uint64_t index) {
  uint64_t state = seed;
  uint64_t mixed = detail::splitmix64(state);
  state = mixed ^ (stream * 0xd1b54a32d192ed03ULL);
  mixed = detail::splitmix64(state);
  state = mixed ^ (index * 0x8cb92ba72f3d8dd7ULL);
  return detail::splitmix64(state);
}

}  // namespace fincoach::segment
