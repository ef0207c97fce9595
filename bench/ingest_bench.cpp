// Hot path: CSV ingest end to end — split, parse dates and amounts, map categories, build
// the dictionary-encoded Ledger and write the ledger file — single-threaded.
//
//   fincoach_ingest_bench --csv=FILE [--ledger-out=FILE] [benchmark flags]
// Without --csv a 200,000-row MoneyVis-shaped file is generated in a scratch directory.
// Target: >= 300 MB/s (bytes_per_second counts the CSV file's bytes).

#include <benchmark/benchmark.h>

#include <cstdio>
#include <exception>
#include <optional>
#include <string>

#include "bench_util.hpp"
#include "csv_generator.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/ingest/csv_ingest.hpp"
#include "fincoach/ingest/profile.hpp"

namespace {

constexpr const char* k_usage =
    "usage: fincoach_ingest_bench [--csv=FILE] [--ledger-out=FILE] [--benchmark_...]\n"
    "  --csv=FILE         MoneyVis-shaped CSV to ingest (default: generate 200000 rows)\n"
    "  --ledger-out=FILE  where the ledger is written each iteration (default: FILE.fcl)\n";

constexpr uint64_t k_default_rows = 200'000;

/// Set when a run was stopped for rejected rows, so the program exits non-zero (Google
/// Benchmark itself exits 0 after SkipWithError).
bool g_rejects_seen = false;

struct Inputs {
  std::string csv;
  std::string ledger_out;
  uint64_t csv_bytes = 0;
};

fincoach::ingest::IngestResult ingest_once(const Inputs& in, const fincoach::ingest::SourceProfile& profile) {
  fincoach::ingest::IngestParams params;
  params.progress = false;
  return fincoach::ingest::ingest_csv({in.csv}, profile, params);
}

/// Sets the rate counters from the last iteration's row count.
void set_rates(benchmark::State& state, const Inputs& in, uint64_t rows) {
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["bytes_per_second"] =
      benchmark::Counter(static_cast<double>(in.csv_bytes) * iterations, benchmark::Counter::kIsRate);
  state.counters["items_per_second"] =
      benchmark::Counter(static_cast<double>(rows) * iterations, benchmark::Counter::kIsRate);
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["csv_bytes"] = static_cast<double>(in.csv_bytes);
}

/// Stops the run when the generated file did not load cleanly: a rate over rejected rows
/// would flatter the parser.
bool loaded_cleanly(benchmark::State& state, const fincoach::ingest::IngestResult& result) {
  if (result.stats.rows_rejected == 0 && result.stats.rows_loaded == result.stats.rows_total) return true;
  std::string message = "ingest rejected " + std::to_string(result.stats.rows_rejected) + " of " +
                        std::to_string(result.stats.rows_total) + " rows";
  if (!result.rejects.empty()) {
    const auto& first = result.rejects.front();
    message += "; first: line " + std::to_string(first.line) + " column '" + first.column + "': " + first.message;
  }
  state.SkipWithError(message.c_str());
  g_rejects_seen = true;
  return false;
}

/// The target measurement: CSV bytes in, ledger file out.
void bm_ingest_and_save(benchmark::State& state, const Inputs& in) {
  const auto profile = fincoach::ingest::builtin_profile("moneyvis");
  uint64_t rows = 0;
  for (auto _ : state) {
    auto result = ingest_once(in, profile);
    if (!loaded_cleanly(state, result)) return;
    fincoach::save_ledger(result.ledger, in.ledger_out);
    rows = result.stats.rows_loaded;
    benchmark::DoNotOptimize(result.ledger.amount.data());
  }
  set_rates(state, in, rows);
}

/// The same without writing the ledger file, to show how the time splits.
void bm_ingest_only(benchmark::State& state, const Inputs& in) {
  const auto profile = fincoach::ingest::builtin_profile("moneyvis");
  uint64_t rows = 0;
  for (auto _ : state) {
    auto result = ingest_once(in, profile);
    if (!loaded_cleanly(state, result)) return;
    rows = result.stats.rows_loaded;
    benchmark::DoNotOptimize(result.ledger.amount.data());
  }
  set_rates(state, in, rows);
}

int run(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  Inputs in;
  in.csv = fincoach::bench::take_option(argc, argv, "csv");
  in.ledger_out = fincoach::bench::take_option(argc, argv, "ledger-out");
  fincoach::bench::reject_leftover_arguments(argc, argv, k_usage);

  std::optional<fincoach::bench::ScratchDir> scratch;
  if (in.csv.empty()) {
    scratch.emplace();
    in.csv = scratch->path() + "/moneyvis.csv";
    fincoach::bench::CsvGeneratorParams params;
    params.rows = k_default_rows;
    fincoach::bench::write_moneyvis_csv_file(params, in.csv);
  }
  if (in.ledger_out.empty()) in.ledger_out = in.csv + ".fcl";
  in.csv_bytes = fincoach::bench::file_size(in.csv);
  fincoach::bench::warm_page_cache(in.csv);
  benchmark::AddCustomContext("csv", in.csv);
  benchmark::AddCustomContext("csv_bytes", std::to_string(in.csv_bytes));

  benchmark::RegisterBenchmark("ingest_csv_and_save_ledger", bm_ingest_and_save, in)
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("ingest_csv_only", bm_ingest_only, in)->UseRealTime()->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (g_rejects_seen) {
    std::fprintf(stderr, "fincoach_ingest_bench: the input did not load cleanly (see the error above)\n");
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const fincoach::InvalidInput& e) {
    std::fprintf(stderr, "fincoach_ingest_bench: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fincoach_ingest_bench: %s\n", e.what());
    return 1;
  }
}
