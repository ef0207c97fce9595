// Times feature extraction on a population: legacy17 and the enhanced state of every user at
// one as-of day, the weekly panel (incremental, and optionally from scratch), the daily
// category series and recurring-stream detection, at each requested thread count (best of
// --reps runs). The population is a `fincoach simulate` directory, or is simulated here.
// Optionally writes it as the fincoach CSV for the pandas comparison (bench/python/).
//
// usage: fincoach_features_bench [--population=DIR | --users=N --months=M --seed=S]
//                                [--threads=1,2] [--reps=3] [--scratch=1] [--csv=FILE]
//                                [--json=FILE] [--only=panel|enhanced]

#include <fmt/format.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_util.hpp"
#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/progress.hpp"
#include "fincoach/features/extract.hpp"
#include "fincoach/features/panel.hpp"
#include "fincoach/features/recurring.hpp"
#include "fincoach/features/series.hpp"
#include "fincoach/simulate/population_file.hpp"
#include "fincoach/simulate/simulator.hpp"
#include "fincoach/simulate/transactions_csv.hpp"

namespace {

using fincoach::bench::take_option;
using Clock = std::chrono::steady_clock;
namespace features = fincoach::features;

std::vector<int> parse_list(const std::string& list) {
  std::vector<int> out;
  size_t begin = 0;
  while (begin <= list.size()) {
    const size_t end = std::min(list.find(',', begin), list.size());
    out.push_back(std::stoi(list.substr(begin, end - begin)));
    begin = end + 1;
  }
  return out;
}

/// Process CPU seconds (all threads), from getrusage.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

/// Best wall time of `reps` runs; `cpu` receives the CPU time of that run. On a shared
/// machine the CPU time says what the work costs when the wall time is inflated by others.
double best_of(int reps, const std::function<void()>& fn, double* cpu = nullptr) {
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    const double cpu_start = cpu_seconds();
    const auto start = Clock::now();
    fn();
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    if (wall < best) {
      best = wall;
      if (cpu != nullptr) *cpu = cpu_seconds() - cpu_start;
    }
  }
  return best;
}

fincoach::Population load(const std::string& dir, int64_t users, int months, uint64_t seed, double& sim_seconds) {
  if (!dir.empty()) return fincoach::simulate::load_population(dir);
  fincoach::simulate::SimulationParams p;
  p.users = users;
  p.months = months;
  p.seed = seed;
  p.coaching = true;
  const auto start = Clock::now();
  fincoach::simulate::SimulationResult r = fincoach::simulate::simulate(p);
  sim_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return std::move(r.population);
}

int run(int argc, char** argv) {
  const std::string dir = take_option(argc, argv, "population");
  const int64_t users = std::stoll(take_option(argc, argv, "users", "10000"));
  const int months = std::stoi(take_option(argc, argv, "months", "12"));
  const uint64_t seed = std::stoull(take_option(argc, argv, "seed", "42"));
  const std::vector<int> threads = parse_list(take_option(argc, argv, "threads", "1,2"));
  const int reps = std::stoi(take_option(argc, argv, "reps", "3"));
  const bool scratch = take_option(argc, argv, "scratch", "0") == "1";
  const std::string csv = take_option(argc, argv, "csv");
  const std::string json_path = take_option(argc, argv, "json");
  const std::string only = take_option(argc, argv, "only");  // "panel" or "enhanced": time one stage
  fincoach::bench::reject_leftover_arguments(argc, argv, "see the comment at the top of bench/features_bench.cpp");
  fincoach::Progress::set_enabled_globally(false);

  double sim_seconds = 0.0;
  const fincoach::Population pop = load(dir, users, months, seed, sim_seconds);
  const fincoach::Ledger& ledger = pop.ledger;
  const int32_t as_of = features::last_ledger_day(ledger);
  fmt::print("population: {} users, {} transactions, as-of {}{}\n", ledger.user_count(), ledger.rows(),
             fincoach::format_iso_date(as_of),
             dir.empty() ? fmt::format(" (simulated here in {:.2f} s)", sim_seconds) : " (" + dir + ")");
  if (!csv.empty()) {
    fincoach::simulate::write_fincoach_csv(ledger, csv, 0);
    fmt::print("csv: {} ({} bytes)\n", csv, fincoach::bench::file_size(csv));
  }
  features::FeatureContext ctx;
  ctx.goals = &pop.goals;
  nlohmann::json results = nlohmann::json::array();
  fmt::print("wall seconds, best of {}; [CPU seconds of that run, all threads]\n", reps);
  fmt::print("| threads | legacy17 | enhanced | panel | panel rows | series | recurring | panel from scratch |\n");
  fmt::print("|---|---|---|---|---|---|---|---|\n");
  for (int t : threads) {
    features::FeatureParams params;
    params.threads = t;
    if (!only.empty()) {
      double cpu = 0.0;
      const double s = best_of(
          reps,
          [&] {
            if (only == "panel")
              (void)features::build_weekly_panel(ledger, ctx, params);
            else
              (void)features::extract_enhanced(ledger, ctx, params, as_of);
          },
          &cpu);
      fmt::print("{} on {} thread(s): {:.3f} s wall, {:.3f} s CPU\n", only, t, s, cpu);
      continue;
    }
    uint64_t panel_rows = 0;
    double cpu[6] = {};
    const double legacy = best_of(reps, [&] { (void)features::extract_legacy17(ledger, as_of, t); }, &cpu[0]);
    const double enhanced =
        best_of(reps, [&] { (void)features::extract_enhanced(ledger, ctx, params, as_of); }, &cpu[1]);
    const double panel =
        best_of(reps, [&] { panel_rows = features::build_weekly_panel(ledger, ctx, params).rows(); }, &cpu[2]);
    const double series = best_of(reps, [&] { (void)features::build_daily_series(ledger, t); }, &cpu[3]);
    const double recurring = best_of(1, [&] { (void)features::detect_recurring(ledger, {}, t); }, &cpu[4]);
    const double from_scratch =
        scratch ? best_of(1, [&] { (void)features::build_weekly_panel_from_scratch(ledger, ctx, params); }, &cpu[5])
                : 0.0;
    auto cell = [](double wall, double c) { return fmt::format("{:.3f} [{:.3f}]", wall, c); };
    fmt::print("| {} | {} | {} | {} | {} | {} | {} | {} |\n", t, cell(legacy, cpu[0]), cell(enhanced, cpu[1]),
               cell(panel, cpu[2]), panel_rows, cell(series, cpu[3]), cell(recurring, cpu[4]),
               scratch ? cell(from_scratch, cpu[5]) : "-");
    results.push_back({{"threads", t}, {"legacy17_s", legacy}, {"enhanced_s", enhanced}, {"panel_s", panel},
                       {"panel_rows", panel_rows}, {"series_s", series}, {"recurring_s", recurring},
                       {"panel_from_scratch_s", from_scratch}, {"legacy17_cpu_s", cpu[0]},
                       {"enhanced_cpu_s", cpu[1]}, {"panel_cpu_s", cpu[2]}, {"series_cpu_s", cpu[3]},
                       {"recurring_cpu_s", cpu[4]}, {"panel_from_scratch_cpu_s", cpu[5]}});
  }
  if (!json_path.empty()) {
    const nlohmann::json doc = {{"users", ledger.user_count()}, {"rows", ledger.rows()}, {"months", months},
                                {"source", dir.empty() ? "simulated in process" : dir}, {"runs", results}};
    fincoach::write_file_atomic(json_path, doc.dump(2) + "\n");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    fmt::print(stderr, "fincoach_features_bench: {}\n", e.what());
    return 1;
  }
}
