// The one list of stages `fincoach train` runs, in order. A new capability adds its line.

#include "fincoach/pipeline/stage_registry.hpp"

namespace fincoach::pipeline {

StageRegistry builtin_stage_registry() {
  StageRegistry registry;
  registry.add(make_source_stage());
  registry.add(make_validate_stage());
  registry.add(make_features_stage());
  registry.add(make_segment_stage());
  return registry;
}

}  // namespace fincoach::pipeline
