#pragma once
// `fincoach train`: one orchestrator for every stage. Construction reads and checks the whole
// config and plan — unknown sections and keys, bad values, a stage whose input no earlier
// stage produces, an output folder that cannot be written — so every such error comes before
// any work. run() then runs the enabled stages in order, each with a progress bar and a
// timing line, and writes the bundle through a staging folder (bundle::BundleWriter).
// Config format: docs/pipeline.md.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fincoach/bundle/manifest.hpp"
#include "fincoach/pipeline/stage_registry.hpp"
#include "fincoach/pipeline/train_settings.hpp"

namespace fincoach::pipeline {

/// Command-line values that win over the config's [train] section.
struct TrainOverrides {
  std::optional<std::string> out;
  std::optional<uint64_t> seed;
  std::optional<int> threads;
};

struct StageTiming {
  std::string stage;
  double seconds = 0.0;
};

struct TrainResult {
  std::string bundle_dir;
  std::string report_path;
  bundle::Manifest manifest;
  /// The enabled stages in run order, then "bundle" (writing and verifying the bundle).
  std::vector<StageTiming> timings;
  double seconds = 0.0;  ///< wall time of run()

  /// For the terminal: where the bundle and the report are, how to open and verify them, and
  /// the time of each stage.
  std::string summary_text() const;
};

/// Where the section names of a config live: "[train]" and "[stages]" belong to the trainer.
inline constexpr const char* k_train_section = "train";
inline constexpr const char* k_stages_section = "stages";

class Trainer {
 public:
  /// Plans a run from a parsed config (see the file comment). `origin` names the config in
  /// messages. Throws InvalidInput on any config or plan error.
  Trainer(StageRegistry registry, const toml::table& config, std::string origin, const TrainOverrides& overrides = {});
  /// Reads a TOML file (InvalidInput naming file:line:column on a syntax error), then plans.
  static Trainer from_file(StageRegistry registry, const std::string& path, const TrainOverrides& overrides = {});
  /// Parses TOML text, then plans.
  static Trainer from_text(StageRegistry registry, std::string_view text, std::string origin,
                           const TrainOverrides& overrides = {});

  Trainer(Trainer&&) noexcept;
  Trainer& operator=(Trainer&&) noexcept;
  ~Trainer();

  const TrainSettings& settings() const { return settings_; }
  /// The enabled stages, in run order.
  const std::vector<Stage*>& plan() const { return plan_; }
  /// Every section with every value, defaults included (saved in the manifest and the report).
  const nlohmann::json& effective_config() const { return effective_config_; }
  /// The plan as text: one line per stage with its inputs and outputs.
  std::string describe_plan() const;

  /// Runs the plan and writes the bundle; returns where it is and what it took. Can be called
  /// once.
  TrainResult run();

 private:
  void read_sections(const toml::table& config);
  void read_stage_switches(const toml::table& section);
  void configure_stages(const toml::table& config);
  void check_plan() const;

  StageRegistry registry_;
  std::string origin_;
  TrainSettings settings_;
  std::map<std::string, bool> enabled_;
  std::vector<Stage*> plan_;
  nlohmann::json effective_config_ = nlohmann::json::object();
  bool ran_ = false;
};

}  // namespace fincoach::pipeline
