#include "profiles.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "fincoach/common/error.hpp"

namespace fincoach::segment {
namespace detail {
namespace {

/// Features named in a persona text.
constexpr size_t k_text_features = 3;

std::string readable(const std::string& feature) {
  std::string out = feature;
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::string percent(double share) {
  return fmt::format("{:.1f}%", 100.0 * share);
}

/// Means of raw (present values) and scaled features per segment, and the raw overall mean.
void feature_means(Segmentation& s, const features::FeatureMatrix& raw, const features::FeatureMatrix& scaled) {
  const size_t k = s.model.centroids.rows;
  const size_t f = raw.cols();
  std::vector<double> raw_sum(k * f, 0.0), scaled_sum(k * f, 0.0), all_sum(f, 0.0);
  std::vector<uint64_t> raw_n(k * f, 0), all_n(f, 0), size(k, 0);
  for (size_t r = 0; r < raw.rows; ++r) {
    const auto seg = static_cast<size_t>(s.labels[r]);
    ++size[seg];
    for (size_t c = 0; c < f; ++c) {
      scaled_sum[seg * f + c] += scaled.values[r * f + c];
      if (raw.missing[r * f + c] != 0) continue;
      const double v = raw.values[r * f + c];
      raw_sum[seg * f + c] += v;
      ++raw_n[seg * f + c];
      all_sum[c] += v;
      ++all_n[c];
    }
  }
  s.overall_raw_mean.assign(f, 0.0);
  for (size_t c = 0; c < f; ++c)
    if (all_n[c] > 0) s.overall_raw_mean[c] = all_sum[c] / static_cast<double>(all_n[c]);
  s.profiles.assign(k, SegmentProfile{});
  for (size_t seg = 0; seg < k; ++seg) {
    SegmentProfile& p = s.profiles[seg];
    p.size = size[seg];
    p.share = raw.rows > 0 ? static_cast<double>(size[seg]) / static_cast<double>(raw.rows) : 0.0;
    p.raw_mean.resize(f);
    p.scaled_mean.resize(f);
    for (size_t c = 0; c < f; ++c) {
      const size_t i = seg * f + c;
      p.raw_mean[c] = raw_n[i] > 0 ? raw_sum[i] / static_cast<double>(raw_n[i]) : s.overall_raw_mean[c];
      p.scaled_mean[c] = size[seg] > 0 ? scaled_sum[i] / static_cast<double>(size[seg]) : 0.0;
    }
  }
}

std::string describe(const Segmentation& s, size_t seg) {
  const SegmentProfile& p = s.profiles[seg];
  const auto personas = persona_templates();
  std::string text = fmt::format("{}: {} users ({}).", s.names.name[seg], p.size, percent(p.share));
  const int32_t persona = s.names.persona[seg];
  if (persona >= 0) {
    const PersonaTemplate& t = personas[static_cast<size_t>(persona)];
    text += fmt::format(" Like the {} persona, this segment {} (persona score {:.2f} sd).", t.name, t.summary,
                        s.names.score[seg]);
  } else {
    size_t best = 0;
    for (size_t q = 1; q < personas.size(); ++q)
      if (s.names.scores.at(seg, q) > s.names.scores.at(seg, best)) best = q;
    text += fmt::format(" It fits none of the five personas well (closest: {}, score {:.2f} sd).", personas[best].name,
                        s.names.scores.at(seg, best));
  }
  // The clustered features on which the segment departs most from everyone.
  std::vector<uint32_t> order = s.columns;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return std::abs(p.scaled_mean[a]) > std::abs(p.scaled_mean[b]); });
  std::vector<std::string> parts;
  for (size_t i = 0; i < std::min(k_text_features, order.size()); ++i) {
    const uint32_t c = order[i];
    parts.push_back(fmt::format("{} {} vs {} ({:+.1f} sd)", readable(s.model.feature_names[c]),
                                format_value(p.raw_mean[c]), format_value(s.overall_raw_mean[c]), p.scaled_mean[c]));
  }
  if (!parts.empty()) {
    text += " Compared with all users: ";
    for (size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? "" : "; ") + parts[i];
    text += ".";
  }
  return text;
}

}  // namespace

std::string format_value(double value) {
  const double a = std::abs(value);
  if (a >= 100.0) return fmt::format("{:.0f}", value);
  if (a >= 1.0) return fmt::format("{:.2f}", value);
  return fmt::format("{:.3f}", value);
}

void build_profiles(Segmentation& s, const features::FeatureMatrix& raw, const features::FeatureMatrix& scaled,
                    const NamingParams& naming) {
  FINCOACH_ASSERT(s.labels.size() == raw.rows && scaled.rows == raw.rows);
  feature_means(s, raw, scaled);
  const size_t k = s.profiles.size();
  Matrix scaled_means(k, raw.cols());
  for (size_t seg = 0; seg < k; ++seg)
    std::copy(s.profiles[seg].scaled_mean.begin(), s.profiles[seg].scaled_mean.end(), scaled_means.row(seg));
  s.dims = profile_dims(s.model.feature_names, scaled_means);
  s.names = name_segments(s.dims, naming);
  const auto personas = persona_templates();
  s.model.segments.clear();
  for (size_t seg = 0; seg < k; ++seg) {
    s.profiles[seg].dims = s.dims.z[seg];
    SegmentInfo info;
    info.name = s.names.name[seg];
    const int32_t persona = s.names.persona[seg];
    info.persona = persona >= 0 ? std::string(personas[static_cast<size_t>(persona)].key) : std::string();
    info.persona_score = s.names.score[seg];
    info.size = s.profiles[seg].size;
    info.share = s.profiles[seg].share;
    info.description = describe(s, seg);
    s.model.segments.push_back(std::move(info));
  }
}

}  // namespace detail

