#include "fincoach/pipeline/artifacts.hpp"

namespace fincoach::pipeline {

std::vector<std::string> Artifacts::names() const {
  std::vector<std::string> out;
  out.reserve(values_.size());
  for (const auto& [name, value] : values_) out.push_back(name);
  return out;
}

}  // namespace fincoach::pipeline
