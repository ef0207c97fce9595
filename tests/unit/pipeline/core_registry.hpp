#pragma once
// The stages these tests are about (source, validate), without the later capabilities in
// builtin_stage_registry(), so the expected bundles do not change as stages are added.

#include "fincoach/pipeline/stage_registry.hpp"

namespace fincoach::pipeline::testing {

inline StageRegistry core_registry() {
  StageRegistry registry;
  registry.add(make_source_stage());
  registry.add(make_validate_stage());
  return registry;
}

}  // namespace fincoach::pipeline::testing
