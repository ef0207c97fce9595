#include "fincoach/segment/segmentation.hpp"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "fincoach/common/error.hpp"
#include "profiles.hpp"
#include "sampling.hpp"

namespace fincoach::segment {
namespace {

constexpr uint64_t k_pca_stream = 51;
constexpr uint64_t k_scatter_stream = 52;
constexpr uint64_t k_silhouette_stream = 53;
/// Rows the 2-D PCA is fitted on at most (a seeded sample of the training rows).
constexpr uint64_t k_pca_rows = 50000;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}


std::vector<features::FeatureBlock> block_list(const std::string& blocks) {
  std::vector<features::FeatureBlock> out;
  for (const BlockWeight& b : parse_blocks(blocks)) out.push_back(features::feature_block_from_string(b.block));
  return out;
}

std::vector<uint32_t> training_rows(std::span<const uint8_t> mask, size_t rows) {
  if (!mask.empty() && mask.size() != rows)
    throw InvalidInput(fmt::format("segment: the training mask has {} entries for {} rows", mask.size(), rows));
  std::vector<uint32_t> out;
  for (size_t r = 0; r < rows; ++r)
    if (mask.empty() || mask[r] != 0) out.push_back(static_cast<uint32_t>(r));
  return out;
}

SegmentModel make_model(const features::FeatureSchema& schema, const features::FeaturePipeline& pipeline,
                        const std::vector<uint32_t>& columns, const std::vector<double>& weights,
                        const KMeansResult& fit, const KMeansParams& params) {
  SegmentModel m;
  m.schema_name = schema.name;
  m.schema_version = schema.version;
  m.feature_names = schema.names();
  m.columns = columns;
  m.weights = weights;
  m.pipeline_fingerprint = pipeline_fingerprint(pipeline);
  for (uint32_t c : columns) {
    m.median.push_back(pipeline.median()[c]);
    m.mean.push_back(pipeline.mean()[c]);
    m.scale.push_back(pipeline.scale()[c]);
  }
  m.centroids = fit.centroids;
  m.params = params;
  m.params.threads = 0;
  m.inertia = fit.inertia;
  m.training_rows = fit.labels.size();
  return m;
}

void assign_all(Segmentation& s, MatrixView x) {
  s.labels.resize(x.rows);
  s.confidence.resize(x.rows);
  const SegmentModel& m = s.model;
  for (size_t r = 0; r < x.rows; ++r) {
    double d1 = 0.0;
    const int32_t best = nearest_centroid(x.row_span(r), m.centroids.view(), &d1);
    double d2 = -1.0;
    for (size_t j = 0; j < m.centroids.rows; ++j) {
      if (static_cast<int32_t>(j) == best) continue;
      const double d = squared_distance(x.row(r), m.centroids.row(j), x.cols);
      if (d2 < 0.0 || d < d2) d2 = d;
    }
    s.labels[r] = best;
    s.confidence[r] = d2 <= 0.0 ? 1.0f : static_cast<float>(1.0 - std::sqrt(d1) / std::sqrt(d2));
  }
}

void validate_fit(Segmentation& s, MatrixView x, MatrixView train, const SegmentParams& p) {
  const int k = p.kmeans.k;
  std::vector<int32_t> train_labels = s.fit.labels;
  if (k >= 2)
    s.silhouette = silhouette(x, s.labels, k, p.choose_k.silhouette_sample,
                              derive_seed(p.kmeans.seed, k_silhouette_stream, 0), p.kmeans.threads);
  if (p.validation.ward_sample >= 2 && train.rows >= std::max<size_t>(2, static_cast<size_t>(k))) {
    s.ward = ward_check(train, train_labels, k, p.validation.ward_sample, p.kmeans.seed);
    s.ward_done = true;
  }
  if (p.validation.bootstrap > 0 && train.rows >= static_cast<size_t>(k)) {
    s.bootstrap = bootstrap_stability(train, train_labels, p.kmeans, p.validation);
    s.bootstrap_done = true;
  }
}

void project(Segmentation& s, MatrixView x, MatrixView train, const SegmentParams& p) {
  const size_t components = std::min<size_t>(2, x.cols);
  const std::vector<uint32_t> rows =
      detail::sample_without_replacement(train.rows, k_pca_rows, derive_seed(p.kmeans.seed, k_pca_stream, 0));
  const Matrix sample = take_rows(train, rows);
  s.pca = fit_pca(sample.view(), components);
  s.coordinates = s.pca.project(x);
  s.scatter_rows =
      detail::sample_without_replacement(x.rows, p.scatter_points, derive_seed(p.kmeans.seed, k_scatter_stream, 0));
}

}  // namespace

