#pragma once
// A stage of `fincoach train`: a name, the artifacts it needs and the ones it makes, the
// config sections it owns, and run(). The trainer checks every declaration before any stage
// runs, and enforces them while stages run: a stage reads only what it declared as inputs
// and must produce exactly what it declared as outputs.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fincoach/bundle/bundle_writer.hpp"
#include "fincoach/common/params.hpp"
#include "fincoach/common/progress.hpp"
#include "fincoach/pipeline/artifacts.hpp"
#include "fincoach/pipeline/train_settings.hpp"
#include "fincoach/report/document.hpp"

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace fincoach::pipeline {

class Stage;

/// A key of a stage's section that holds an array or a table: the ParamSet skips it and the
/// stage's configure() reads it.
struct StructuredKey {
  std::string section;
  std::string key;
};

/// What configure() sees: the whole config, the run's settings, and the artifacts the
/// enabled stages before this one will produce (so a stage can take an input only when it
/// is there, e.g. the population when the source has one).
struct StageConfig {
  const toml::table& root;
  const std::string& origin;  ///< the config file (or the demo's train.toml), for messages
  const TrainSettings& settings;
  const std::set<std::string>& available;
};

/// Everything a stage writes besides artifacts, gathered by the trainer into the bundle.
struct RunOutputs {
  report::Document report;
  /// Headline numbers, keyed by stage name (manifest.json and INTEGRATION_GUIDE.md).
  nlohmann::json headline_metrics = nlohmann::json::object();
  /// Per-stage model descriptions, keyed by stage name (model_metadata.json → "models").
  nlohmann::json models = nlohmann::json::object();
  /// The features models expect, in order (manifest.json and feature_config.json).
  nlohmann::json feature_schema = nlohmann::json::array();
  /// The feature pipeline's settings (feature_config.json → "pipeline").
  nlohmann::json feature_pipeline = nlohmann::json::object();
};

class StageContext {
 public:
  StageContext(const Stage& stage, std::string progress_label, const TrainSettings& settings, Artifacts& artifacts,
               bundle::BundleWriter& bundle, RunOutputs& outputs);
  ~StageContext();
  StageContext(const StageContext&) = delete;
  StageContext& operator=(const StageContext&) = delete;

  /// A declared input. Throws Internal for a name the stage did not declare.
  template <typename T>
  std::shared_ptr<const T> input(const std::string& name) const {
    check_declared(name, true);
    return artifacts_.get<T>(name);
  }
  /// Publishes a declared output. Throws Internal for a name the stage did not declare.
  template <typename T>
  void output(const std::string& name, std::shared_ptr<const T> value) {
    check_declared(name, false);
    artifacts_.put<T>(name, std::move(value));
  }
  template <typename T>
  void output(const std::string& name, T value) {
    output<T>(name, std::make_shared<const T>(std::move(value)));
  }

  const TrainSettings& settings() const { return settings_; }
  /// Files of the bundle being written (staging folder).
  bundle::BundleWriter& bundle() { return bundle_; }
  void add_report_section(report::Section section);
  /// This stage's headline numbers (replaces earlier ones of the same stage).
  void set_headline_metrics(nlohmann::json metrics);
  /// This stage's entry in model_metadata.json.
  void set_model_metadata(nlohmann::json metadata);
  /// The features models expect, in input order (manifest.json and feature_config.json), and
  /// the feature pipeline's settings (feature_config.json → "pipeline"). Set by the feature stage.
  void set_feature_schema(nlohmann::json schema, nlohmann::json pipeline);
  RunOutputs& outputs() { return outputs_; }

  /// Replaces the stage's progress bar by one with a known total (the default has one step
  /// and is completed by the trainer).
  Progress& start_progress(uint64_t total, std::string unit);
  Progress& progress() { return *progress_; }
  /// Completes the bar and logs the stage's timing line. Called by the trainer.
  void finish_progress();

 private:
  void check_declared(const std::string& name, bool input) const;

  const Stage& stage_;
  std::string progress_label_;
  const TrainSettings& settings_;
  Artifacts& artifacts_;
  bundle::BundleWriter& bundle_;
  RunOutputs& outputs_;
  std::unique_ptr<Progress> progress_;
  bool progress_is_default_ = true;
};

class Stage {
 public:
  virtual ~Stage() = default;

  /// Unique, lower-case: the key under [stages] and the label of its timing line.
  virtual std::string name() const = 0;
  /// One line for --list-stages and the report.
  virtual std::string summary() const = 0;

  /// Config sections this stage owns, bound to its params (unknown keys are rejected).
  virtual std::vector<ParamSet> param_sets() { return {}; }
  /// Keys of those sections that configure() reads itself (arrays, tables).
  virtual std::vector<StructuredKey> structured_keys() const { return {}; }
  /// Reads the structured keys and validates the params; checks what can be checked without
  /// doing the work (input files exist, a URL parses). Throws InvalidInput. Called only when
  /// the stage is enabled, before any stage runs.
  virtual void configure(const StageConfig& config) { (void)config; }
  /// Adds the structured keys' values to the effective config (the ParamSets' are added by
  /// the trainer).
  virtual void describe_config(nlohmann::json& config) const { (void)config; }

  /// Artifacts that must exist before run(); may depend on the configuration.
  virtual std::vector<std::string> inputs() const = 0;
  /// Artifacts run() produces; may depend on the configuration.
  virtual std::vector<std::string> outputs() const = 0;

  virtual void run(StageContext& context) = 0;
};

}  // namespace fincoach::pipeline
