// The features stage: the enhanced state of every user at the last posting day, the weekly
// panel, the daily category series and the recurring streams, plus the feature pipeline
// (median imputation + standard scaling) fitted on the training users of the run's seeded
// split. The schema and the pipeline go into feature_config.json (through RunOutputs); the
// redundancy report into validation_reports/. When the source simulated, the recurring
// streams are scored against the ground truth. Definitions: docs/features.md.

#include <chrono>

#include <fmt/format.h>

#include "fincoach/common/date.hpp"
#include "fincoach/common/population.hpp"
#include "fincoach/features/analysis.hpp"
#include "fincoach/features/extract.hpp"
#include "fincoach/features/feature_pipeline.hpp"
#include "fincoach/features/panel.hpp"
#include "fincoach/features/recurring.hpp"
#include "fincoach/features/series.hpp"
#include "fincoach/pipeline/stage_registry.hpp"
#include "fincoach/simulate/ground_truth.hpp"
#include "toml_support.hpp"

namespace fincoach::pipeline {
namespace {

/// Share of users the feature pipeline is fitted on (the rest are held out for every later
/// stage's evaluation; the split of a user depends only on its id and the run's seed).
constexpr double k_train_fraction = 0.8;
constexpr double k_redundancy_threshold = 0.9;

class FeaturesStage final : public Stage {
 public:
  std::string name() const override { return "features"; }
  std::string summary() const override {
    return "enhanced user state, weekly panel, daily category series, recurring streams, feature pipeline";
  }

  std::vector<ParamSet> param_sets() override {
    return {features::feature_param_set(params_), features::recurring_param_set(recurring_)};
  }

  void configure(const StageConfig& config) override {
    std::string kind = "csv";
    if (const toml::node* node = detail::find_key(config.root, "source", "kind"))
      if (const auto* text = node->as_string()) kind = text->get();
    has_population_ = kind == "database" || kind == "population" || kind == "simulate";
    has_truth_ = kind == "simulate";
    params_.threads = config.settings.threads;
    seed_ = config.settings.seed;
    params_.validate();
    recurring_.validate();
  }

  std::vector<std::string> inputs() const override {
    std::vector<std::string> in = {k_artifact_ledger};
    if (has_population_) in.push_back(k_artifact_population);
    if (has_truth_) in.push_back(k_artifact_ground_truth);
    return in;
  }
  std::vector<std::string> outputs() const override {
    return {k_artifact_user_features, k_artifact_weekly_panel, k_artifact_daily_series, k_artifact_recurring_streams,
            k_artifact_feature_pipeline};
  }

  void run(StageContext& context) override {
    const std::shared_ptr<const Ledger> ledger = context.input<Ledger>(k_artifact_ledger);
    std::shared_ptr<const Population> population;
    features::FeatureContext fc;
    if (has_population_) {
      population = context.input<Population>(k_artifact_population);
      fc.goals = &population->goals;
    }
    Progress& progress = context.start_progress(4, "views");
    const int32_t as_of = features::last_ledger_day(*ledger);
    const auto t0 = std::chrono::steady_clock::now();
    features::FeatureMatrix user = features::extract_enhanced(*ledger, fc, params_, as_of);
    const double t_user = seconds_since(t0);
    progress.set(1);
    const auto t1 = std::chrono::steady_clock::now();
    features::WeeklyPanel panel = features::build_weekly_panel(*ledger, fc, params_);
    const double t_panel = seconds_since(t1);
    progress.set(2);
    features::DailySeries series = features::build_daily_series(*ledger, params_.threads);
    progress.set(3);
    features::RecurringStreamTable streams = features::detect_recurring(*ledger, recurring_, params_.threads);
    progress.set(4);

    const std::vector<uint8_t> train = features::training_mask(*ledger, seed_, k_train_fraction);
    features::FeaturePipeline pipeline = features::FeaturePipeline::fit(user, train);
    const features::RedundancyReport redundancy =
        features::redundancy_report(pipeline.transform(user), k_redundancy_threshold);
    context.bundle().add_file("validation_reports/feature_redundancy.json", redundancy.to_json().dump(2) + "\n",
                              "dimensions of the enhanced state correlated above 0.9 (docs/features.md)");
    context.outputs().feature_schema = user.schema.to_json()["features"];
    context.outputs().feature_pipeline = pipeline.to_json();

    nlohmann::json metrics = {{"users", user.rows},
                              {"dims", user.cols()},
                              {"as_of", format_iso_date(as_of)},
                              {"panel_rows", panel.rows()},
                              {"series_rows", series.rows()},
                              {"recurring_streams", streams.size()},
                              {"training_users", pipeline.training_rows()},
                              {"zero_variance_dims", count_flags(pipeline.zero_variance())},
                              {"user_state_seconds", t_user},
                              {"panel_seconds", t_panel}};
    if (has_truth_) score_streams(context, streams, metrics);
    context.set_headline_metrics(metrics);
    context.add_report_section(section(user, pipeline, panel, streams, redundancy, metrics));

    context.output<features::FeatureMatrix>(k_artifact_user_features, std::move(user));
    context.output<features::WeeklyPanel>(k_artifact_weekly_panel, std::move(panel));
    context.output<features::DailySeries>(k_artifact_daily_series, std::move(series));
    context.output<features::RecurringStreamTable>(k_artifact_recurring_streams, std::move(streams));
    context.output<features::FeaturePipeline>(k_artifact_feature_pipeline, std::move(pipeline));
  }

