// The source stage: where the training data comes from. One of
//   csv         bank CSV exports read through a source profile (the ingest module),
//   database    a FinCoach database (SQLite file or PostgreSQL URL) exported by the db module,
//   population  a population folder written by `fincoach simulate` (ledger.fcl + population.fcp),
//   simulate    a population simulated in memory with the run's seed.
// It publishes "ledger" always, "population" when the source has the FinCoach side tables,
// and "ground_truth" when it simulated.

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/population.hpp"
#include "fincoach/db/database.hpp"
#include "fincoach/db/exporter.hpp"
#include "fincoach/ingest/csv_ingest.hpp"
#include "fincoach/ingest/profile.hpp"
#include "fincoach/pipeline/stage_registry.hpp"
#include "fincoach/report/document.hpp"
#include "fincoach/simulate/population_file.hpp"
#include "fincoach/simulate/simulator.hpp"
#include "toml_support.hpp"

namespace fincoach::pipeline {
namespace {

namespace fs = std::filesystem;

enum class SourceKind { Csv, Database, Population, Simulate };

constexpr const char* k_source_kinds = "csv, database, population, simulate";

SourceKind source_kind_from_string(const std::string& text, const std::string& where) {
  if (text == "csv") return SourceKind::Csv;
  if (text == "database") return SourceKind::Database;
  if (text == "population") return SourceKind::Population;
  if (text == "simulate") return SourceKind::Simulate;
  throw InvalidInput(fmt::format("{}: source.kind '{}' is not one of {}", where, text, k_source_kinds));
}

struct SourceParams {
  /// Where the data comes from: csv, database, population or simulate.
  std::string kind = "csv";
  /// csv: built-in profile name or path to a profile .toml.
  std::string profile = "moneyvis";
  /// database: a SQLite file path, sqlite:PATH, or postgresql://user:pass@host:port/db.
  std::string url;
  /// population: folder holding ledger.fcl and population.fcp.
  std::string path;
  /// csv: the files to read (an array; read by configure()).
  std::vector<std::string> files;
};

void require_file(const std::string& path, const std::string& what, const std::string& origin) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw InvalidInput(fmt::format("{}: {} '{}' does not exist or is not a file", origin, what, path));
}

class SourceStage final : public Stage {
 public:
  std::string name() const override { return "source"; }
  std::string summary() const override {
    return "reads the training data: CSV exports, a FinCoach database, a population folder or a simulation";
  }

  std::vector<ParamSet> param_sets() override {
    ParamSet source("source");
    source.add("kind", &params_.kind, fmt::format("where the data comes from: {}", k_source_kinds))
        .add("profile", &params_.profile, "csv: built-in profile name or path to a profile .toml")
        .add("url", &params_.url, "database: SQLite file, sqlite:PATH or postgresql://user:pass@host:port/db")
        .add("path", &params_.path, "population: folder with ledger.fcl and population.fcp");
    return {std::move(source), ingest::ingest_param_set(ingest_), simulate::simulation_param_set(simulation_)};
  }
  std::vector<StructuredKey> structured_keys() const override { return {{"source", "files"}}; }

  void configure(const StageConfig& config) override {
    const toml::node* kind_node = detail::find_key(config.root, "source", "kind");
    const std::string where = kind_node ? detail::where(*kind_node, config.origin) : config.origin;
    kind_ = source_kind_from_string(params_.kind, where);
    if (const toml::node* files = detail::find_key(config.root, "source", "files"))
      params_.files = detail::string_array(*files, "source.files", config.origin);
    switch (kind_) {
      case SourceKind::Csv: return configure_csv(config.origin);
      case SourceKind::Database: return configure_database(config.origin);
      case SourceKind::Population: return configure_population(config.origin);
      case SourceKind::Simulate: return configure_simulation(config.settings);
    }
  }

