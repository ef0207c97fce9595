#include "fincoach/features/feature_pipeline.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <xxhash.h>

#include <nlohmann/json.hpp>

#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"

namespace fincoach::features {
namespace {

using json = nlohmann::json;

constexpr int k_pipeline_format = 1;

double median_of(std::vector<double>& v) {
  if (v.empty()) return 0.0;
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return lower + (upper - lower) / 2.0;
}

template <typename T>
std::vector<T> read_array(const json& j, const char* key, size_t size) {
  const json& a = j.at(key);
  if (!a.is_array() || a.size() != size)
    throw InvalidInput(fmt::format("feature pipeline: '{}' must be an array of {} numbers", key, size));
  std::vector<T> out;
  out.reserve(size);
  for (const json& x : a) out.push_back(x.get<T>());
  return out;
}

}  // namespace

bool is_training_user(std::string_view user_id, uint64_t seed, double train_fraction) {
  const uint64_t h = XXH3_64bits_withSeed(user_id.data(), user_id.size(), seed);
  const double u = static_cast<double>(h >> 11) * 0x1.0p-53;
  return u < train_fraction;
}

std::vector<uint8_t> training_mask(const Ledger& ledger, uint64_t seed, double train_fraction) {
  if (!(train_fraction > 0.0 && train_fraction <= 1.0))
    throw InvalidInput(fmt::format("train_fraction = {}: must be in (0, 1]", train_fraction));
  std::vector<uint8_t> mask(ledger.user_count());
  for (uint32_t u = 0; u < ledger.user_count(); ++u)
    mask[u] = is_training_user(ledger.users.at(u), seed, train_fraction) ? 1 : 0;
  return mask;
}

FeaturePipeline FeaturePipeline::fit(const FeatureMatrix& m, std::span<const uint8_t> train_mask) {
  if (train_mask.size() != m.rows)
    throw InvalidInput(fmt::format("feature pipeline: training mask of {} rows for a matrix of {}", train_mask.size(),
                                   m.rows));
  FeaturePipeline p;
  p.schema_ = m.schema;
  for (uint8_t t : train_mask) p.training_rows_ += t ? 1 : 0;
  if (p.training_rows_ == 0) throw InvalidInput("feature pipeline: the training split selects no row");
  const size_t cols = m.cols();
  p.median_.resize(cols);
  p.mean_.resize(cols);
  p.scale_.resize(cols);
  p.zero_variance_.resize(cols);
  std::vector<double> present;
  for (size_t c = 0; c < cols; ++c) {
    present.clear();
    for (size_t r = 0; r < m.rows; ++r)
      if (train_mask[r] && !m.missing[r * cols + c]) present.push_back(m.values[r * cols + c]);
    p.median_[c] = median_of(present);
    auto value = [&](size_t r) { return m.missing[r * cols + c] ? p.median_[c] : static_cast<double>(m.values[r * cols + c]); };
    double sum = 0.0;
    for (size_t r = 0; r < m.rows; ++r)
      if (train_mask[r]) sum += value(r);
    const double mean = sum / static_cast<double>(p.training_rows_);
    double sq = 0.0;
    for (size_t r = 0; r < m.rows; ++r)
      if (train_mask[r]) sq += (value(r) - mean) * (value(r) - mean);
    const double sd = std::sqrt(sq / static_cast<double>(p.training_rows_));
    p.mean_[c] = mean;
    // A constant dimension keeps scale 1 (it becomes 0 after centring) and is flagged, so
    // later stages can drop it; relative tolerance because float inputs carry rounding.
    const bool constant = !(sd > 1e-12 * std::max(1.0, std::abs(mean)));
    p.zero_variance_[c] = constant ? 1 : 0;
    p.scale_[c] = constant ? 1.0 : sd;
  }
  return p;
}

void FeaturePipeline::transform_row(std::span<float> row, std::span<const uint8_t> missing) const {
  if (!fitted()) throw NotFitted("feature pipeline: transform before fit or load");
  if (row.size() != mean_.size() || missing.size() != mean_.size())
    throw InvalidInput(fmt::format("feature pipeline: a row of {} values for a schema of {}", row.size(), mean_.size()));
  for (size_t c = 0; c < row.size(); ++c) {
    const double x = missing[c] ? median_[c] : static_cast<double>(row[c]);
    row[c] = static_cast<float>((x - mean_[c]) / scale_[c]);
  }
}

FeatureMatrix FeaturePipeline::transform(const FeatureMatrix& m) const {
  if (!fitted()) throw NotFitted("feature pipeline: transform before fit or load");
  if (m.schema.names() != schema_.names() || m.schema.version != schema_.version)
    throw InvalidInput(fmt::format("feature pipeline: fitted on schema '{}' v{} ({} dims), given '{}' v{} ({} dims)",
                                   schema_.name, schema_.version, schema_.size(), m.schema.name, m.schema.version,
                                   m.schema.size()));
  FeatureMatrix out = m;
  for (size_t r = 0; r < m.rows; ++r)
    transform_row(std::span<float>(out.values.data() + r * m.cols(), m.cols()), m.row_missing(r));
  std::fill(out.missing.begin(), out.missing.end(), uint8_t{0});
  return out;
}

json FeaturePipeline::to_json() const {
  // nlohmann writes the shortest decimal that reads back to the same double, and reads
  // with correct rounding, so every parameter round-trips bit for bit (tested).
  return {{"format", k_pipeline_format},
          {"steps", {"median_imputation", "standard_scaling"}},
          {"schema", schema_.to_json()},
          {"training_rows", training_rows_},
          {"median", median_},
          {"mean", mean_},
          {"scale", scale_},
          {"zero_variance", zero_variance_}};
}

FeaturePipeline FeaturePipeline::from_json(const json& j) {
  try {
    if (j.at("format").get<int>() != k_pipeline_format)
      throw InvalidInput(fmt::format("feature pipeline: format {} is not {}", j.at("format").dump(), k_pipeline_format));
    FeaturePipeline p;
    p.schema_ = FeatureSchema::from_json(j.at("schema"));
    p.training_rows_ = j.at("training_rows").get<uint64_t>();
    const size_t n = p.schema_.size();
    p.median_ = read_array<double>(j, "median", n);
    p.mean_ = read_array<double>(j, "mean", n);
    p.scale_ = read_array<double>(j, "scale", n);
    p.zero_variance_ = read_array<uint8_t>(j, "zero_variance", n);
    for (size_t c = 0; c < n; ++c)
      if (!(p.scale_[c] > 0.0) || !std::isfinite(p.mean_[c]) || !std::isfinite(p.median_[c]))
        throw InvalidInput(fmt::format("feature pipeline: dimension {} ({}) has a bad scale, mean or median", c,
                                       p.schema_.features[c].name));
    return p;
  } catch (const json::exception& e) {
    throw InvalidInput(fmt::format("feature pipeline: {}", e.what()));
  }
}

void FeaturePipeline::save(const std::string& path) const { write_file_atomic(path, to_json().dump(1) + "\n"); }

FeaturePipeline FeaturePipeline::load(const std::string& path) {
  const std::string text = read_text_file(path);
  try {
    return from_json(json::parse(text));
  } catch (const json::exception& e) {
    throw InvalidInput(fmt::format("{}: not JSON: {}", path, e.what()));
  } catch (const InvalidInput& e) {
    throw InvalidInput(fmt::format("{}: {}", path, e.what()));
  }
}

}  // namespace fincoach::features
