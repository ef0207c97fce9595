// fincoach: the command-line program. It parses arguments, calls the library and formats
// output; the one place (with the server) where errors are caught and mapped to exit codes:
// 0 ok, 1 runtime failure, 2 bad input or usage.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include "cli_context.hpp"
#include "commands.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/log.hpp"
#include "fincoach/common/progress.hpp"
#include "fincoach/common/version.hpp"

namespace {

constexpr int k_exit_ok = 0;
constexpr int k_exit_failure = 1;
constexpr int k_exit_bad_input = 2;

void add_global_options(CLI::App& app, fincoach::cli::GlobalOptions& g) {
  app.add_option("--config", g.config_path, "TOML config; sections match the commands' settings")
      ->check(CLI::ExistingFile);
  app.add_option("--seed", g.seed, "seed for every random step")->capture_default_str();
  app.add_option("--threads", g.threads, "worker threads (0: all cores)")->check(CLI::Range(0, 1024));
  app.add_option("--log-level", g.log_level, "trace, debug, info, warn, error, off")->capture_default_str();
  app.add_flag("--no-progress", g.no_progress, "never draw progress bars");
  app.set_version_flag("--version", std::string(fincoach::software_version()));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"fincoach: behavioural personal-finance ML", "fincoach"};
  app.require_subcommand(1);
  app.fallthrough();
  fincoach::cli::CliContext context;
  add_global_options(app, context.global);
  fincoach::cli::register_ingest(app, context);
  fincoach::cli::register_simulate(app, context);
  fincoach::cli::register_db(app, context);
  fincoach::cli::register_validate(app, context);
  fincoach::cli::register_demo(app, context);
  fincoach::cli::register_train(app, context);
  fincoach::cli::register_bundle(app, context);
  fincoach::cli::register_features(app, context);
  fincoach::cli::register_segment(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? k_exit_ok : k_exit_bad_input;
  }
  try {
    fincoach::init_logging(context.global.log_level);
    if (context.global.no_progress) fincoach::Progress::set_enabled_globally(false);
    return context.run(app);
  } catch (const fincoach::InvalidInput& e) {
    spdlog::error("{}", e.what());
    return k_exit_bad_input;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return k_exit_failure;
  }
}
