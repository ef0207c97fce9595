// Running a planned training: the stages in order, then the bundle (metadata, report,
// integration guide, manifest) through a staging folder that becomes the bundle only when
// everything is written.

#include <chrono>
#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "fincoach/bundle/bundle_reader.hpp"
#include "fincoach/bundle/bundle_writer.hpp"
#include "fincoach/bundle/integration_guide.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/common/version.hpp"
#include "fincoach/pipeline/trainer.hpp"
#include "fincoach/report/html.hpp"
#include "fincoach/report/run_section.hpp"

namespace fincoach::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

constexpr const char* k_report_file = "report.html";
constexpr const char* k_model_metadata_file = "model_metadata.json";
constexpr const char* k_feature_config_file = "feature_config.json";

void check_outputs(const Stage& stage, const Artifacts& artifacts) {
  for (const std::string& output : stage.outputs())
    if (!artifacts.contains(output))
      throw Internal(fmt::format("stage '{}' declared output '{}' but did not produce it", stage.name(), output));
}

nlohmann::json model_metadata(const bundle::Manifest& manifest, const std::vector<report::StageRun>& runs,
                              const RunOutputs& outputs) {
  nlohmann::json stages = nlohmann::json::array();
  for (const report::StageRun& run : runs)
    stages.push_back({{"name", run.name}, {"summary", run.summary}, {"inputs", run.inputs}, {"outputs", run.outputs},
                      {"seconds", run.seconds}});
  return {{"bundle_schema_version", manifest.schema_version},
          {"software_version", manifest.software_version},
          {"created_at", manifest.created_at},
          {"seed", manifest.seed},
          {"data_fingerprint", manifest.data_fingerprint},
          {"stages", stages},
          {"models", outputs.models}};
}

report::Document finish_report(RunOutputs& outputs, const bundle::Manifest& manifest, const TrainSettings& settings,
                               report::RunSummary summary) {
  report::Document document = std::move(outputs.report);
  document.title = settings.title;
  document.generated_at = manifest.created_at;
  document.software_version = manifest.software_version;
  document.subtitle = fmt::format("Model bundle {} · written {} · fincoach {}", settings.out, manifest.created_at,
                                  manifest.software_version);
  double seconds = 0.0;
  for (const report::StageRun& run : summary.stages) seconds += run.seconds;
  document.facts = {{"Seed", std::to_string(settings.seed), ""},
                    {"Stages", std::to_string(summary.stages.size()), report::format_seconds(seconds)},
                    {"Data fingerprint", manifest.data_fingerprint.empty() ? "-" : manifest.data_fingerprint, ""}};
  document.sections.push_back(report::run_section(summary));
  return document;
}

}  // namespace

std::string TrainResult::summary_text() const {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path report = fs::absolute(report_path, ec);
  std::vector<std::string> times;
  for (const StageTiming& timing : timings) times.push_back(fmt::format("{} {}", timing.stage, report::format_seconds(timing.seconds)));
  std::string out;
  out += fmt::format("bundle:  {}/ ({} files, checksums verified)\n", bundle_dir, manifest.files.size() + 1);
  out += fmt::format("report:  {}\n", report_path);
  out += fmt::format("         open it in any browser (it works offline): file://{}\n", report.string());
  out += fmt::format("verify:  fincoach bundle verify {}\n", bundle_dir);
  out += fmt::format("times:   {}; total {}\n", fmt::join(times, " · "), report::format_seconds(seconds));
  return out;
}

TrainResult Trainer::run() {
  FINCOACH_ASSERT(!ran_);
  ran_ = true;
  const auto start = Clock::now();
  const std::string started_at = bundle::utc_timestamp_now();
  bundle::BundleWriter writer(settings_.out);
  Artifacts artifacts;
  RunOutputs outputs;
  TrainResult result;
  std::vector<report::StageRun> runs;

  for (size_t i = 0; i < plan_.size(); ++i) {
    Stage& stage = *plan_[i];
    const std::string label = fmt::format("[{}/{}] {}", i + 1, plan_.size(), stage.name());
    spdlog::info("{}: {}", label, stage.summary());
    const auto stage_start = Clock::now();
    StageContext context(stage, label, settings_, artifacts, writer, outputs);
    stage.run(context);
    context.finish_progress();
    check_outputs(stage, artifacts);
    const double seconds = seconds_since(stage_start);
    result.timings.push_back({stage.name(), seconds});
    runs.push_back({stage.name(), stage.summary(), stage.inputs(), stage.outputs(), seconds});
  }

  const auto bundle_start = Clock::now();
  Progress progress(fmt::format("[bundle] {}", settings_.out), 4, "files");
  bundle::Manifest manifest;
  manifest.software_version = std::string(software_version());
  manifest.created_at = bundle::utc_timestamp_now();
  manifest.seed = settings_.seed;
  manifest.config = effective_config_;
  if (artifacts.contains(k_artifact_ledger))
    manifest.data_fingerprint = ledger_fingerprint(*artifacts.get<Ledger>(k_artifact_ledger));
  manifest.feature_schema = outputs.feature_schema;
  manifest.headline_metrics = outputs.headline_metrics;

  writer.add_file(k_model_metadata_file, model_metadata(manifest, runs, outputs).dump(2) + "\n",
                  "how the bundle was made: versions, seed, data fingerprint, each stage with its inputs, outputs and "
                  "time, and the models");
  writer.add_file(k_feature_config_file,
                  nlohmann::json{{"features", outputs.feature_schema}, {"pipeline", outputs.feature_pipeline}}.dump(2) + "\n",
                  "the feature schema (in model input order) and the feature pipeline's settings");
  progress.set(2);
  report::RunSummary summary{manifest.software_version, started_at,       settings_.seed, settings_.threads,
                             manifest.data_fingerprint,  settings_.out,    effective_config_, runs};
  writer.add_file(k_report_file, report::render_html(finish_report(outputs, manifest, settings_, std::move(summary))),
                  "the training report: one self-contained page with charts that works offline");
  progress.set(3);
  std::vector<bundle::StagedFile> files = writer.files();
  files.push_back({bundle::k_integration_guide_file, "this guide, generated from the bundle's contents"});
  writer.add_file(bundle::k_integration_guide_file, bundle::integration_guide(manifest, files), files.back().description);
  result.manifest = writer.commit(std::move(manifest));
  bundle::verify_bundle(writer.dir());  // proves what a reader will check
  progress.set(4);
  progress.finish();

  result.timings.push_back({"bundle", seconds_since(bundle_start)});
  result.bundle_dir = writer.dir();
  result.report_path = writer.dir() + "/" + k_report_file;
  result.seconds = seconds_since(start);
  return result;
}

}  // namespace fincoach::pipeline
