// fincoach train --config FILE: every available stage, from one TOML config, into a model
// bundle with its report. The config format is in docs/pipeline.md.

#include <fmt/format.h>

#include "commands.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/pipeline/trainer.hpp"

namespace fincoach::cli {
namespace {

struct TrainCommand {
  std::string config;
  std::string out;
  bool dry_run = false;
  bool list_stages = false;
};

void print_stages() {
  const pipeline::StageRegistry registry = pipeline::builtin_stage_registry();
  for (const auto& stage : registry.stages()) {
    std::vector<std::string> sections;
    for (const ParamSet& set : stage->param_sets()) sections.push_back("[" + set.section() + "]");
    fmt::print("{:<10} {}\n", stage->name(), stage->summary());
    fmt::print("{:<10} config: {}\n", "", sections.empty() ? "-" : fmt::format("{}", fmt::join(sections, " ")));
  }
}

// The program's global --seed and --threads win over the config when they were given.
pipeline::TrainOverrides overrides(const CLI::App& app, const CliContext& context, const TrainCommand& cmd) {
  pipeline::TrainOverrides o;
  if (!cmd.out.empty()) o.out = cmd.out;
  if (app.get_option("--seed")->count() > 0) o.seed = context.global.seed;
  if (app.get_option("--threads")->count() > 0) o.threads = context.global.threads;
  return o;
}

}  // namespace

void register_train(CLI::App& app, CliContext& context) {
  static TrainCommand cmd;
  CLI::App* sub = app.add_subcommand(
      "train", "Run every stage from a TOML config and write the model bundle (manifest, reports, report.html)");
  sub->add_option("-c,--config", cmd.config, "training config: [train], [source], [stages] and one section per stage")
      ->check(CLI::ExistingFile);
  sub->add_option("-o,--out", cmd.out, "bundle folder (overrides [train] out)");
  sub->add_flag("--dry-run", cmd.dry_run, "check the config and print the plan without running anything");
  sub->add_flag("--list-stages", cmd.list_stages, "list the stages and their config sections, then exit");
  context.set_config_owner(sub);
  context.set_action(sub, [&app, &context] {
    if (cmd.list_stages) {
      print_stages();
      return 0;
    }
    if (cmd.config.empty()) cmd.config = context.global.config_path;
    if (cmd.config.empty())
      throw InvalidInput("train: give the training config with --config FILE (format: docs/pipeline.md)");
    pipeline::Trainer trainer =
        pipeline::Trainer::from_file(pipeline::builtin_stage_registry(), cmd.config, overrides(app, context, cmd));
    fmt::print("plan ({}):\n{}", cmd.config, trainer.describe_plan());
    if (cmd.dry_run) {
      fmt::print("config ok; nothing was run (--dry-run)\n");
      return 0;
    }
    const pipeline::TrainResult result = trainer.run();
    fmt::print("\n{}", result.summary_text());
    return 0;
  });
}

}  // namespace fincoach::cli
