#include "cli_context.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "fincoach/common/error.hpp"

namespace fincoach::cli {

std::string flag_name(const std::string& key) {
  std::string flag = "--" + key;
  for (char& c : flag)
    if (c == '_') c = '-';
  return flag;
}

void CliContext::bind(CLI::App* command, ParamSet params) {
  Binding& binding = bindings_.emplace_back(Binding{command, std::move(params), {}});
  for (const ParamField& field : binding.params.fields()) {
    auto text = std::make_shared<std::string>();
    CLI::Option* option = command->add_option(flag_name(field.key), *text, field.help);
    option->option_text(fmt::format("[{}.{}]", binding.params.section(), field.key));
    binding.flags.push_back({option, field.key, text});
  }
}

void CliContext::set_action(CLI::App* command, std::function<int()> action) { actions_[command] = std::move(action); }

void CliContext::load_config() const {
  if (global.config_path.empty()) return;
  toml::table table;
  try {
    table = toml::parse_file(global.config_path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw InvalidInput(fmt::format("{}:{}:{}: {}", global.config_path, where.line, where.column, e.description()));
  }
  std::set<std::string> known;
  for (const Binding& b : bindings_) known.insert(b.params.section());
  for (const auto& [key, node] : table) {
    if (!known.count(std::string(key.str()))) {
      throw InvalidInput(fmt::format("{}: unknown section [{}] (known: {})", global.config_path, key.str(),
                                     fmt::join(known, ", ")));
    }
    if (!node.is_table())
      throw InvalidInput(fmt::format("{}: '{}' must be a table [{}]", global.config_path, key.str(), key.str()));
  }
  for (const Binding& b : bindings_)
    if (const toml::table* section = table[b.params.section()].as_table())
      b.params.apply_toml(*section, global.config_path);
}

int CliContext::run(const CLI::App& app) {
  const bool owned = std::any_of(config_owners_.begin(), config_owners_.end(), [](CLI::App* c) { return c->parsed(); });
  if (!owned) load_config();
  for (const Binding& b : bindings_)
    for (const FlagBinding& flag : b.flags)
      if (flag.option->count() > 0) b.params.set_from_text(flag.key, *flag.text);
  for (const auto& [command, action] : actions_)
    if (command->parsed()) return action();
  throw InvalidInput(fmt::format("no command given; run '{} --help'", app.get_name()));
}

std::string CliContext::describe_settings() const {
  nlohmann::json all = nlohmann::json::object();
  for (const Binding& b : bindings_) all[b.params.section()] = b.params.to_json();
  return all.dump();
}

}  // namespace fincoach::cli
