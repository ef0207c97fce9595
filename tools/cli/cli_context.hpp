#pragma once
// What every subcommand shares: global options, the TOML config, and the binding of
// ParamSets to config sections and CLI flags (each tunable declared once, in its module).

#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "fincoach/common/params.hpp"

namespace fincoach::cli {

struct GlobalOptions {
  std::string config_path;
  uint64_t seed = 42;
  int threads = 0;  ///< 0: all cores
  std::string log_level = "info";
  bool no_progress = false;
};

class CliContext {
 public:
  GlobalOptions global;

  /// Registers a ParamSet: its keys become accepted in the config's [section] and, for the
  /// given subcommand, flags --<key-with-dashes>.
  void bind(CLI::App* command, ParamSet params);
  /// The subcommand reads the whole config file itself (train): the global --config is
  /// left to it instead of being checked against the bound sections.
  void set_config_owner(CLI::App* command) { config_owners_.push_back(command); }
  /// The subcommand's action, run after parsing and config loading.
  void set_action(CLI::App* command, std::function<int()> action);

  /// Loads the config (rejecting unknown sections and keys), then applies the flags that
  /// were given on the command line, then runs the chosen subcommand's action.
  int run(const CLI::App& app);
  /// Effective settings of every section, for logs and manifests.
  std::string describe_settings() const;

 private:
  struct FlagBinding {
    CLI::Option* option;
    std::string key;
    std::shared_ptr<std::string> text;
  };
  struct Binding {
    CLI::App* command;
    ParamSet params;
    std::vector<FlagBinding> flags;
  };
  void load_config() const;

  std::list<Binding> bindings_;
  std::map<CLI::App*, std::function<int()>> actions_;
  std::vector<CLI::App*> config_owners_;
};

/// "max_reject_fraction" → "--max-reject-fraction".
std::string flag_name(const std::string& key);

}  // namespace fincoach::cli
