#include <algorithm>

#include "fincoach/pipeline/stage.hpp"

namespace fincoach::pipeline {

StageContext::StageContext(const Stage& stage, std::string progress_label, const TrainSettings& settings,
                           Artifacts& artifacts, bundle::BundleWriter& bundle, RunOutputs& outputs)
    : stage_(stage),
      progress_label_(std::move(progress_label)),
      settings_(settings),
      artifacts_(artifacts),
      bundle_(bundle),
      outputs_(outputs),
      progress_(std::make_unique<Progress>(progress_label_, 1, "step")) {}

StageContext::~StageContext() = default;

void StageContext::check_declared(const std::string& name, bool input) const {
  const std::vector<std::string> declared = input ? stage_.inputs() : stage_.outputs();
  if (std::find(declared.begin(), declared.end(), name) == declared.end()) {
    throw Internal(fmt::format("stage '{}' {} artifact '{}' without declaring it as an {}", stage_.name(),
                               input ? "reads" : "writes", name, input ? "input" : "output"));
  }
}

void StageContext::add_report_section(report::Section section) { outputs_.report.sections.push_back(std::move(section)); }

void StageContext::set_headline_metrics(nlohmann::json metrics) { outputs_.headline_metrics[stage_.name()] = std::move(metrics); }

void StageContext::set_model_metadata(nlohmann::json metadata) { outputs_.models[stage_.name()] = std::move(metadata); }

void StageContext::set_feature_schema(nlohmann::json schema, nlohmann::json pipeline) {
  FINCOACH_ASSERT(schema.is_array());
  outputs_.feature_schema = std::move(schema);
  outputs_.feature_pipeline = std::move(pipeline);
}

Progress& StageContext::start_progress(uint64_t total, std::string unit) {
  progress_ = std::make_unique<Progress>(progress_label_, total, std::move(unit));
  progress_is_default_ = false;
  return *progress_;
}

void StageContext::finish_progress() {
  if (progress_is_default_) progress_->set(1);
  progress_->finish();
}

}  // namespace fincoach::pipeline