ComparisonTable comparison_table(const Segmentation& s) {
  ComparisonTable t;
  t.columns = {"segment", "users", "share"};
  for (size_t d = 0; d < k_profile_dims; ++d) t.columns.push_back(std::string(label(static_cast<ProfileDim>(d))));
  t.columns.push_back("persona score");
  t.columns.push_back("silhouette");
  t.columns.push_back("bootstrap Jaccard");
  for (size_t seg = 0; seg < s.profiles.size(); ++seg) {
    const SegmentProfile& p = s.profiles[seg];
    std::vector<std::string> row{s.names.name[seg], fmt::format("{}", p.size), fmt::format("{:.1f}%", 100.0 * p.share)};
    for (size_t d = 0; d < k_profile_dims; ++d)
      row.push_back(s.dims.available[d] ? fmt::format("{:+.2f}", p.dims[d]) : std::string("n/a"));
    row.push_back(fmt::format("{:.2f}", s.names.score[seg]));
    row.push_back(seg < s.silhouette.per_cluster.size() ? fmt::format("{:.3f}", s.silhouette.per_cluster[seg]) : "n/a");
    row.push_back(s.bootstrap_done
                      ? fmt::format("{:.2f} ({})", s.bootstrap.mean_jaccard[seg], to_string(s.bootstrap.verdict[seg]))
                      : std::string("n/a"));
    t.rows.push_back(std::move(row));
  }
  return t;
}

TruthComparison compare_with_truth(const Segmentation& s, std::span<const int32_t> persona) {
  if (persona.size() != s.labels.size())
    throw InvalidInput(fmt::format("truth comparison: {} personas for {} users", persona.size(), s.labels.size()));
  const size_t p_count = persona_templates().size();
  for (size_t i = 0; i < persona.size(); ++i)
    if (persona[i] < 0 || static_cast<size_t>(persona[i]) >= p_count)
      throw InvalidInput(
          fmt::format("truth comparison: persona {} of user {} is outside 0..{}", persona[i], i, p_count - 1));
  TruthComparison out;
  out.ari = adjusted_rand_index(s.labels, persona);
  const size_t k = s.profiles.size();
  out.table.assign(k, std::vector<uint64_t>(p_count, 0));
  for (size_t i = 0; i < persona.size(); ++i)
    ++out.table[static_cast<size_t>(s.labels[i])][static_cast<size_t>(persona[i])];
  for (size_t seg = 0; seg < k; ++seg) {
    const auto& row = out.table[seg];
    const auto top = static_cast<size_t>(std::max_element(row.begin(), row.end()) - row.begin());
    const uint64_t total = std::accumulate(row.begin(), row.end(), uint64_t{0});
    out.majority.push_back(static_cast<int32_t>(top));
    out.majority_share.push_back(total > 0 ? static_cast<double>(row[top]) / static_cast<double>(total) : 0.0);
    const bool match = s.names.persona[seg] == static_cast<int32_t>(top);
    out.name_matches.push_back(match);
    out.names_matching += match ? 1 : 0;
  }
  return out;
}

}  // namespace fincoach::segment
