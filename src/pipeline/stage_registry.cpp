#include "fincoach/pipeline/stage_registry.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach::pipeline {
namespace {

bool is_stage_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

void StageRegistry::add(std::unique_ptr<Stage> stage) {
  FINCOACH_ASSERT(stage != nullptr);
  const std::string name = stage->name();
  if (!is_stage_name(name)) throw Internal(fmt::format("stage name '{}' is not lower-case letters, digits and '_'", name));
  if (find(name) != nullptr) throw Internal(fmt::format("two stages are named '{}'", name));
  stages_.push_back(std::move(stage));
}

Stage* StageRegistry::find(std::string_view name) const {
  const auto it = std::find_if(stages_.begin(), stages_.end(), [&](const auto& s) { return s->name() == name; });
  return it == stages_.end() ? nullptr : it->get();
}

std::vector<std::string> StageRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& stage : stages_) out.push_back(stage->name());
  return out;
}

}  // namespace fincoach::pipeline