  // Only what this kind reads, so the saved config says exactly where the data came from.
  void describe_config(nlohmann::json& config) const override {
    nlohmann::json& source = config["source"];
    source["files"] = params_.files;
    const auto keep_only = [&](const std::set<std::string>& keys, const std::set<std::string>& sections) {
      for (const char* key : {"files", "profile", "url", "path"})
        if (!keys.count(key)) source.erase(key);
      for (const char* section : {"ingest", "simulate"})
        if (!sections.count(section)) config.erase(section);
    };
    switch (kind_) {
      case SourceKind::Csv: return keep_only({"files", "profile"}, {"ingest"});
      case SourceKind::Database: return keep_only({"url"}, {});
      case SourceKind::Population: return keep_only({"path"}, {});
      case SourceKind::Simulate: return keep_only({}, {"simulate"});
    }
  }

  std::vector<std::string> inputs() const override { return {}; }
  std::vector<std::string> outputs() const override {
    if (kind_ == SourceKind::Csv) return {k_artifact_ledger};
    if (kind_ == SourceKind::Simulate) return {k_artifact_ledger, k_artifact_population, k_artifact_ground_truth};
    return {k_artifact_ledger, k_artifact_population};
  }

  void run(StageContext& context) override {
    std::shared_ptr<const Ledger> ledger;
    std::vector<report::Fact> facts;
    switch (kind_) {
      case SourceKind::Csv: ledger = read_csv(context, facts); break;
      case SourceKind::Database: ledger = publish_population(context, read_database(facts)); break;
      case SourceKind::Population: ledger = publish_population(context, read_population(facts)); break;
      case SourceKind::Simulate: ledger = simulate_population(context, facts); break;
    }
    context.output<Ledger>(k_artifact_ledger, ledger);
    describe_data(context, *ledger, facts);
  }

 private:
  void configure_csv(const std::string& origin) {
    if (params_.files.empty())
      throw InvalidInput(fmt::format("{}: source.kind = \"csv\" needs source.files = [\"a.csv\", ...]", origin));
    for (const std::string& file : params_.files) require_file(file, "source file", origin);
    const std::vector<std::string> builtin = ingest::builtin_profile_names();
    if (std::find(builtin.begin(), builtin.end(), params_.profile) == builtin.end() && !fs::exists(params_.profile)) {
      throw InvalidInput(fmt::format("{}: source.profile '{}' is neither a built-in profile ({}) nor a profile file",
                                     origin, params_.profile, fmt::join(builtin, ", ")));
    }
    ingest::resolve_profile(params_.profile);  // a profile file that does not parse throws InvalidInput
    ingest_.progress = true;
    ingest_.validate();
  }

  void configure_database(const std::string& origin) {
    if (params_.url.empty())
      throw InvalidInput(fmt::format("{}: source.kind = \"database\" needs source.url (a SQLite file or a "
                                     "postgresql:// URL)",
                                     origin));
    const db::DatabaseUrl url = db::parse_database_url(params_.url);
    if (url.engine == db::Engine::Sqlite) require_file(url.target, "SQLite database", origin);
  }

  void configure_population(const std::string& origin) {
    if (params_.path.empty())
      throw InvalidInput(fmt::format("{}: source.kind = \"population\" needs source.path (a population folder)", origin));
    require_file((fs::path(params_.path) / simulate::k_population_ledger_file).string(), "population ledger", origin);
    require_file((fs::path(params_.path) / simulate::k_population_tables_file).string(), "population tables", origin);
  }

  void configure_simulation(const TrainSettings& settings) {
    simulation_.seed = settings.seed;
    simulation_.threads = settings.threads;
    simulation_.validate();
  }

