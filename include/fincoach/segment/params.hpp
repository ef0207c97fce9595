#pragma once
// Tunables of segmentation (config section [segment]). Every random step derives its seed
// from `seed` and an index (init, bootstrap replicate, reference data set), so results never
// depend on the thread count. Defaults and their reasons: docs/segmentation.md.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fincoach/common/params.hpp"

namespace fincoach::segment {

/// How the initial centres are drawn.
enum class Seeding : uint8_t {
  /// k-means++ (Arthur & Vassilvitskii 2007): each next centre drawn with probability ∝ D².
  KMeansPlusPlus,
  /// Greedy k-means++ (scikit-learn's default): draw `local_trials` candidates ∝ D² and keep
  /// the one that lowers the potential most.
  GreedyKMeansPlusPlus,
};
/// "kmeans++", "greedy".
std::string_view to_string(Seeding seeding);
/// Throws InvalidInput naming the text.
Seeding seeding_from_string(std::string_view text);

/// How Lloyd's assignment step finds each row's nearest centre. Both give the same
/// clustering; bench/results/segment.md has the measurement behind the default.
enum class Assignment : uint8_t {
  /// Every distance every iteration, blocked: ||x||² − 2 x·c + ||c||² with x·c as a
  /// matrix product over blocks of rows.
  Blocked,
  /// Hamerly's bounds (2010): one upper and one lower bound per row skip most distance
  /// computations once centres settle; cluster sums are updated only for rows that move.
  Hamerly,
};
/// "blocked", "hamerly".
std::string_view to_string(Assignment assignment);
/// Throws InvalidInput naming the text.
Assignment assignment_from_string(std::string_view text);

struct KMeansParams {
  /// Number of clusters; the product ships the plan's 5 segments.
  int k = 5;
  /// Independent initialisations; the one with the lowest inertia is kept (at least 1).
  int n_init = 10;
  /// Lloyd iterations per initialisation at most (at least 1).
  int max_iter = 300;
  /// Converged when the summed squared centre shift of an iteration is at most
  /// tol × the mean per-column variance of the data (scikit-learn's rule), or when no row
  /// changes cluster (≥ 0).
  double tol = 1e-4;
  /// Initial centres.
  Seeding seeding = Seeding::GreedyKMeansPlusPlus;
  /// Candidates per centre of greedy seeding (0: 2 + floor(ln k), scikit-learn's choice).
  int local_trials = 0;
  /// Above this many rows, each init draws a fresh seeded sample of this many, seeds
  /// k-means++ on it and runs Lloyd on it to convergence (a warm start); Lloyd then always
  /// runs on every row to convergence. 0: seed on all rows, no warm start.
  uint64_t seeding_sample = 20000;
  /// Assignment step (see Assignment).
  Assignment assignment = Assignment::Hamerly;
  /// Seed of every random step; init i uses a seed derived from (seed, i).
  uint64_t seed = 42;
  /// Worker threads (0: every core); inits run in parallel. Results are identical for any
  /// value. Not a config key: it is the program's global --threads.
  int threads = 0;

  /// Throws InvalidInput naming the field and the bad value.
  void validate() const;
  bool operator==(const KMeansParams&) const = default;
};

/// Choosing k over a range: elbow, silhouette and gap statistic.
struct ChooseKParams {
  /// Smallest k tried (at least 2: silhouette needs two clusters). The gap statistic also
  /// evaluates k = 1, so it can say the data has no cluster structure.
  int k_min = 2;
  /// Largest k tried (> k_min).
  int k_max = 10;
  /// The fits for choosing k run on a seeded sample of at most this many rows (0: all rows).
  uint64_t sample_size = 5000;
  /// Silhouette is exact up to this many rows and computed on a seeded sample of this many
  /// rows above it (at least 2).
  uint64_t silhouette_sample = 5000;
  /// Reference data sets of the gap statistic (B; at least 2), uniform in the
  /// principal-component-aligned box of the data (Tibshirani, Walther & Hastie 2001).
  int gap_references = 10;
  /// Initialisations of each k-means fit while choosing k (the reference fits included).
  int n_init = 3;

