// fincoach simulate: a behavioural population with its ground truth.
//   DIR/ledger.fcl + DIR/population.fcp   the Population (binary, see population_file.hpp)
//   DIR/transactions.csv                   the ledger in the `fincoach` profile's format
//   DIR/ground_truth/*.csv                 personas, traits, goal outcomes, responses, streams, events
//   DIR/manifest.json                      settings, counts and fingerprints of the run
// and/or, with --db URL, the population loaded into a FinCoach database (SQLite file or
// postgresql://…), migrated first, in one transaction (as `fincoach db load`).

#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/common/version.hpp"
#include "fincoach/db/database.hpp"
#include "fincoach/simulate/population_file.hpp"
#include "fincoach/simulate/simulator.hpp"
#include "fincoach/simulate/transactions_csv.hpp"

namespace fincoach::cli {
namespace {

struct SimulateCommand {
  simulate::SimulationParams params;
  std::string out;
  std::string db_url;
  bool no_csv = false;
};

nlohmann::json manifest(const simulate::SimulationResult& r, simulate::SimulationParams params,
                        const std::string& fingerprint) {
  const Population& p = r.population;
  nlohmann::json m;
  m["software_version"] = std::string(software_version());
  m["seed"] = params.seed;
  m["settings"] = simulate::simulation_param_set(params).to_json();
  m["policy"] = r.truth.policy;
  m["first_day"] = format_iso_date(r.stats.first_day);
  m["last_day"] = format_iso_date(r.stats.end_day - 1);
  m["currency"] = p.ledger.currency;
  m["counts"] = {{"users", p.users.size()},
                 {"transactions", p.ledger.rows()},
                 {"goals", p.goals.size()},
                 {"recommendations", p.recommendations.size()},
                 {"purchases", p.purchases.size()}};
  m["ledger_fingerprint"] = fingerprint;
  return m;
}

void print_summary(const simulate::SimulationResult& r) {
  const Population& p = r.population;
  size_t achieved = 0;
  for (uint8_t a : r.truth.goals.achieved) achieved += a;
  fmt::print("simulated {} users from {} to {} in {:.2f} s on {} thread(s): {} transactions ({:.0f} rows/s)\n",
             r.stats.users, format_iso_date(r.stats.first_day), format_iso_date(r.stats.end_day - 1), r.stats.seconds,
             r.stats.threads, r.stats.rows, static_cast<double>(r.stats.rows) / std::max(r.stats.seconds, 1e-9));
  fmt::print("goals {} ({} achieved), recommendations {} (policy {}), marketplace purchases {}\n", p.goals.size(),
             achieved, p.recommendations.size(), r.truth.policy, p.purchases.size());
}

/// Writes every output of a run into `dir`.
void write_outputs(const simulate::SimulationResult& r, const SimulateCommand& cmd) {
  const std::filesystem::path dir(cmd.out);
  ensure_directory(cmd.out);
  simulate::save_population(r.population, cmd.out);
  if (!cmd.no_csv)
    simulate::write_fincoach_csv(r.population.ledger, (dir / "transactions.csv").string(), cmd.params.threads);
  simulate::write_ground_truth(r.population, r.truth, (dir / "ground_truth").string());
  const std::string fingerprint = ledger_fingerprint(r.population.ledger);
  write_file_atomic((dir / "manifest.json").string(), manifest(r, cmd.params, fingerprint).dump(2) + "\n");
  fmt::print("population: {}/{{{},{}}} (ledger fingerprint {})\n", cmd.out, simulate::k_population_ledger_file,
             simulate::k_population_tables_file, fingerprint);
  if (!cmd.no_csv) fmt::print("transactions: {}\n", (dir / "transactions.csv").string());
  fmt::print("ground truth: {}\n", (dir / "ground_truth").string());
}

}  // namespace

void register_simulate(CLI::App& app, CliContext& context) {
  static SimulateCommand cmd;
  CLI::App* sub = app.add_subcommand(
      "simulate", "Simulate a population of users (transactions, goals, coaching log) with its ground truth");
  sub->add_option("-o,--out", cmd.out, "output directory (population files, transactions.csv, ground_truth/)");
  sub->add_flag("--no-csv", cmd.no_csv, "skip transactions.csv (the population files hold everything)");
  sub->add_option("--db", cmd.db_url,
                  "also (or only) load the population into this FinCoach database: a SQLite path or "
                  "postgresql://user:password@host:port/database");
  context.bind(sub, simulate::simulation_param_set(cmd.params));
  context.set_action(sub, [&context] {
    // --seed and --threads are the program's global options.
    cmd.params.seed = context.global.seed;
    cmd.params.threads = context.global.threads;
    if (cmd.out.empty() && cmd.db_url.empty())
      throw InvalidInput("simulate: give an output directory with --out DIR, a database with --db URL, or both");
    // A bad URL fails here, before any simulating.
    if (!cmd.db_url.empty()) db::parse_database_url(cmd.db_url);
    const simulate::SimulationResult result = simulate::simulate(cmd.params);
    print_summary(result);
    if (!cmd.out.empty()) write_outputs(result, cmd);
    if (!cmd.db_url.empty()) load_population_into_database(cmd.db_url, result.population);
    return 0;
  });
}

}  // namespace fincoach::cli