  std::shared_ptr<const Ledger> read_csv(StageContext& context, std::vector<report::Fact>& facts) {
    ingest::IngestResult result = ingest::ingest_csv(params_.files, ingest::resolve_profile(params_.profile), ingest_);
    const std::string rejects_path = context.bundle().file_path(
        "validation_reports/ingest_rejects.csv", "rows the source could not read: file, line, column, kind, raw text");
    ingest::write_rejects_csv(result.rejects, rejects_path);
    ingest::enforce_reject_policy(result, ingest_);
    const ingest::IngestStats& s = result.stats;
    facts.push_back({"Source", fmt::format("{} CSV file(s)", s.files), fmt::format("profile {}", params_.profile)});
    facts.push_back({"Rejected rows", report::group_thousands(s.rows_rejected),
                     fmt::format("{} of {} ({:.2f}%, limit {:.2f}%)", report::group_thousands(s.rows_rejected),
                                 report::group_thousands(s.rows_total), 100.0 * s.reject_fraction(),
                                 100.0 * ingest_.max_reject_fraction)});
    metrics_ = {{"kind", "csv"}, {"files", s.files}, {"rows_rejected", s.rows_rejected},
                {"reject_fraction", s.reject_fraction()}};
    return std::make_shared<const Ledger>(std::move(result.ledger));
  }

  Population read_database(std::vector<report::Fact>& facts) {
    const std::unique_ptr<db::Database> database = db::open_database(params_.url, db::OpenMode::MustExist);
    Population population = db::export_population(*database);
    facts.push_back({"Source", "FinCoach database", database->display_url()});
    metrics_ = {{"kind", "database"}, {"engine", std::string(db::to_string(database->engine()))}};
    return population;
  }

  Population read_population(std::vector<report::Fact>& facts) {
    Population population = simulate::load_population(params_.path);
    facts.push_back({"Source", "population folder", params_.path});
    metrics_ = {{"kind", "population"}};
    return population;
  }

  std::shared_ptr<const Ledger> simulate_population(StageContext& context, std::vector<report::Fact>& facts) {
    simulate::SimulationResult result = simulate::simulate(simulation_);
    facts.push_back({"Source", "simulation",
                     fmt::format("{} users x {} months from {}, seed {}", report::group_thousands(result.stats.users),
                                 simulation_.months, simulation_.start_date, simulation_.seed)});
    metrics_ = {{"kind", "simulate"}, {"recommendations", result.stats.recommendations}};
    context.output<simulate::GroundTruth>(k_artifact_ground_truth, std::move(result.truth));
    return publish_population(context, std::move(result.population));
  }

  // The ledger artifact shares the population's storage: no copy of the largest table.
  static std::shared_ptr<const Ledger> publish_population(StageContext& context, Population population) {
    auto shared = std::make_shared<const Population>(std::move(population));
    context.output<Population>(k_artifact_population, shared);
    return std::shared_ptr<const Ledger>(shared, &shared->ledger);
  }

  void describe_data(StageContext& context, const Ledger& ledger, std::vector<report::Fact> facts) {
    const auto [first, last] = std::minmax_element(ledger.day.begin(), ledger.day.end());
    const bool has_rows = ledger.rows() > 0;
    facts.push_back({"Rows", report::group_thousands(ledger.rows()),
                     fmt::format("{} user(s), {}", report::group_thousands(ledger.user_count()), ledger.currency)});
    if (has_rows) facts.push_back({"Period", fmt::format("{} .. {}", format_iso_date(*first), format_iso_date(*last)), ""});
    metrics_["rows"] = ledger.rows();
    metrics_["users"] = ledger.user_count();
    if (has_rows) {
      metrics_["first_day"] = format_iso_date(*first);
      metrics_["last_day"] = format_iso_date(*last);
    }
    context.set_headline_metrics(metrics_);
    report::Section section("source", "Data source");
    section.add_paragraph("Where the training data came from and how much of it there is.");
    section.add_facts(std::move(facts));
    context.add_report_section(std::move(section));
  }

  SourceParams params_;
  SourceKind kind_ = SourceKind::Csv;
  ingest::IngestParams ingest_;
  simulate::SimulationParams simulation_;
  nlohmann::json metrics_ = nlohmann::json::object();
};

}  // namespace

std::unique_ptr<Stage> make_source_stage() { return std::make_unique<SourceStage>(); }

}  // namespace fincoach::pipeline
