// fincoach demo: the README's first command. Simulates a default population, loads it into a
// SQLite FinCoach database, trains every available stage from that database (the same path
// as `fincoach train` with source.kind = "database"), and says where the bundle and its
// report are. The config it used is saved beside them, so the run can be repeated with
// `fincoach train --config <out>/train.toml`.

#include <cstdint>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "commands.hpp"
#include "fincoach/bundle/bundle_writer.hpp"
#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/db/database.hpp"
#include "fincoach/db/load.hpp"
#include "fincoach/db/schema.hpp"
#include "fincoach/pipeline/trainer.hpp"
#include "fincoach/simulate/simulator.hpp"

namespace fincoach::cli {
namespace {

namespace fs = std::filesystem;

struct DemoCommand {
  std::string out = "fincoach-demo";
  simulate::SimulationParams simulation = [] {
    simulate::SimulationParams p;
    p.users = 2000;
    p.months = 18;
    return p;
  }();
};

std::string database_path(const DemoCommand& cmd) { return (fs::path(cmd.out) / "fincoach.db").string(); }
std::string bundle_path(const DemoCommand& cmd) { return (fs::path(cmd.out) / "models" / "enhanced").string(); }

// A fresh database each run: loading refuses users that are already there.
void remove_database(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

simulate::SimulationResult simulate_population(const DemoCommand& cmd) {
  fmt::print("== simulate {} users x {} months (seed {})\n", cmd.simulation.users, cmd.simulation.months,
             cmd.simulation.seed);
  simulate::SimulationResult result = simulate::simulate(cmd.simulation);
  fmt::print("{} transactions, {} goals, {} logged recommendations from {} to {} in {:.1f} s\n",
             result.stats.rows, result.population.goals.size(), result.stats.recommendations,
             format_iso_date(result.stats.first_day), format_iso_date(result.stats.end_day - 1), result.stats.seconds);
  return result;
}

void load_database(const Population& population, const std::string& path) {
  fmt::print("\n== load into SQLite {}\n", path);
  remove_database(path);
  const std::unique_ptr<db::Database> database = db::open_database(path, db::OpenMode::CreateIfMissing);
  db::migrate(*database);
  const db::LoadStats stats = db::load(*database, population);
  fmt::print("{} rows in {:.1f} s\n", stats.rows(), stats.seconds);
}

toml::table train_config(const DemoCommand& cmd, const CliContext& context) {
  return toml::table{
      {"train", toml::table{{"out", bundle_path(cmd)},
                            {"seed", static_cast<int64_t>(context.global.seed)},
                            {"threads", context.global.threads},
                            {"title", "fincoach demo: training report"}}},
      {"source", toml::table{{"kind", "database"}, {"url", "sqlite:" + database_path(cmd)}}},
  };
}

}  // namespace

void register_demo(CLI::App& app, CliContext& context) {
  static DemoCommand cmd;
  CLI::App* sub = app.add_subcommand(
      "demo", "Simulate a population into SQLite, train every available stage, and write the bundle and its report");
  sub->add_option("-o,--out", cmd.out, "output folder (database, train.toml, models/enhanced/)")->capture_default_str();
  context.bind(sub, simulate::simulation_param_set(cmd.simulation));
  context.set_action(sub, [&context] {
    cmd.simulation.seed = context.global.seed;
    cmd.simulation.threads = context.global.threads;
    cmd.simulation.validate();
    // The seed goes into train.toml, and TOML integers are signed 64-bit.
    if (context.global.seed > static_cast<uint64_t>(INT64_MAX))
      throw InvalidInput(fmt::format("demo: --seed {} does not fit a TOML integer (at most {})", context.global.seed, INT64_MAX));
    bundle::check_bundle_destination(bundle_path(cmd));  // before any work
    ensure_directory(cmd.out);

    const simulate::SimulationResult simulated = simulate_population(cmd);
    load_database(simulated.population, database_path(cmd));

    const toml::table config = train_config(cmd, context);
    const std::string config_path = (fs::path(cmd.out) / "train.toml").string();
    std::ostringstream config_text;
    config_text << "# The config `fincoach demo` trained with; rerun: fincoach train --config " << config_path << "\n"
                << config << "\n";
    write_file_atomic(config_path, config_text.str());

    fmt::print("\n== train (config {})\n", config_path);
    pipeline::Trainer trainer(pipeline::builtin_stage_registry(), config, config_path);
    const pipeline::TrainResult result = trainer.run();
    fmt::print("\n{}", result.summary_text());
    fmt::print("database: {} (SQLite, FinCoach schema)\n", database_path(cmd));
    fmt::print("next:    fincoach train --config {} trains again from the database; edit [source] to train on your "
               "own data\n",
               config_path);
    return 0;
  });
}

}  // namespace fincoach::cli
