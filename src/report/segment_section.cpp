#include "fincoach/report/segment_section.hpp"

#include <fmt/format.h>

#include "vega_lite.hpp"

namespace fincoach::report {
namespace {

using detail::tooltip;
using detail::vega_lite_spec;
using nlohmann::json;

constexpr int k_wide = 560;
constexpr int k_narrow = 300;
constexpr int k_height = 220;

json segment_colour(const segment::Segmentation& s) {
  return {{"field", "segment"}, {"type", "nominal"}, {"title", "segment"}, {"sort", s.names.name}};
}

json curve(json values, std::string_view field, std::string_view title, int chosen, std::string_view chosen_title) {
  json spec = vega_lite_spec(std::move(values), k_narrow, k_height);
  const json x = {{"field", "k"}, {"type", "ordinal"}, {"title", "k"}, {"axis", {{"labelAngle", 0}}}};
  spec["layer"] = json::array(
      {{{"mark", {{"type", "line"}, {"point", true}}},
        {"encoding",
         {{"x", x},
          {"y", {{"field", field}, {"type", "quantitative"}, {"title", title}, {"scale", {{"zero", false}}}}},
          {"tooltip", {tooltip("k", "ordinal", "k"), tooltip(field, "quantitative", title, ".4~g")}}}}},
       {{"transform", {{{"filter", fmt::format("datum.k == {}", chosen)}}}},
        {"mark", {{"type", "point"}, {"size", 140}, {"filled", true}, {"color", "#c8553d"}}},
        {"encoding",
         {{"x", x},
          {"y", {{"field", field}, {"type", "quantitative"}}},
          {"tooltip", {tooltip("k", "ordinal", chosen_title)}}}}}});
  return spec;
}

json gap_chart(const segment::KSelection& k) {
  json values = json::array();
  for (size_t i = 0; i < k.gap.size(); ++i)
    values.push_back(
        {{"k", k.gap_k[i]}, {"gap", k.gap[i]}, {"low", k.gap[i] - k.gap_s[i]}, {"high", k.gap[i] + k.gap_s[i]}});
  json spec = curve(values, "gap", "Gap(k)", k.gap_choice, "gap statistic's choice");
  spec["layer"].push_back({{"mark", {{"type", "rule"}, {"color", "#888"}}},
                           {"encoding",
                            {{"x", {{"field", "k"}, {"type", "ordinal"}}},
                             {"y", {{"field", "low"}, {"type", "quantitative"}}},
                             {"y2", {{"field", "high"}}}}}});
  return spec;
}

json scatter_chart(const segment::Segmentation& s) {
  json values = json::array();
  for (uint32_t r : s.scatter_rows)
    values.push_back({{"pc1", s.coordinates.at(r, 0)},
                      {"pc2", s.coordinates.cols > 1 ? s.coordinates.at(r, 1) : 0.0},
                      {"segment", s.names.name[static_cast<size_t>(s.labels[r])]},
                      {"confidence", s.confidence[r]}});
  const std::vector<double> ratio = s.pca.explained_ratio();
  json spec = vega_lite_spec(std::move(values), k_wide, 380);
  spec["mark"] = {{"type", "circle"}, {"size", 18}, {"opacity", 0.6}};
  spec["params"] = {{{"name", "pick"}, {"select", {{"type", "point"}, {"fields", {"segment"}}}}, {"bind", "legend"}}};
  spec["encoding"] = {
      {"x",
       {{"field", "pc1"},
        {"type", "quantitative"},
        {"title", fmt::format("PC1 ({:.0f}% of variance)", 100 * ratio[0])}}},
      {"y",
       {{"field", "pc2"},
        {"type", "quantitative"},
        {"title", fmt::format("PC2 ({:.0f}% of variance)", ratio.size() > 1 ? 100 * ratio[1] : 0.0)}}},
      {"color", segment_colour(s)},
      {"opacity", {{"condition", {{"param", "pick"}, {"value", 0.7}}}, {"value", 0.05}}},
      {"tooltip",
       {tooltip("segment", "nominal", "segment"), tooltip("confidence", "quantitative", "confidence", ".2f"),
        tooltip("pc1", "quantitative", "PC1", ".2f"), tooltip("pc2", "quantitative", "PC2", ".2f")}}};
  return spec;
}

json profile_heatmap(const segment::Segmentation& s) {
  json values = json::array();
  for (size_t seg = 0; seg < s.profiles.size(); ++seg)
    for (size_t d = 0; d < segment::k_profile_dims; ++d)
      if (s.dims.available[d])
        values.push_back({{"segment", s.names.name[seg]},
                          {"dimension", segment::label(static_cast<segment::ProfileDim>(d))},
                          {"z", s.profiles[seg].dims[d]}});
  json spec = vega_lite_spec(std::move(values), k_wide, 40 * static_cast<int>(s.profiles.size()));
  spec["mark"] = "rect";
  spec["encoding"] = {{"x",
                       {{"field", "dimension"},
                        {"type", "nominal"},
                        {"title", nullptr},
                        {"sort", nullptr},
                        {"axis", {{"labelAngle", 0}}}}},
                      {"y", {{"field", "segment"}, {"type", "nominal"}, {"title", nullptr}, {"sort", s.names.name}}},
                      {"color",
                       {{"field", "z"},
                        {"type", "quantitative"},
                        {"title", "sd from all users"},
                        {"scale", {{"scheme", "redblue"}, {"domainMid", 0}, {"reverse", true}}}}},
                      {"tooltip",
                       {tooltip("segment", "nominal", "segment"), tooltip("dimension", "nominal", "dimension"),
                        tooltip("z", "quantitative", "standard deviations", "+.2f")}}};
  return spec;
}

json stability_chart(const segment::Segmentation& s) {
  json values = json::array();
  for (size_t seg = 0; seg < s.profiles.size(); ++seg)
    values.push_back({{"segment", s.names.name[seg]},
                      {"jaccard", s.bootstrap.mean_jaccard[seg]},
                      {"verdict", segment::to_string(s.bootstrap.verdict[seg])},
                      {"dissolved", s.bootstrap.dissolved[seg]}});
  json spec = vega_lite_spec(std::move(values), k_wide, 30 * static_cast<int>(s.profiles.size()));
  const json y = {{"field", "segment"}, {"type", "nominal"}, {"title", nullptr}, {"sort", s.names.name}};
  spec["layer"] = json::array(
      {{{"mark", "bar"},
        {"encoding",
         {{"y", y},
          {"x",
           {{"field", "jaccard"},
            {"type", "quantitative"},
            {"title", "mean bootstrap Jaccard"},
            {"scale", {{"domain", {0, 1}}}}}},
          {"color", segment_colour(s)},
          {"tooltip",
           {tooltip("segment", "nominal", "segment"), tooltip("jaccard", "quantitative", "Jaccard", ".3f"),
            tooltip("verdict", "nominal", "verdict"), tooltip("dissolved", "quantitative", "resamples dissolved")}}}}},
       {{"data", {{"values", {{{"x", 0.75}}, {{"x", 0.5}}}}}},
        {"mark", {{"type", "rule"}, {"strokeDash", {4, 3}}, {"color", "#444"}}},
        {"encoding", {{"x", {{"field", "x"}, {"type", "quantitative"}}}}}}});
  return spec;
}

Table comparison(const segment::Segmentation& s) {
  const segment::ComparisonTable c = segment::comparison_table(s);
  Table t;
  t.title = "Segment comparison";
  t.columns = c.columns;
  t.numeric.assign(c.columns.size(), true);
  t.numeric[0] = false;
  t.rows = c.rows;
  t.caption = "Profile dimensions in standard deviations from all users (docs/segmentation.md, \"Naming\").";
  return t;
}

std::vector<Fact> facts(const segment::Segmentation& s, const segment::TruthComparison* truth) {
  std::vector<Fact> out = {
      {"Segments", std::to_string(s.model.k()),
       fmt::format("{} users, {} features", group_thousands(s.labels.size()), s.columns.size())},
      {"Silhouette", fmt::format("{:.3f}", s.silhouette.mean),
       s.silhouette.sampled ? fmt::format("seeded sample of {}", group_thousands(s.silhouette.rows_used)) : "exact"}};
  if (s.choose_k_done)
    out.push_back({"k the data prefers", std::to_string(s.selection.recommended_k),
                   fmt::format("elbow {}, silhouette {}, gap {}", s.selection.elbow_k, s.selection.silhouette_k,
                               s.selection.gap_choice)});
  if (s.ward_done)
    out.push_back(
        {"Ward vs k-means", fmt::format("ARI {:.2f}", s.ward.ari), fmt::format("{} sampled users", s.ward.rows)});
  if (truth != nullptr)
    out.push_back(
        {"vs true personas", fmt::format("ARI {:.2f}", truth->ari),
         fmt::format("{} of {} names match the majority persona", truth->names_matching, truth->majority.size())});
  return out;
}

}  // namespace

Section segmentation_section(const segment::Segmentation& s, const segment::TruthComparison* truth) {
  Section section("segments", "Segments");
  section.add_paragraph(fmt::format(
      "Users are clustered by k-means (k-means++ seeding, {} initialisations, the lowest inertia kept) on {} scaled "
      "features: the mean of {} weekly snapshots of the enhanced state. Names come from each segment's profile scored "
      "against the five persona definitions, never from the cluster number.",
      s.model.params.n_init, s.columns.size(), s.model.window_weeks));
  section.add_facts(facts(s, truth));
  if (s.choose_k_done) {
    const segment::KSelection& k = s.selection;
    json elbow = json::array({{{"k", 1}, {"inertia", k.inertia_k1}}});
    json sil = json::array();
    for (size_t i = 0; i < k.k.size(); ++i) {
      elbow.push_back({{"k", k.k[i]}, {"inertia", k.inertia[i]}});
      sil.push_back({{"k", k.k[i]}, {"silhouette", k.silhouette[i]}});
    }
    section.add_chart("Elbow", curve(elbow, "inertia", "inertia", k.elbow_k, "Kneedle's elbow"),
                      fmt::format("Inertia on {} users; the red point is the knee.", group_thousands(k.rows)));
    section.add_chart("Silhouette by k", curve(sil, "silhouette", "silhouette", k.silhouette_k, "highest silhouette"),
                      fmt::format("Mean silhouette on {} users.", group_thousands(k.silhouette_rows)));
    section.add_chart("Gap statistic", gap_chart(k),
                      fmt::format("Gap(k) with one standard error (B = {} uniform references in the principal-axis "
                                  "box); the red point is the smallest k within one standard error of the next.",
                                  k.gap_references));
    std::string reasons;
    for (const std::string& r : k.reasons) reasons += "- " + r + "\n";
    section.add_code("Choosing k", reasons);
  }
  section.add_chart("Segments in the first two principal components", scatter_chart(s),
                    fmt::format("A seeded sample of {} users; click a legend entry to highlight a segment.",
                                group_thousands(s.scatter_rows.size())));
  section.add_chart("Profiles", profile_heatmap(s),
                    "Each segment's profile dimensions in standard deviations from all users.");
  section.add_table(comparison(s));
  if (s.bootstrap_done)
    section.add_chart("Bootstrap stability", stability_chart(s),
                      fmt::format("Mean Jaccard of each segment with its best match over {} resamples of {} users "
                                  "(clusterboot: 0.75 and above stable, 0.5 and below dissolved).",
                                  s.bootstrap.resamples, group_thousands(s.bootstrap.rows)));
  for (const segment::SegmentInfo& info : s.model.segments) section.add_paragraph(info.description);
  return section;
}

}  // namespace fincoach::report