std::string pipeline_fingerprint(const features::FeaturePipeline& pipeline) {
  const std::string text = pipeline.to_json().dump();
  return fmt::format("{:016x}", XXH3_64bits(text.data(), text.size()));
}

std::vector<uint32_t> clustered_columns(const features::FeatureSchema& schema, const std::string& blocks,
                                        const std::vector<uint8_t>& zero_variance, std::vector<std::string>* dropped) {
  const std::vector<features::FeatureBlock> wanted = block_list(blocks);
  std::vector<uint32_t> out;
  for (size_t c = 0; c < schema.size(); ++c) {
    if (std::find(wanted.begin(), wanted.end(), schema.features[c].block) == wanted.end()) continue;
    if (c < zero_variance.size() && zero_variance[c] != 0) {
      if (dropped != nullptr) dropped->push_back(schema.features[c].name);
      continue;
    }
    out.push_back(static_cast<uint32_t>(c));
  }
  if (out.empty())
    throw InvalidInput(
        fmt::format("segment: no usable feature in blocks '{}' (every one is absent or constant on the "
                    "training users)",
                    blocks));
  return out;
}

std::vector<double> clustered_weights(const features::FeatureSchema& schema, const std::string& blocks,
                                      const std::vector<uint32_t>& columns) {
  std::vector<features::FeatureBlock> wanted;
  std::vector<double> weight;
  for (const BlockWeight& b : parse_blocks(blocks)) {
    wanted.push_back(features::feature_block_from_string(b.block));
    weight.push_back(b.weight);
  }
  std::vector<double> out;
  out.reserve(columns.size());
  for (uint32_t c : columns) {
    FINCOACH_ASSERT(c < schema.size());
    const auto at = std::find(wanted.begin(), wanted.end(), schema.features[c].block);
    out.push_back(at == wanted.end() ? 1.0 : weight[static_cast<size_t>(at - wanted.begin())]);
  }
  return out;
}

Matrix clustered_matrix(const features::FeatureMatrix& scaled, const std::vector<uint32_t>& columns,
                        const std::vector<double>& weights) {
  Matrix x(scaled.rows, columns.size());
  FINCOACH_ASSERT(weights.size() == columns.size());
  for (size_t r = 0; r < scaled.rows; ++r) {
    const std::span<const float> row = scaled.row(r);
    double* out = x.row(r);
    for (size_t t = 0; t < columns.size(); ++t) out[t] = static_cast<double>(row[columns[t]]) * weights[t];
  }
  return x;
}

Segmentation segment_users(const features::FeatureMatrix& raw, const features::FeaturePipeline& pipeline,
                           const SegmentParams& params, std::span<const uint8_t> train_mask) {
  const auto start = std::chrono::steady_clock::now();
  params.validate();
  if (!pipeline.fitted()) throw NotFitted("segment: the feature pipeline is not fitted");
  if (!(raw.schema == pipeline.schema()))
    throw InvalidInput(
        fmt::format("segment: the feature matrix follows schema '{}' ({} features), the pipeline was "
                    "fitted on '{}' ({} features)",
                    raw.schema.name, raw.cols(), pipeline.schema().name, pipeline.schema().size()));
  Segmentation s;
  s.columns = clustered_columns(raw.schema, params.blocks, pipeline.zero_variance(), &s.dropped_constant);
  s.weights = clustered_weights(raw.schema, params.blocks, s.columns);
  const features::FeatureMatrix scaled = pipeline.transform(raw);
  const Matrix x = clustered_matrix(scaled, s.columns, s.weights);
  check_finite(x.view(), "segment: scaled features");
  const std::vector<uint32_t> train_index = training_rows(train_mask, x.rows);
  const Matrix train = train_index.size() == x.rows ? x : take_rows(x.view(), train_index);
  s.training_rows = train.rows;

  auto t = std::chrono::steady_clock::now();
  s.fit = fit_kmeans(train.view(), params.kmeans);
  s.model = make_model(raw.schema, pipeline, s.columns, s.weights, s.fit, params.kmeans);
  s.model.window_weeks = params.window_weeks;
  assign_all(s, x.view());
  s.seconds.kmeans = seconds_since(t);

  t = std::chrono::steady_clock::now();
  const uint64_t choose_rows =
      params.choose_k.sample_size == 0 ? train.rows : std::min<uint64_t>(train.rows, params.choose_k.sample_size);
  if (params.choose_k_enabled && choose_rows > static_cast<uint64_t>(params.choose_k.k_max)) {
    s.selection = choose_k(train.view(), params.kmeans, params.choose_k);
    s.choose_k_done = true;
  } else if (params.choose_k_enabled) {
    s.choose_k_skipped = fmt::format("choosing k skipped: {} training rows are too few for k up to {}", train.rows,
                                     params.choose_k.k_max);
  }
  s.seconds.choose_k = seconds_since(t);

  t = std::chrono::steady_clock::now();
  validate_fit(s, x.view(), train.view(), params);
  s.seconds.validation = seconds_since(t);

  t = std::chrono::steady_clock::now();
  project(s, x.view(), train.view(), params);
  detail::build_profiles(s, raw, scaled, params.naming);
  s.seconds.profiles = seconds_since(t);
  s.seconds.total = seconds_since(start);
  return s;
}

