// fincoach db init|load|export: the FinCoach database, SQLite (a file path or sqlite:PATH) or
// PostgreSQL (postgresql://user:password@host:port/database). See docs/database.md.

#include <fmt/format.h>

#include "commands.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/db/database.hpp"
#include "fincoach/db/exporter.hpp"
#include "fincoach/db/load.hpp"
#include "fincoach/db/schema.hpp"
#include "fincoach/simulate/population_file.hpp"

namespace fincoach::cli {
namespace {

constexpr const char* k_url_help =
    "database: a file path or sqlite:PATH (SQLite), or postgresql://user:password@host:port/database";

struct DbCommand {
  std::string url;
  std::string ledger;
  std::string population;
  std::string out;
  std::string population_out;
};

int run_init(const DbCommand& cmd) {
  auto database = db::open_database(cmd.url, db::OpenMode::CreateIfMissing);
  const db::MigrationResult result = db::migrate(*database);
  if (result.from_version == result.to_version)
    fmt::print("{}: schema version {}, up to date\n", database->display_url(), result.to_version);
  else
    fmt::print("{}: schema version {} -> {}\n", database->display_url(), result.from_version, result.to_version);
  return 0;
}

int run_load(const DbCommand& cmd) {
  if (cmd.ledger.empty() == cmd.population.empty())
    throw InvalidInput("db load: give exactly one of --ledger FILE.fcl or --population DIR");
  const Population population = cmd.ledger.empty() ? simulate::load_population(cmd.population)
                                                   : db::population_from_ledger(load_ledger(cmd.ledger));
  load_population_into_database(cmd.url, population);
  return 0;
}

int run_export(const DbCommand& cmd) {
  if (cmd.out.empty() && cmd.population_out.empty())
    throw InvalidInput("db export: give --out FILE.fcl (the ledger), --population-out DIR (everything), or both");
  auto database = db::open_database(cmd.url, db::OpenMode::MustExist);
  const Population population = db::export_population(*database);
  fmt::print("{}: exported {} users, {} transactions, {} goals, {} recommendations, {} purchases\n",
             database->display_url(), population.users.size(), population.ledger.rows(), population.goals.size(),
             population.recommendations.size(), population.purchases.size());
  if (!cmd.out.empty()) {
    save_ledger(population.ledger, cmd.out);
    fmt::print("ledger: {} (fingerprint {})\n", cmd.out, ledger_fingerprint(population.ledger));
  }
  if (!cmd.population_out.empty()) {
    simulate::save_population(population, cmd.population_out);
    fmt::print("population: {}/{{{},{}}}\n", cmd.population_out, simulate::k_population_ledger_file,
               simulate::k_population_tables_file);
  }
  return 0;
}

}  // namespace

void load_population_into_database(const std::string& url, const Population& population) {
  auto database = db::open_database(url, db::OpenMode::CreateIfMissing);
  db::migrate(*database);
  const db::LoadStats stats = db::load(*database, population);
  fmt::print("{}: loaded {} users, {} transactions, {} goals, {} recommendations ({} with feedback), {} purchases\n",
             database->display_url(), stats.users, stats.transactions, stats.goals, stats.recommendations,
             stats.feedback, stats.purchases);
  fmt::print("{} rows in {:.2f} s ({:.0f} rows/s)\n", stats.rows(), stats.seconds,
             static_cast<double>(stats.rows()) / std::max(stats.seconds, 1e-9));
}

void register_db(CLI::App& app, CliContext& context) {
  static DbCommand cmd;
  CLI::App* db = app.add_subcommand("db", "The FinCoach database (SQLite or PostgreSQL): create, load, export");
  db->require_subcommand(1);

  CLI::App* init = db->add_subcommand("init", "Create the FinCoach schema, or migrate it to this build's version");
  init->add_option("url", cmd.url, k_url_help)->required();
  context.set_action(init, [] { return run_init(cmd); });

  CLI::App* load = db->add_subcommand("load", "Load a ledger or a simulated population, in one transaction");
  load->add_option("url", cmd.url, k_url_help)->required();
  load->add_option("--ledger", cmd.ledger, "ledger file (.fcl); users get default profiles and wallets")
      ->check(CLI::ExistingFile);
  load->add_option("--population", cmd.population, "population directory written by fincoach simulate")
      ->check(CLI::ExistingDirectory);
  context.set_action(load, [] { return run_load(cmd); });

  CLI::App* export_ = db->add_subcommand("export", "Export the ledger and the side tables");
  export_->add_option("url", cmd.url, k_url_help)->required();
  export_->add_option("-o,--out", cmd.out, "ledger file to write (.fcl)");
  export_->add_option("--population-out", cmd.population_out, "population directory to write (ledger + side tables)");
  context.set_action(export_, [] { return run_export(cmd); });
}

}  // namespace fincoach::cli
