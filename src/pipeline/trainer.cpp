// Planning a training run: everything that can be wrong with a config is found here, before
// any stage runs. Running the plan is in trainer_run.cpp.

#include "fincoach/pipeline/trainer.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "fincoach/bundle/bundle_writer.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "toml_support.hpp"

namespace fincoach::pipeline {
namespace {

bool is_structured(const std::vector<StructuredKey>& keys, std::string_view section, std::string_view key) {
  return std::any_of(keys.begin(), keys.end(), [&](const StructuredKey& k) { return k.section == section && k.key == key; });
}

// Every config section with the ParamSet that owns it.
struct SectionOwners {
  std::map<std::string, ParamSet> params;
  std::vector<StructuredKey> structured;

  std::string known() const {
    std::vector<std::string> names{k_stages_section};
    for (const auto& [name, set] : params) names.push_back(name);
    std::sort(names.begin(), names.end());
    return fmt::format("{}", fmt::join(names, ", "));
  }
};

SectionOwners collect_sections(const StageRegistry& registry, TrainSettings& settings) {
  SectionOwners owners;
  owners.params.emplace(k_train_section, train_settings_param_set(settings));
  for (const auto& stage : registry.stages()) {
    for (ParamSet& set : stage->param_sets()) {
      const std::string section = set.section();
      if (section == k_stages_section || !owners.params.emplace(section, std::move(set)).second)
        throw Internal(fmt::format("config section [{}] is claimed twice (stage '{}')", section, stage->name()));
    }
    for (const StructuredKey& key : stage->structured_keys()) owners.structured.push_back(key);
  }
  return owners;
}

// Each key on its own, so a message can name the line of the offending key.
void apply_section(const ParamSet& params, const toml::table& section, const std::vector<StructuredKey>& structured,
                   const std::string& origin) {
  for (const auto& [key, value] : section) {
    if (is_structured(structured, params.section(), key.str())) continue;
    toml::table single;
    single.insert(key, value);
    params.apply_toml(single, detail::where(value, origin));
  }
}

}  // namespace

Trainer::Trainer(StageRegistry registry, const toml::table& config, std::string origin, const TrainOverrides& overrides)
    : registry_(std::move(registry)), origin_(std::move(origin)) {
  FINCOACH_ASSERT(!registry_.stages().empty());
  for (const auto& stage : registry_.stages()) enabled_[stage->name()] = true;
  read_sections(config);
  if (overrides.out) settings_.out = *overrides.out;
  if (overrides.seed) settings_.seed = *overrides.seed;
  if (overrides.threads) settings_.threads = *overrides.threads;
  settings_.validate();
  configure_stages(config);
  check_plan();
  bundle::check_bundle_destination(settings_.out);
}

Trainer Trainer::from_file(StageRegistry registry, const std::string& path, const TrainOverrides& overrides) {
  const toml::table config = detail::parse_toml(read_text_file(path), path);
  return Trainer(std::move(registry), config, path, overrides);
}

Trainer Trainer::from_text(StageRegistry registry, std::string_view text, std::string origin,
                           const TrainOverrides& overrides) {
  const toml::table config = detail::parse_toml(text, origin);
  return Trainer(std::move(registry), config, std::move(origin), overrides);
}

Trainer::Trainer(Trainer&&) noexcept = default;
Trainer& Trainer::operator=(Trainer&&) noexcept = default;
Trainer::~Trainer() = default;

void Trainer::read_sections(const toml::table& config) {
  const SectionOwners owners = collect_sections(registry_, settings_);
  for (const auto& [key, node] : config) {
    const std::string name(key.str());
    const std::string where = detail::where(node, origin_);
    const toml::table* section = node.as_table();
    if (name != k_stages_section && !owners.params.count(name)) {
      throw InvalidInput(fmt::format("{}: unknown {} '{}' (known sections: {})", where,
                                     section ? "section" : "top-level key", name, owners.known()));
    }
    if (section == nullptr)
      throw InvalidInput(fmt::format("{}: '{}' must be a section [{}], not a value", where, name, name));
    if (name == k_stages_section) {
      read_stage_switches(*section);
      continue;
    }
    apply_section(owners.params.at(name), *section, owners.structured, origin_);
  }
}

void Trainer::read_stage_switches(const toml::table& section) {
  for (const auto& [key, value] : section) {
    const std::string name(key.str());
    const std::string where = detail::where(value, origin_);
    if (registry_.find(name) == nullptr) {
      throw InvalidInput(fmt::format("{}: unknown stage '{}' in [{}] (stages: {})", where, name, k_stages_section,
                                     fmt::join(registry_.names(), ", ")));
    }
    const std::optional<bool> on = value.value_exact<bool>();
    if (!on) throw InvalidInput(fmt::format("{}: '{}.{}' must be true or false", where, k_stages_section, name));
    enabled_[name] = *on;
  }
}

void Trainer::configure_stages(const toml::table& config) {
  std::set<std::string> available;
  for (const auto& stage : registry_.stages()) {
    if (!enabled_.at(stage->name())) continue;
    stage->configure(StageConfig{config, origin_, settings_, available});
    plan_.push_back(stage.get());
    for (const std::string& output : stage->outputs()) available.insert(output);
  }
  // Values may have changed in configure() (structured keys), so the sections are re-read.
  TrainSettings scratch;
  const SectionOwners owners = collect_sections(registry_, scratch);
  for (const auto& [name, params] : owners.params)
    if (name != k_train_section) effective_config_[name] = params.to_json();
  effective_config_[k_train_section] = train_settings_param_set(settings_).to_json();
  effective_config_[k_stages_section] = enabled_;
  for (const auto& stage : registry_.stages()) stage->describe_config(effective_config_);
}

void Trainer::check_plan() const {
  if (plan_.empty())
    throw InvalidInput(fmt::format("{}: every stage is disabled in [{}]; nothing to do", origin_, k_stages_section));
  std::map<std::string, std::string> produced_by;
  for (const Stage* stage : plan_) {
    for (const std::string& input : stage->inputs()) {
      if (produced_by.count(input)) continue;
      std::string hint = "no stage produces it with this config";
      for (const auto& other : registry_.stages()) {
        const std::vector<std::string> outputs = other->outputs();
        if (std::find(outputs.begin(), outputs.end(), input) == outputs.end() || other.get() == stage) continue;
        hint = enabled_.at(other->name())
                   ? fmt::format("stage '{}' produces it but runs later", other->name())
                   : fmt::format("stage '{}' produces it but is disabled in [{}]", other->name(), k_stages_section);
        break;
      }
      throw InvalidInput(fmt::format("{}: stage '{}' needs '{}', which no earlier enabled stage produces ({})", origin_,
                                     stage->name(), input, hint));
    }
    for (const std::string& output : stage->outputs()) {
      if (!produced_by.emplace(output, stage->name()).second)
        throw Internal(fmt::format("stages '{}' and '{}' both produce '{}'", produced_by[output], stage->name(), output));
    }
  }
}

std::string Trainer::describe_plan() const {
  std::string out;
  for (size_t i = 0; i < plan_.size(); ++i) {
    const Stage& stage = *plan_[i];
    const std::vector<std::string> inputs = stage.inputs();
    out += fmt::format("{}. {:<10} {} -> {}\n", i + 1, stage.name(), inputs.empty() ? "-" : fmt::format("{}", fmt::join(inputs, ", ")),
                       fmt::format("{}", fmt::join(stage.outputs(), ", ")));
  }
  out += fmt::format("bundle: {}\n", settings_.out);
  return out;
}

}  // namespace fincoach::pipeline
