#include "fincoach/segment/model.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"

namespace fincoach::segment {
namespace {

using json = nlohmann::json;

/// Nearest centroid of a row given by value(t) for clustered column t.
template <typename Value>
SegmentAssignment nearest(const SegmentModel& model, Value&& value) {
  const size_t k = model.centroids.rows;
  const size_t d = model.columns.size();
  FINCOACH_ASSERT(k > 0 && model.centroids.cols == d);
  double d1 = std::numeric_limits<double>::infinity(), d2 = d1;
  int32_t best = 0;
  for (size_t j = 0; j < k; ++j) {
    const double* c = model.centroids.row(j);
    double s = 0.0;
    for (size_t t = 0; t < d; ++t) {
      const double diff = value(t) - c[t];
      s += diff * diff;
    }
    if (s < d1) {
      d2 = d1;
      d1 = s;
      best = static_cast<int32_t>(j);
    } else if (s < d2) {
      d2 = s;
    }
  }
  SegmentAssignment a;
  a.segment = best;
  a.distance = std::sqrt(d1);
  a.confidence = k == 1 || d2 <= 0.0 ? 1.0 : 1.0 - std::sqrt(d1) / std::sqrt(d2);
  return a;
}

/// A model built in code may leave weights empty: every column then weighs 1.
double column_weight(const SegmentModel& model, size_t t) {
  return model.weights.empty() ? 1.0 : model.weights[t];
}

void check_row(const SegmentModel& model, size_t length) {
  if (!model.weights.empty() && model.weights.size() != model.columns.size())
    throw InvalidInput(fmt::format("segment assignment: the model has {} weights for {} columns", model.weights.size(),
                                   model.columns.size()));
  if (length != model.feature_names.size())
    throw InvalidInput(fmt::format("segment assignment: the row has {} features, the model's schema '{}' has {}",
                                   length, model.schema_name, model.feature_names.size()));
}

template <typename T>
T required(const json& j, const char* key) {
  if (!j.contains(key)) throw InvalidInput(fmt::format("segmentation model: missing key '{}'", key));
  try {
    return j.at(key).get<T>();
  } catch (const json::exception& e) {
    throw InvalidInput(fmt::format("segmentation model: key '{}' has the wrong type ({})", key, e.what()));
  }
}

json params_json(const KMeansParams& p) {
  return {{"k", p.k},
          {"n_init", p.n_init},
          {"max_iter", p.max_iter},
          {"tol", p.tol},
          {"seeding", to_string(p.seeding)},
          {"local_trials", p.local_trials},
          {"seeding_sample", p.seeding_sample},
          {"assignment", to_string(p.assignment)},
          {"seed", p.seed}};
}

KMeansParams params_from_json(const json& j) {
  KMeansParams p;
  p.k = required<int>(j, "k");
  p.n_init = required<int>(j, "n_init");
  p.max_iter = required<int>(j, "max_iter");
  p.tol = required<double>(j, "tol");
  p.seeding = seeding_from_string(required<std::string>(j, "seeding"));
  p.local_trials = required<int>(j, "local_trials");
  p.seeding_sample = required<uint64_t>(j, "seeding_sample");
  p.assignment = assignment_from_string(required<std::string>(j, "assignment"));
  p.seed = required<uint64_t>(j, "seed");
  return p;
}

}  // namespace

SegmentAssignment assign(const SegmentModel& model, std::span<const float> scaled_row) {
  check_row(model, scaled_row.size());
  return nearest(model,
                 [&](size_t t) { return static_cast<double>(scaled_row[model.columns[t]]) * column_weight(model, t); });
}

SegmentAssignment assign_unscaled(const SegmentModel& model, std::span<const float> raw_row,
                                  std::span<const uint8_t> missing) {
  check_row(model, raw_row.size());
  if (missing.size() != raw_row.size())
    throw InvalidInput(
        fmt::format("segment assignment: {} missing flags for {} features", missing.size(), raw_row.size()));
  return nearest(model, [&](size_t t) {
    const uint32_t c = model.columns[t];
    const double v = missing[c] != 0 ? model.median[t] : static_cast<double>(raw_row[c]);
    return (v - model.mean[t]) / model.scale[t] * column_weight(model, t);
  });
}

json model_to_json(const SegmentModel& m) {
  json centroids = json::array();
  for (size_t j = 0; j < m.centroids.rows; ++j)
    centroids.push_back(std::vector<double>(m.centroids.row(j), m.centroids.row(j) + m.centroids.cols));
  json segments = json::array();
  for (size_t s = 0; s < m.segments.size(); ++s) {
    const SegmentInfo& i = m.segments[s];
    segments.push_back({{"id", s},
                        {"name", i.name},
                        {"persona", i.persona},
                        {"persona_score", i.persona_score},
                        {"size", i.size},
                        {"share", i.share},
                        {"description", i.description}});
  }
  std::vector<std::string> column_names;
  for (uint32_t c : m.columns) column_names.push_back(m.feature_names.at(c));
  return {
      {"format", "fincoach-segmentation"},
      {"version", m.version},
      {"schema", {{"name", m.schema_name}, {"version", m.schema_version}, {"feature_names", m.feature_names}}},
      {"window_weeks", m.window_weeks},
      {"columns", m.columns},
      {"column_names", column_names},
      {"weights", m.weights.empty() ? std::vector<double>(m.columns.size(), 1.0) : m.weights},
      {"scaler",
       {{"pipeline_fingerprint", m.pipeline_fingerprint}, {"median", m.median}, {"mean", m.mean}, {"scale", m.scale}}},
      {"centroids", centroids},
      {"segments", segments},
      {"params", params_json(m.params)},
      {"inertia", m.inertia},
      {"training_rows", m.training_rows}};
}

SegmentModel model_from_json(const json& j) {
  if (!j.is_object()) throw InvalidInput("segmentation model: the document is not a JSON object");
  SegmentModel m;
  m.version = required<int>(j, "version");
  if (m.version > k_segment_model_version)
    throw InvalidInput(fmt::format("segmentation model: version {} is newer than this program's {}", m.version,
                                   k_segment_model_version));
  const json schema = required<json>(j, "schema");
  m.schema_name = required<std::string>(schema, "name");
  m.schema_version = required<int>(schema, "version");
  m.feature_names = required<std::vector<std::string>>(schema, "feature_names");
  m.window_weeks = required<int>(j, "window_weeks");
  m.columns = required<std::vector<uint32_t>>(j, "columns");
  // Version 1 files predate block weights: every column weighed 1.
  m.weights = m.version >= 2 ? required<std::vector<double>>(j, "weights") : std::vector<double>(m.columns.size(), 1.0);
  const json scaler = required<json>(j, "scaler");
  m.pipeline_fingerprint = required<std::string>(scaler, "pipeline_fingerprint");
  m.median = required<std::vector<double>>(scaler, "median");
  m.mean = required<std::vector<double>>(scaler, "mean");
  m.scale = required<std::vector<double>>(scaler, "scale");
  const auto rows = required<std::vector<std::vector<double>>>(j, "centroids");
  const size_t d = m.columns.size();
  if (rows.empty()) throw InvalidInput("segmentation model: 'centroids' is empty");
  m.centroids = Matrix(rows.size(), d);
  for (size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != d)
      throw InvalidInput(
          fmt::format("segmentation model: centroid {} has {} values for {} columns", r, rows[r].size(), d));
    std::copy(rows[r].begin(), rows[r].end(), m.centroids.row(r));
  }
  for (uint32_t c : m.columns)
    if (c >= m.feature_names.size())
      throw InvalidInput(
          fmt::format("segmentation model: column {} is outside the schema's {} features", c, m.feature_names.size()));
  if (m.median.size() != d || m.mean.size() != d || m.scale.size() != d)
    throw InvalidInput("segmentation model: the scaler's median, mean and scale must have one value per column");
  if (m.weights.size() != d) throw InvalidInput("segmentation model: 'weights' must have one value per column");
  for (double w : m.weights)
    if (!std::isfinite(w) || w <= 0.0)
      throw InvalidInput(fmt::format("segmentation model: weight {} is not a positive number", w));
  for (const json& s : required<json>(j, "segments")) {
    SegmentInfo i;
    i.name = required<std::string>(s, "name");
    i.persona = required<std::string>(s, "persona");
    i.persona_score = required<double>(s, "persona_score");
    i.size = required<uint64_t>(s, "size");
    i.share = required<double>(s, "share");
    i.description = required<std::string>(s, "description");
    m.segments.push_back(std::move(i));
  }
  if (m.segments.size() != m.centroids.rows)
    throw InvalidInput(
        fmt::format("segmentation model: {} segments for {} centroids", m.segments.size(), m.centroids.rows));
  m.params = params_from_json(required<json>(j, "params"));
  m.inertia = required<double>(j, "inertia");
  m.training_rows = required<uint64_t>(j, "training_rows");
  return m;
}

void save_model(const SegmentModel& model, const std::string& path) {
  write_file_atomic(path, model_to_json(model).dump(2) + "\n");
}

SegmentModel load_model(const std::string& path) {
  const std::string text = read_text_file(path);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw InvalidInput(fmt::format("{}: not valid JSON ({})", path, e.what()));
  }
  try {
    return model_from_json(j);
  } catch (const InvalidInput& e) {
    throw InvalidInput(fmt::format("{}: {}", path, e.what()));
  }
}

}  // namespace fincoach::segment
