#include "fincoach/pipeline/train_settings.hpp"

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach::pipeline {

void TrainSettings::validate() const {
  if (out.empty()) throw InvalidInput("train.out: the bundle folder may not be empty");
  if (threads < 0) throw InvalidInput(fmt::format("train.threads: {} is negative (0 means all cores)", threads));
  if (title.empty()) throw InvalidInput("train.title: the report title may not be empty");
}

ParamSet train_settings_param_set(TrainSettings& s) {
  ParamSet set("train");
  set.add("out", &s.out, "folder the bundle is written to (an earlier bundle there is replaced atomically)")
      .add("seed", &s.seed, "seed of every random step")
      .add("threads", &s.threads, "worker threads for the stages that use them (0: all cores)")
      .add("title", &s.title, "title of report.html");
  return set;
}

}  // namespace fincoach::pipeline