namespace {

void check_weeks(int weeks) {
  if (weeks < 1) throw InvalidInput(fmt::format("segment: window of {} weeks; it needs at least 1", weeks));
}

/// Per-cell mean over several snapshots of the cells present in each (missing cells skipped).
class PresentMean {
 public:
  explicit PresentMean(size_t cells) : sum_(cells, 0.0), present_(cells, 0) {}

  void reset() {
    std::fill(sum_.begin(), sum_.end(), 0.0);
    std::fill(present_.begin(), present_.end(), 0u);
  }

  void add(std::span<const float> values, std::span<const uint8_t> missing) {
    for (size_t c = 0; c < sum_.size(); ++c)
      if (missing[c] == 0) {
        sum_[c] += static_cast<double>(values[c]);
        ++present_[c];
      }
  }

  /// A cell present at least once gets its mean; a cell missing everywhere keeps its value
  /// in `values` (a stand-in) and is flagged missing.
  void finish(std::span<float> values, std::span<uint8_t> missing) const {
    for (size_t c = 0; c < sum_.size(); ++c) {
      if (present_[c] > 0) values[c] = static_cast<float>(sum_[c] / present_[c]);
      missing[c] = present_[c] > 0 ? 0 : 1;
    }
  }

 private:
  std::vector<double> sum_;
  std::vector<uint32_t> present_;
};

}  // namespace

features::FeatureMatrix window_profile(const Ledger& ledger, const features::FeatureContext& context,
                                       const features::FeatureParams& params, int32_t as_of_day, int weeks) {
  check_weeks(weeks);
  features::FeatureMatrix out;
  PresentMean mean(0);
  for (int w = 0; w < weeks; ++w) {
    const features::FeatureMatrix snap = features::extract_enhanced(ledger, context, params, as_of_day - 7 * w);
    if (w == 0) {
      out = snap;  // schema, shape, and the stand-ins of cells missing everywhere
      mean = PresentMean(snap.values.size());
    }
    mean.add(snap.values, snap.missing);
  }
  mean.finish(out.values, out.missing);
  return out;
}

void user_window_profile(const Ledger& ledger, uint32_t user, const features::FeatureContext& context,
                         const features::FeatureParams& params, int32_t as_of_day, int weeks, std::span<float> out,
                         std::span<uint8_t> missing) {
  check_weeks(weeks);
  const size_t cols = features::enhanced_schema(params).size();
  if (out.size() != cols || missing.size() != cols)
    throw InvalidInput(fmt::format("segment: a window row needs {} values and flags, got {} and {}", cols, out.size(),
                                   missing.size()));
  std::vector<float> snapshot(cols);
  std::vector<uint8_t> snapshot_missing(cols);
  PresentMean mean(cols);
  for (int w = 0; w < weeks; ++w) {
    features::user_enhanced_state(ledger, user, context, params, as_of_day - 7 * w, snapshot, snapshot_missing);
    if (w == 0) std::copy(snapshot.begin(), snapshot.end(), out.begin());  // stand-ins of cells missing everywhere
    mean.add(snapshot, snapshot_missing);
  }
  mean.finish(out, missing);
}

features::FeatureMatrix panel_window_profile(const features::WeeklyPanel& panel, size_t users, int weeks) {
  check_weeks(weeks);
  if (panel.user_offsets.size() != users + 1)
    throw InvalidInput(
        fmt::format("segment: the weekly panel has {} users, the ledger {}", panel.user_offsets.size() - 1, users));
  features::FeatureMatrix out;
  out.schema = panel.matrix.schema;
  out.resize(users);  // zeros: the stand-in of a cell missing in every week
  const size_t cols = out.cols();
  PresentMean mean(cols);
  for (size_t u = 0; u < users; ++u) {
    const uint64_t end = panel.user_offsets[u + 1];
    const uint64_t begin = std::max<uint64_t>(
        panel.user_offsets[u], end >= static_cast<uint64_t>(weeks) ? end - static_cast<uint64_t>(weeks) : 0);
    mean.reset();
    for (uint64_t r = begin; r < end; ++r)
      mean.add({panel.matrix.values.data() + r * cols, cols}, {panel.matrix.missing.data() + r * cols, cols});
    mean.finish({out.values.data() + u * cols, cols}, {out.missing.data() + u * cols, cols});
  }
  return out;
}

}  // namespace fincoach::segment