  /// Throws InvalidInput naming the field and the bad value.
  void validate() const;
};

/// Validation of a fitted segmentation.
struct ValidationParams {
  /// Rows of the seeded sample clustered by Ward's method to cross-check k-means
  /// (O(n²) memory: 3000 rows take 36 MB; at least 2, 0: skip).
  uint64_t ward_sample = 2000;
  /// Bootstrap resamples for per-segment stability (clusterboot; 0: skip).
  int bootstrap = 20;
  /// Bootstrap resamples are drawn from a seeded sample of at most this many rows.
  uint64_t bootstrap_sample = 5000;
  /// A segment whose mean bootstrap Jaccard is at least this is called stable (clusterboot's
  /// 0.75).
  double stable_jaccard = 0.75;
  /// A resample in which a segment's best Jaccard is at most this counts as dissolving it,
  /// and a mean at most this calls the segment dissolved (clusterboot's 0.5).
  double dissolved_jaccard = 0.5;

  /// Throws InvalidInput naming the field and the bad value.
  void validate() const;
};

/// Naming segments after personas.
struct NamingParams {
  /// A segment takes a persona's name only when its profile scores at least this against
  /// the persona (mean agreement in standard deviations; see docs/segmentation.md).
  double min_persona_score = 0.2;

  /// Throws InvalidInput naming the field and the bad value.
  void validate() const;
};

/// Everything `fincoach segment` and the pipeline's segment stage need.
struct SegmentParams {
  KMeansParams kmeans;
  ChooseKParams choose_k;
  ValidationParams validation;
  NamingParams naming;
  /// Feature blocks clustered on, comma-separated (see features::FeatureBlock), each with an
  /// optional weight after a colon ("goal:0.5"; default 1) that multiplies its scaled columns.
  /// The segment one-hot and peer blocks depend on a segmentation and the temporal block on
  /// the calendar, so they are left out. The goal block's five columns all follow from one
  /// fact (whether and how a user runs a goal), so at weight 1 that fact would count five
  /// times; bench/results/segment.md has the measurement behind 0.5.
  std::string blocks = "base,behavioural,goal:0.5";
  /// Users are described by the mean of this many weekly snapshots of the enhanced state
  /// ending on the as-of day (1: the as-of snapshot alone). Habits, not the week's phase in
  /// the pay cycle or one unusual month, should decide a segment; bench/results/segment.md
  /// has the measurement behind half a year.
  int window_weeks = 26;
  /// Run the k selection (elbow, silhouette, gap) besides fitting the product's k.
  bool choose_k_enabled = true;
  /// Points of the PCA scatter kept for the report (a seeded sample; all when fewer).
  uint64_t scatter_points = 2000;

  /// Throws InvalidInput naming the field and the bad value.
  void validate() const;
};

/// Binds the fields (threads and enum choices excepted) to the "segment" config section and
/// command flags.
ParamSet segment_param_set(SegmentParams& params);

/// One entry of SegmentParams::blocks: a block name and the weight of its columns.
struct BlockWeight {
  std::string block;
  double weight = 1.0;
};

/// Parses "base,behavioural,goal:0.5" (names as written; spaces around items ignored).
/// Throws InvalidInput naming the item when a weight is not a finite number in (0, 100] or
/// a name is empty or repeated. Block names are checked where the schema is known.
std::vector<BlockWeight> parse_blocks(const std::string& text);

/// Worker threads for a requested count (0: every core), at least 1.
int resolve_threads(int requested);

/// A seed derived from (seed, stream, index) by SplitMix64 mixing: the seeds of inits,
/// replicates and reference sets are independent of each other and of the thread count.
uint64_t derive_seed(uint64_t seed, uint64_t stream, uint64_t index);

}  // namespace fincoach::segment
