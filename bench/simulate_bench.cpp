// Times the population simulator: simulate() for N users x M months at each requested
// thread count (the in-memory Population, split into simulating the users and merging the
// blocks), the fingerprints that must agree across thread counts, and the output files
// (population files, fincoach CSV) written and loaded back. Writes a markdown section.
//
// usage: fincoach_simulate_bench [--users=N] [--months=M] [--seed=S] [--threads=1,2]
//                                [--write-threads=T] [--out=FILE.md]

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/common/progress.hpp"
#include "fincoach/simulate/population_file.hpp"
#include "fincoach/simulate/simulator.hpp"
#include "fincoach/simulate/transactions_csv.hpp"

namespace {

using fincoach::bench::take_option;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// CPU seconds used by this process so far (all threads): on a shared machine wall time
/// depends on the neighbours, CPU time much less.
double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::vector<int> parse_threads(const std::string& list) {
  std::vector<int> out;
  size_t begin = 0;
  while (begin <= list.size()) {
    const size_t end = std::min(list.find(',', begin), list.size());
    out.push_back(std::stoi(list.substr(begin, end - begin)));
    begin = end + 1;
  }
  return out;
}

struct Run {
  int threads = 0;
  fincoach::simulate::SimulationStats stats;
  double cpu = 0.0;
  std::string fingerprint;
};

struct Files {
  double save_population = 0, write_csv = 0, load_population = 0, load_ledger = 0;
  uint64_t ledger_bytes = 0, tables_bytes = 0, csv_bytes = 0;
};

// Takes the result by value and releases it before loading, so only one copy of a large
// population is ever in memory.
Files time_files(fincoach::simulate::SimulationResult r, int threads, const std::string& fingerprint) {
  namespace fs = std::filesystem;
  const fincoach::bench::ScratchDir dir;
  Files f;
  auto start = Clock::now();
  fincoach::simulate::save_population(r.population, dir.path());
  f.save_population = seconds_since(start);
  const std::string csv = dir.path() + "/transactions.csv";
  start = Clock::now();
  fincoach::simulate::write_fincoach_csv(r.population.ledger, csv, threads);
  f.write_csv = seconds_since(start);
  f.ledger_bytes = fincoach::bench::file_size(dir.path() + "/" + fincoach::simulate::k_population_ledger_file);
  f.tables_bytes = fincoach::bench::file_size(dir.path() + "/" + fincoach::simulate::k_population_tables_file);
  f.csv_bytes = fincoach::bench::file_size(csv);
  fs::remove(csv);
  r = fincoach::simulate::SimulationResult();
  fincoach::bench::warm_page_cache(dir.path() + "/" + fincoach::simulate::k_population_ledger_file);
  start = Clock::now();
  {
    const fincoach::Population loaded = fincoach::simulate::load_population(dir.path());
    f.load_population = seconds_since(start);
    if (fincoach::ledger_fingerprint(loaded.ledger) != fingerprint)
      throw fincoach::Internal("loaded population differs from the saved one");
  }
  start = Clock::now();
  (void)fincoach::load_ledger(dir.path() + "/" + fincoach::simulate::k_population_ledger_file);
  f.load_ledger = seconds_since(start);
  return f;
}

std::string report(const fincoach::simulate::SimulationParams& p, const std::vector<Run>& runs, const Files& files,
                   int write_threads) {
  std::string md;
  auto out = std::back_inserter(md);
  fmt::format_to(out, "## Speed: {} users x {} months (seed {})\n\n", p.users, p.months, p.seed);
  fmt::format_to(out, "Command: `fincoach_simulate_bench --users={} --months={} --seed={}` (Release build)\n\n",
                 p.users, p.months, p.seed);
  fmt::format_to(
      out, "| threads | rows | users (s) | merge (s) | simulate total (s) | CPU (s) | rows/s | ledger fingerprint |\n");
  fmt::format_to(out, "|---|---|---|---|---|---|---|---|\n");
  bool identical = true;
  for (const Run& r : runs) {
    fmt::format_to(out, "| {} | {} | {:.2f} | {:.2f} | **{:.2f}** | {:.1f} | {:.2f} M | `{}` |\n", r.threads,
                   r.stats.rows, r.stats.seconds_users, r.stats.seconds_merge, r.stats.seconds, r.cpu,
                   static_cast<double>(r.stats.rows) / r.stats.seconds / 1e6, r.fingerprint);
    identical = identical && r.fingerprint == runs.front().fingerprint;
  }
  fmt::format_to(out, "\nFingerprints across thread counts: **{}**.\n", identical ? "identical" : "DIFFERENT");
  for (const Run& r : runs)
    if (r.threads == 2)
      fmt::format_to(out, "Target (< 60 s on 2 cores): **{}** ({:.1f} s).\n", r.stats.seconds < 60.0 ? "PASS" : "FAIL",
                     r.stats.seconds);
  fmt::format_to(out, "\nOutput files of that population ({} thread(s) formatting the CSV):\n\n", write_threads);
  fmt::format_to(out, "| step | seconds | size |\n|---|---|---|\n");
  fmt::format_to(out, "| save_population (ledger.fcl + population.fcp) | {:.2f} | {:.0f} MB + {:.0f} MB |\n",
                 files.save_population, static_cast<double>(files.ledger_bytes) / 1e6,
                 static_cast<double>(files.tables_bytes) / 1e6);
  fmt::format_to(out, "| write_fincoach_csv (transactions.csv) | {:.2f} | {:.0f} MB |\n", files.write_csv,
                 static_cast<double>(files.csv_bytes) / 1e6);
  const double gb = static_cast<double>(files.ledger_bytes + files.tables_bytes) / 1e9;
  fmt::format_to(out, "| load_population (checksums, invariants) | {:.2f} | {:.2f} GB/s |\n", files.load_population,
                 gb / files.load_population);
  fmt::format_to(out, "| load_ledger alone | {:.2f} | {:.2f} GB/s |\n\n", files.load_ledger,
                 static_cast<double>(files.ledger_bytes) / 1e9 / files.load_ledger);
  return md;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    fincoach::Progress::set_enabled_globally(false);
    fincoach::simulate::SimulationParams params;
    params.users = std::stoll(take_option(argc, argv, "users", "100000"));
    params.months = std::stoi(take_option(argc, argv, "months", "12"));
    params.seed = std::stoull(take_option(argc, argv, "seed", "42"));
    const std::vector<int> thread_counts = parse_threads(take_option(argc, argv, "threads", "1,2"));
    const int write_threads = std::stoi(take_option(argc, argv, "write-threads", "2"));
    const std::string out = take_option(argc, argv, "out", "");
    fincoach::bench::reject_leftover_arguments(argc, argv, "see the header of bench/simulate_bench.cpp");

    std::vector<Run> runs;
    Files files;
    for (size_t i = 0; i < thread_counts.size(); ++i) {
      params.threads = thread_counts[i];
      const double cpu_before = cpu_seconds();
      fincoach::simulate::SimulationResult r = fincoach::simulate::simulate(params);
      const double cpu = cpu_seconds() - cpu_before;
      runs.push_back({thread_counts[i], r.stats, cpu, fincoach::ledger_fingerprint(r.population.ledger)});
      std::fprintf(stderr, "threads %d: %.2f s (users %.2f, merge %.2f), %llu rows\n", thread_counts[i],
                   r.stats.seconds, r.stats.seconds_users, r.stats.seconds_merge,
                   static_cast<unsigned long long>(r.stats.rows));
      if (i + 1 == thread_counts.size()) files = time_files(std::move(r), write_threads, runs.back().fingerprint);
    }
    const std::string md = report(params, runs, files, write_threads);
    std::fputs(md.c_str(), stdout);
    if (!out.empty()) fincoach::write_file_atomic(out, md);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fincoach_simulate_bench: %s\n", e.what());
    return 1;
  }
}
