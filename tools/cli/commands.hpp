#pragma once
// Each subcommand registers itself on the app; the actions live in their own files.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli_context.hpp"
#include "fincoach/common/population.hpp"
#include "fincoach/ingest/csv_ingest.hpp"

namespace fincoach::cli {

void register_ingest(CLI::App& app, CliContext& context);
void register_simulate(CLI::App& app, CliContext& context);
void register_db(CLI::App& app, CliContext& context);
void register_validate(CLI::App& app, CliContext& context);
void register_demo(CLI::App& app, CliContext& context);
void register_train(CLI::App& app, CliContext& context);
void register_bundle(CLI::App& app, CliContext& context);
void register_features(CLI::App& app, CliContext& context);
void register_segment(CLI::App& app, CliContext& context);

/// Ingests CSV files, writes the rejects CSV (header only when nothing was rejected) and enforces the
/// reject policy. Prints the ingest summary to stdout.
ingest::IngestResult ingest_files(const std::vector<std::string>& files, const std::string& profile,
                                  const ingest::IngestParams& params, const std::string& rejects_path);

/// Opens (creating if missing) and migrates the database at `url`, loads `population` in one
/// transaction and prints what was loaded: `fincoach db load` and `fincoach simulate --db`.
void load_population_into_database(const std::string& url, const Population& population);

}  // namespace fincoach::cli