 private:
  static double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  static uint64_t count_flags(const std::vector<uint8_t>& flags) {
    uint64_t n = 0;
    for (uint8_t f : flags) n += f;
    return n;
  }

  static void score_streams(StageContext& context, const features::RecurringStreamTable& streams,
                            nlohmann::json& metrics) {
    const auto truth = context.input<simulate::GroundTruth>(k_artifact_ground_truth);
    std::vector<features::StreamTruth> t;
    const simulate::RecurringStreams& s = truth->streams;
    for (size_t i = 0; i < s.size(); ++i) t.push_back({s.user[i], s.merchant[i], s.cadence_days[i], s.amount[i]});
    const features::RecurringScore score = features::score_recurring(streams, t);
    metrics["recurring_precision"] = score.precision();
    metrics["recurring_recall"] = score.recall();
  }

  static report::Section section(const features::FeatureMatrix& user, const features::FeaturePipeline& pipeline,
                                 const features::WeeklyPanel& panel, const features::RecurringStreamTable& streams,
                                 const features::RedundancyReport& redundancy, const nlohmann::json& metrics) {
    report::Section s("features", "Features");
    s.add_paragraph(fmt::format(
        "The enhanced state has {} dimensions: the original backend's 17, the plan's 18 behavioural features, then "
        "segment, peer, goal and temporal context (docs/features.md). Scaling is fitted on {} training users.",
        user.cols(), pipeline.training_rows()));
    std::vector<report::Fact> facts = {
        {"Users", report::group_thousands(user.rows), "as of " + metrics["as_of"].get<std::string>()},
        {"Panel user-weeks", report::group_thousands(panel.rows()), "Sunday week ends"},
        {"Recurring streams", report::group_thousands(streams.size()), ""}};
    if (metrics.contains("recurring_precision"))
      facts.push_back({"Streams vs truth",
                       fmt::format("P {} / R {}", report::format_percent(metrics["recurring_precision"].get<double>()),
                                   report::format_percent(metrics["recurring_recall"].get<double>())),
                       "precision / recall against the simulator"});
    s.add_facts(std::move(facts));
    report::Table table;
    table.title = "Dimensions";
    table.columns = {"#", "feature", "block", "unit", "median", "mean", "std", "missing"};
    table.numeric = {true, false, false, false, true, true, true, true};
    for (size_t c = 0; c < user.cols(); ++c) {
      uint64_t missing = 0;
      for (size_t r = 0; r < user.rows; ++r) missing += user.missing[r * user.cols() + c];
      const features::FeatureDef& f = user.schema.features[c];
      table.rows.push_back({std::to_string(c), f.name, std::string(features::to_string(f.block)), f.unit,
                            fmt::format("{:.4g}", pipeline.median()[c]), fmt::format("{:.4g}", pipeline.mean()[c]),
                            pipeline.zero_variance()[c] ? "constant" : fmt::format("{:.4g}", pipeline.scale()[c]),
                            report::format_percent(user.rows == 0 ? 0.0 : static_cast<double>(missing) /
                                                                              static_cast<double>(user.rows))});
    }
    table.caption = "Training-user statistics of the feature pipeline; missing cells are imputed with the median.";
    s.add_table(std::move(table));
    if (!redundancy.clusters.empty()) {
      std::string text;
      for (const auto& cluster : redundancy.clusters) {
        text += "-";
        for (const std::string& name : cluster) text += " " + name;
        text += "\n";
      }
      s.add_code("Redundant groups (|corr| >= 0.9)", text);
    }
    return s;
  }

  features::FeatureParams params_;
  features::RecurringParams recurring_;
  uint64_t seed_ = 42;
  bool has_population_ = false;
  bool has_truth_ = false;
};

}  // namespace

std::unique_ptr<Stage> make_features_stage() { return std::make_unique<FeaturesStage>(); }

}  // namespace fincoach::pipeline
