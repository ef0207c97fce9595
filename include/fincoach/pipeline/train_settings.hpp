#pragma once
// The [train] section of a training config: what holds for the whole run.

#include <cstdint>
#include <string>

#include "fincoach/common/params.hpp"

namespace fincoach::pipeline {

struct TrainSettings {
  /// Folder the bundle is written to. An earlier bundle there is replaced atomically; any
  /// other non-empty folder is refused.
  std::string out = "models/enhanced";
  /// Seed of every random step; per-stage and per-item seeds derive from it.
  uint64_t seed = 42;
  /// Worker threads for the stages that use them (0: all cores; at least 0).
  int threads = 0;
  /// Title of report.html.
  std::string title = "fincoach training report";

  /// Throws InvalidInput naming the field and the bad value.
  void validate() const;
};

/// Binds the fields to the config section [train].
ParamSet train_settings_param_set(TrainSettings& settings);

}  // namespace fincoach::pipeline
