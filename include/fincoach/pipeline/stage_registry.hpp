#pragma once
// The stages `fincoach train` knows, in run order. A new capability adds its Stage and one
// line in builtin_stage_registry() (src/pipeline/builtin_stages.cpp); the trainer itself
// does not change.

#include <memory>
#include <string_view>
#include <vector>

#include "fincoach/pipeline/stage.hpp"

namespace fincoach::pipeline {

class StageRegistry {
 public:
  /// Appends a stage to the run order. Throws Internal on a duplicate or invalid name.
  void add(std::unique_ptr<Stage> stage);
  /// nullptr when no stage has that name.
  Stage* find(std::string_view name) const;
  const std::vector<std::unique_ptr<Stage>>& stages() const { return stages_; }
  std::vector<std::string> names() const;

 private:
  std::vector<std::unique_ptr<Stage>> stages_;
};

/// source → validate (→ features, segmentation, … as they land).
StageRegistry builtin_stage_registry();

/// The built-in stages, for registries assembled by hand (tests, tools).
std::unique_ptr<Stage> make_source_stage();
std::unique_ptr<Stage> make_validate_stage();
std::unique_ptr<Stage> make_features_stage();
std::unique_ptr<Stage> make_segment_stage();

}  // namespace fincoach::pipeline
