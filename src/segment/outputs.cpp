// The segmentation's files: user_segments.csv, segment_profiles.json and the report's data.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/text.hpp"
#include "fincoach/segment/segmentation.hpp"

namespace fincoach::segment {
namespace {

using json = nlohmann::json;

json dims_json(const ProfileVector& z, const std::array<bool, k_profile_dims>& available) {
  json out = json::object();
  for (size_t d = 0; d < k_profile_dims; ++d)
    out[std::string(to_string(static_cast<ProfileDim>(d)))] = available[d] ? json(z[d]) : json(nullptr);
  return out;
}

json quality_json(const Segmentation& s) {
  json q = {{"silhouette",
             {{"mean", s.silhouette.mean},
              {"per_segment", s.silhouette.per_cluster},
              {"rows_used", s.silhouette.rows_used},
              {"sampled", s.silhouette.sampled}}},
            {"inertia", s.fit.inertia},
            {"iterations", s.fit.iterations},
            {"converged", s.fit.converged},
            {"best_init", s.fit.best_init},
            {"init_inertia", s.fit.init_inertia},
            {"empty_cluster_reseeds", s.fit.empty_cluster_reseeds},
            {"training_rows", s.training_rows}};
  if (s.ward_done)
    q["ward"] = {
        {"rows", s.ward.rows}, {"ari", s.ward.ari}, {"agreement", s.ward.agreement}, {"ward_size", s.ward.ward_size}};
  if (s.bootstrap_done) {
    json verdicts = json::array();
    for (StabilityVerdict v : s.bootstrap.verdict) verdicts.push_back(to_string(v));
    q["bootstrap"] = {{"rows", s.bootstrap.rows},
                      {"resamples", s.bootstrap.resamples},
                      {"mean_jaccard", s.bootstrap.mean_jaccard},
                      {"dissolved", s.bootstrap.dissolved},
                      {"recovered", s.bootstrap.recovered},
                      {"verdict", verdicts}};
  }
  if (s.choose_k_done) q["choose_k"] = s.selection.to_json();
  if (!s.choose_k_skipped.empty()) q["choose_k_skipped"] = s.choose_k_skipped;
  return q;
}

}  // namespace

std::string user_segments_csv(const Segmentation& s, const std::vector<std::string>& user_ids) {
  if (user_ids.size() != s.labels.size())
    throw InvalidInput(fmt::format("user_segments.csv: {} user ids for {} rows", user_ids.size(), s.labels.size()));
  std::string out = "user_id,segment_id,segment_name,confidence,pc1,pc2\n";
  out.reserve(out.size() + s.labels.size() * 64);
  for (size_t r = 0; r < s.labels.size(); ++r) {
    const auto seg = static_cast<size_t>(s.labels[r]);
    const double pc1 = s.coordinates.cols > 0 ? s.coordinates.at(r, 0) : 0.0;
    const double pc2 = s.coordinates.cols > 1 ? s.coordinates.at(r, 1) : 0.0;
    out += fmt::format("{},{},{},{:.4f},{:.5g},{:.5g}\n", csv_escape(user_ids[r]), seg, csv_escape(s.names.name[seg]),
                       s.confidence[r], pc1, pc2);
  }
  return out;
}

void write_user_segments_csv(const Segmentation& s, const std::vector<std::string>& user_ids, const std::string& path) {
  write_file_atomic(path, user_segments_csv(s, user_ids));
}

json segment_profiles_json(const Segmentation& s) {
  json segments = json::array();
  for (size_t seg = 0; seg < s.profiles.size(); ++seg) {
    const SegmentProfile& p = s.profiles[seg];
    const SegmentInfo& info = s.model.segments[seg];
    json feats = json::object();
    for (size_t c = 0; c < s.model.feature_names.size(); ++c)
      feats[s.model.feature_names[c]] = {{"mean", p.raw_mean[c]}, {"z", p.scaled_mean[c]}};
    json scores = json::object();
    for (size_t q = 0; q < persona_templates().size(); ++q)
      scores[std::string(persona_templates()[q].key)] = s.names.scores.at(seg, q);
    segments.push_back({{"id", seg},
                        {"name", info.name},
                        {"persona", info.persona},
                        {"persona_score", info.persona_score},
                        {"persona_scores", scores},
                        {"size", p.size},
                        {"share", p.share},
                        {"description", info.description},
                        {"profile", dims_json(p.dims, s.dims.available)},
                        {"features", feats}});
  }
  json profile_features = json::array();
  for (const ProfileFeature& f : segment::profile_features())
    profile_features.push_back({{"dimension", to_string(f.dim)}, {"feature", f.feature}, {"sign", f.sign}});
  const ComparisonTable table = comparison_table(s);
  json overall = json::object();
  for (size_t c = 0; c < s.model.feature_names.size(); ++c) overall[s.model.feature_names[c]] = s.overall_raw_mean[c];
  return {{"segments", segments},
          {"overall_mean", overall},
          {"profile_features", profile_features},
          {"comparison_table", {{"columns", table.columns}, {"rows", table.rows}}},
          {"clustered_features",
           [&] {
             std::vector<std::string> names;
             for (uint32_t c : s.columns) names.push_back(s.model.feature_names[c]);
             return names;
           }()},
          {"dropped_constant", s.dropped_constant},
          {"quality", quality_json(s)}};
}

json segmentation_report_json(const Segmentation& s) {
  json scatter = json::array();
  for (uint32_t r : s.scatter_rows) {
    const auto seg = static_cast<size_t>(s.labels[r]);
    scatter.push_back({{"row", r},
                       {"pc1", s.coordinates.cols > 0 ? s.coordinates.at(r, 0) : 0.0},
                       {"pc2", s.coordinates.cols > 1 ? s.coordinates.at(r, 1) : 0.0},
                       {"segment", s.names.name[seg]},
                       {"confidence", s.confidence[r]}});
  }
  return {{"pca", s.pca.to_json()}, {"scatter", scatter}, {"profiles", segment_profiles_json(s)}};
}

}  // namespace fincoach::segment
