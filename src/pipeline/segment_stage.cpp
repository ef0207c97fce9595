// The segment stage: behavioural segments of the users (docs/segmentation.md). Each user is
// the mean of the last window_weeks rows of the weekly panel; a scaler is fitted on the
// training users of the run's seeded split, k-means on the same users, and every user is
// assigned. Writes the model, its scaler, user_segments.csv, segment_profiles.json and the
// validation numbers into the bundle, and the report's segmentation section. When the source
// simulated, the segments are scored against the true personas (all users and held-out).

#include <fmt/format.h>

#include <algorithm>

#include "fincoach/common/population.hpp"
#include "fincoach/features/feature_pipeline.hpp"
#include "fincoach/features/panel.hpp"
#include "fincoach/pipeline/stage_registry.hpp"
#include "fincoach/report/segment_section.hpp"
#include "fincoach/segment/segmentation.hpp"
#include "fincoach/simulate/ground_truth.hpp"
#include "toml_support.hpp"

namespace fincoach::pipeline {
namespace {

/// The features stage's split: the same users are training users in every stage.
constexpr double k_train_fraction = 0.8;

class SegmentStage final : public Stage {
 public:
  std::string name() const override { return "segment"; }
  std::string summary() const override {
    return "behavioural segments: k-means++, the choice of k, Ward and bootstrap validation, named personas";
  }

  std::vector<ParamSet> param_sets() override { return {segment::segment_param_set(params_)}; }

  void configure(const StageConfig& config) override {
    std::string kind = "csv";
    if (const toml::node* node = detail::find_key(config.root, "source", "kind"))
      if (const auto* text = node->as_string()) kind = text->get();
    has_truth_ = kind == "simulate";
    seed_ = config.settings.seed;
    params_.kmeans.seed = config.settings.seed;
    params_.kmeans.threads = config.settings.threads;
    params_.validate();
  }

  std::vector<std::string> inputs() const override {
    std::vector<std::string> in = {k_artifact_ledger, k_artifact_weekly_panel};
    if (has_truth_) in.push_back(k_artifact_ground_truth);
    return in;
  }
  std::vector<std::string> outputs() const override { return {k_artifact_segmentation}; }

  void run(StageContext& context) override {
    const auto ledger = context.input<Ledger>(k_artifact_ledger);
    const auto panel = context.input<features::WeeklyPanel>(k_artifact_weekly_panel);
    const features::FeatureMatrix raw =
        segment::panel_window_profile(*panel, ledger->user_count(), params_.window_weeks);
    const std::vector<uint8_t> train = features::training_mask(*ledger, seed_, k_train_fraction);
    const features::FeaturePipeline scaler = features::FeaturePipeline::fit(raw, train);
    auto s = std::make_shared<const segment::Segmentation>(segment::segment_users(raw, scaler, params_, train));

    std::vector<std::string> ids;
    for (uint32_t u = 0; u < ledger->user_count(); ++u) ids.emplace_back(ledger->users.at(u));
    write_files(context, *s, scaler, ids);

    nlohmann::json metrics = headline(*s);
    nlohmann::json validation = segment::segment_profiles_json(*s)["quality"];
    std::unique_ptr<segment::TruthComparison> truth;
    if (has_truth_) {
      truth = std::make_unique<segment::TruthComparison>(score_truth(context, *s, train, metrics));
      validation["truth"] = metrics["truth"];
    }
    context.bundle().add_file("validation_reports/segmentation.json", validation.dump(2) + "\n",
                              "segmentation quality: silhouette, choice of k, Ward, bootstrap (docs/segmentation.md)");
    context.set_headline_metrics(metrics);
    context.set_model_metadata({{"type", "kmeans"},
                                {"file", "segmentation.json"},
                                {"scaler", "segmentation_scaler.json"},
                                {"k", s->model.k()},
                                {"window_weeks", s->model.window_weeks},
                                {"features", segment::model_to_json(s->model)["column_names"]},
                                {"segments", [&] {
                                   std::vector<std::string> names;
                                   for (const auto& info : s->model.segments) names.push_back(info.name);
                                   return names;
                                 }()}});
    context.add_report_section(report::segmentation_section(*s, truth.get()));
    context.output<segment::Segmentation>(k_artifact_segmentation, s);
  }

 private:
  static void write_files(StageContext& context, const segment::Segmentation& s,
                          const features::FeaturePipeline& scaler, const std::vector<std::string>& ids) {
    context.bundle().add_file("segmentation.json", segment::model_to_json(s.model).dump(2) + "\n",
                              "segmentation model: centroids, scaler reference, names, schema (docs/segmentation.md)");
    context.bundle().add_file("segmentation_scaler.json", scaler.to_json().dump(2) + "\n",
                              "imputation and scaling of the segmentation's window features");
    context.bundle().add_file("user_segments.csv", segment::user_segments_csv(s, ids),
                              "segment of every user with confidence and PCA coordinates");
    context.bundle().add_file("segment_profiles.json", segment::segment_profiles_json(s).dump(2) + "\n",
                              "segment profiles, personas and the comparison table");
  }

  static nlohmann::json headline(const segment::Segmentation& s) {
    nlohmann::json m = {{"k", s.model.k()},
                        {"users", s.labels.size()},
                        {"training_users", s.training_rows},
                        {"silhouette", s.silhouette.mean},
                        {"seconds", s.seconds.total}};
    if (s.choose_k_done) m["recommended_k"] = s.selection.recommended_k;
    if (s.ward_done) m["ward_ari"] = s.ward.ari;
    if (s.bootstrap_done)
      m["min_bootstrap_jaccard"] = *std::min_element(s.bootstrap.mean_jaccard.begin(), s.bootstrap.mean_jaccard.end());
    return m;
  }

  segment::TruthComparison score_truth(StageContext& context, const segment::Segmentation& s,
                                       const std::vector<uint8_t>& train, nlohmann::json& metrics) const {
    const auto truth = context.input<simulate::GroundTruth>(k_artifact_ground_truth);
    std::vector<int32_t> persona(truth->users.size());
    for (size_t u = 0; u < persona.size(); ++u) persona[u] = static_cast<int32_t>(truth->users[u].persona);
    segment::TruthComparison cmp = segment::compare_with_truth(s, persona);
    std::vector<int32_t> held_labels, held_persona;
    for (size_t u = 0; u < persona.size(); ++u)
      if (train[u] == 0) {
        held_labels.push_back(s.labels[u]);
        held_persona.push_back(persona[u]);
      }
    metrics["truth"] = {
        {"ari", cmp.ari},
        {"ari_held_out", held_labels.empty() ? 0.0 : segment::adjusted_rand_index(held_labels, held_persona)},
        {"held_out_users", held_labels.size()},
        {"names_matching", cmp.names_matching}};
    return cmp;
  }

  segment::SegmentParams params_;
  uint64_t seed_ = 42;
  bool has_truth_ = false;
};

}  // namespace

std::unique_ptr<Stage> make_segment_stage() {
  return std::make_unique<SegmentStage>();
}

}  // namespace fincoach::pipeline
