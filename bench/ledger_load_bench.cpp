// Hot path: loading the binary columnar ledger file (one read per column, checksums
// verified) from the page cache.
//
//   fincoach_ledger_load_bench --ledger=FILE [benchmark flags]
// Without --ledger a 1,000,000-row synthetic ledger is written to a scratch directory.
// Target: >= 2 GB/s (bytes_per_second counts the ledger file's bytes).

#include <benchmark/benchmark.h>

#include <cstdio>
#include <exception>
#include <optional>
#include <string>

#include "bench_util.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/ledger.hpp"
#include "fincoach/common/ledger_file.hpp"

namespace {

constexpr const char* k_usage =
    "usage: fincoach_ledger_load_bench [--ledger=FILE] [--benchmark_...]\n"
    "  --ledger=FILE  ledger file to load (default: write a 1000000-row synthetic one)\n";

constexpr uint32_t k_synthetic_rows = 1'000'000;

/// A ledger with MoneyVis-like shape and dictionary sizes, for runs without a real file.
fincoach::Ledger synthetic_ledger(uint32_t rows) {
  static const char* const k_descriptions[] = {"SAVE THE CHANGE",    "Amazon UK Marketpl", "AMZNMktplace",
                                               "LIDL GB  NOTTINGHA", "LNK UNI - UNIVERSI", "BRITISH GAS"};
  static const char* const k_types[] = {"DEB", "BP", "DD", "CPT", "FPO", "BGC"};
  static const char* const k_raw_categories[] = {"Savings", "Amazon", "Groceries", "Bills", "Cash", "Dine Out"};
  static const char* const k_cities[] = {"Swansea", "Nottingham", "", "London"};
  fincoach::LedgerBuilder builder("GBP", 2);
  builder.reserve(rows);
  const uint32_t file = builder.add_source_file("synthetic.csv");
  uint64_t state = 42;
  int64_t balance = 100'000;
  for (uint32_t i = 0; i < rows; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto pick = static_cast<uint32_t>(state >> 33);
    fincoach::LedgerRow row;
    row.user = "synthetic";
    row.day = 10'000 + static_cast<int32_t>(i / 40);
    row.amount = -static_cast<int64_t>(pick % 10'000);
    balance += row.amount;
    row.balance = balance;
    row.category = static_cast<fincoach::AppCategory>(pick % 11);
    row.raw_category = k_raw_categories[pick % 6];
    row.type_code = k_types[(pick >> 3) % 6];
    row.description = k_descriptions[(pick >> 6) % 6];
    row.merchant = row.description;
    row.city = k_cities[(pick >> 9) % 4];
    row.country = row.city.empty() ? "" : "UK";
    row.source_file = file;
    row.source_line = i + 2;
    builder.append(row);
  }
  return std::move(builder).finish();
}

void bm_load_ledger(benchmark::State& state, const std::string& path, uint64_t file_bytes) {
  uint64_t rows = 0;
  for (auto _ : state) {
    fincoach::Ledger ledger = fincoach::load_ledger(path);
    rows = ledger.rows();
    benchmark::DoNotOptimize(ledger.amount.data());
  }
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["bytes_per_second"] =
      benchmark::Counter(static_cast<double>(file_bytes) * iterations, benchmark::Counter::kIsRate);
  state.counters["items_per_second"] =
      benchmark::Counter(static_cast<double>(rows) * iterations, benchmark::Counter::kIsRate);
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["file_bytes"] = static_cast<double>(file_bytes);
}

int run(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::string path = fincoach::bench::take_option(argc, argv, "ledger");
  fincoach::bench::reject_leftover_arguments(argc, argv, k_usage);

  std::optional<fincoach::bench::ScratchDir> scratch;
  if (path.empty()) {
    scratch.emplace();
    path = scratch->path() + "/synthetic.fcl";
    fincoach::save_ledger(synthetic_ledger(k_synthetic_rows), path);
  }
  const uint64_t file_bytes = fincoach::bench::file_size(path);
  fincoach::bench::warm_page_cache(path);
  benchmark::AddCustomContext("ledger", path);
  benchmark::AddCustomContext("ledger_bytes", std::to_string(file_bytes));

  benchmark::RegisterBenchmark("load_ledger", bm_load_ledger, path, file_bytes)
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const fincoach::InvalidInput& e) {
    std::fprintf(stderr, "fincoach_ledger_load_bench: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fincoach_ledger_load_bench: %s\n", e.what());
    return 1;
  }
}
