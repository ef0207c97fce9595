// Hot paths: loading a ledger into the FinCoach database and exporting it back, on SQLite
// and on PostgreSQL.
//
//   fincoach_db_bench [--rows=N] [--users=U] [--repetitions=R] [--postgres=URL|none] [--out=FILE]
// Generates a deterministic ledger (U users, N rows), then per engine and repetition: a fresh
// database (SQLite file in a scratch dir; PostgreSQL schema of its own), migrate, load, export,
// check the export equals the input. Reports the median rows/s of the transactions table (and
// the CPU time of this process and of the PostgreSQL backend) and writes a Markdown table to
// --out. Targets: load >= 500k rows/s (SQLite), >= 300k rows/s
// (PostgreSQL, COPY); export >= 1M rows/s.

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/ledger.hpp"
#include "fincoach/common/log.hpp"
#include "fincoach/common/progress.hpp"
#include "fincoach/db/database.hpp"
#include "fincoach/db/exporter.hpp"
#include "fincoach/db/load.hpp"
#include "fincoach/db/schema.hpp"

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* k_usage =
    "usage: fincoach_db_bench [--rows=N] [--users=U] [--repetitions=R] [--postgres=URL|none] [--out=FILE]\n"
    "                         [--engines=sqlite,postgresql] [--log-level=debug]\n"
    "  --rows=N         ledger rows (default 1000000)\n"
    "  --users=U        users they are spread over (default 1000)\n"
    "  --repetitions=R  fresh database per repetition; the median is reported (default 3)\n"
    "  --postgres=URL   server for the PostgreSQL runs (default the local test cluster; none: skip)\n"
    "  --out=FILE       Markdown report (default bench/results/db.md)\n"
    "  --engines=LIST   engines to run, comma-separated (default sqlite,postgresql)\n"
    "  --log-level=L    debug shows the load's phases (rows, index rebuilds, commit)\n";

uint64_t next_random(uint64_t& state) {  // splitmix64
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Half the users look like a bank CSV (dates only, running balance, source file and line),
// half like an app (times of day, no balance); dictionary sizes like a real population.
fincoach::Ledger generate_ledger(uint64_t rows, uint32_t users) {
  static const char* const k_types[] = {"DEB", "BP", "DD", "CPT", "FPO", "BGC", "SO", "FPI"};
  static const char* const k_countries[] = {"GB", "GB", "GB", "FR", "ES", "US", ""};
  fincoach::LedgerBuilder builder("GBP", 2);
  builder.reserve(rows);
  uint64_t state = 42;
  std::string user;
  std::string description;
  std::string merchant;
  std::string city;
  std::string raw_category;
  for (uint32_t u = 0; u < users; ++u) {
    const bool bank_like = u % 2 == 0;
    user = bank_like ? fmt::format("statement-{:05}", u)
                     : fincoach::db::to_string(fincoach::db::user_uuid(std::to_string(u)));
    const uint32_t file = bank_like ? builder.add_source_file(fmt::format("exports/{}.csv", user)) : 0;
    const uint64_t count = rows / users + (u < rows % users ? 1 : 0);
    int64_t balance = 100'000;
    for (uint64_t i = 0; i < count; ++i) {
      const uint64_t r = next_random(state);
      const auto merchant_id = static_cast<uint32_t>(r % 2000);
      merchant = fmt::format("Merchant {}", merchant_id);
      description = fmt::format("CARD PAYMENT TO {} REF {}", merchant, (r >> 20) % 50);
      city = fmt::format("City {}", merchant_id % 97);
      raw_category = fmt::format("Raw category {}", merchant_id % 40);
      fincoach::LedgerRow row;
      row.user = user;
      row.day = 19'000 + static_cast<int32_t>(i * 730 / count);
      row.second = bank_like ? -1 : static_cast<int32_t>((r >> 8) % 86'400);
      row.amount =
          (r >> 40) % 10 == 0 ? static_cast<int64_t>((r >> 12) % 300'000) : -static_cast<int64_t>((r >> 12) % 20'000);
      balance += row.amount;
      row.balance = bank_like ? balance : fincoach::k_no_balance;
      row.category = static_cast<fincoach::AppCategory>(merchant_id % 11);
      row.raw_category = raw_category;
      row.type_code = k_types[(r >> 50) % 8];
      row.description = description;
      row.merchant = (r >> 30) % 20 == 0 ? "" : merchant;
      row.city = city;
      row.country = k_countries[(r >> 55) % 7];
      row.source_file = file;
      row.source_line = bank_like ? static_cast<uint32_t>(i + 2) : 0;
      builder.append(row);
    }
  }
  return std::move(builder).finish();
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds of this process (user + system): steadier than wall time on a shared machine,
// but blind to the PostgreSQL server's own work.
double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

struct EngineResult {
  std::string engine;
  std::vector<double> load_seconds;
  std::vector<double> export_seconds;
  std::vector<double> load_cpu_seconds;
  std::vector<double> export_cpu_seconds;
  std::vector<double> load_server_cpu_seconds;    ///< PostgreSQL backend on this machine, else empty
  std::vector<double> export_server_cpu_seconds;
};

// The PostgreSQL backend serving `database`, when it runs on this machine (its /proc entry
// is readable); 0 otherwise.
long backend_pid(fincoach::db::Database& database) {
  if (database.engine() != fincoach::db::Engine::Postgres) return 0;
  fincoach::db::TransactionGuard transaction(database, fincoach::db::Access::Read);
  long pid = 0;
  {
    auto reader = database.select("(SELECT pg_backend_pid() AS pid) AS backend", {"pid"}, "");
    while (reader->next()) pid = static_cast<long>(reader->get_integer(0));
  }
  transaction.commit();
  return std::ifstream(fmt::format("/proc/{}/stat", pid)).good() ? pid : 0;
}

// User + system CPU seconds of process `pid` (fields 14 and 15 of /proc/PID/stat).
double process_cpu_seconds(long pid) {
  std::ifstream stat(fmt::format("/proc/{}/stat", pid));
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i)
    if (i >= 14) ticks += std::stod(field);
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// One repetition: fresh database, migrate, load, export, compare.
void run_once(const std::string& url, const fincoach::Population& population, EngineResult& result) {
  auto database = fincoach::db::open_database(url);
  fincoach::db::migrate(*database);
  const long server = backend_pid(*database);
  const auto load_start = Clock::now();
  const double load_cpu = cpu_seconds();
  const double load_server_cpu = server != 0 ? process_cpu_seconds(server) : 0;
  fincoach::db::load(*database, population);
  result.load_seconds.push_back(seconds_since(load_start));
  result.load_cpu_seconds.push_back(cpu_seconds() - load_cpu);
  if (server != 0) result.load_server_cpu_seconds.push_back(process_cpu_seconds(server) - load_server_cpu);
  const auto export_start = Clock::now();
  const double export_cpu = cpu_seconds();
  const double export_server_cpu = server != 0 ? process_cpu_seconds(server) : 0;
  const fincoach::Ledger back = fincoach::db::export_ledger(*database);
  result.export_seconds.push_back(seconds_since(export_start));
  result.export_cpu_seconds.push_back(cpu_seconds() - export_cpu);
  if (server != 0) result.export_server_cpu_seconds.push_back(process_cpu_seconds(server) - export_server_cpu);
  if (!(back == population.ledger)) throw fincoach::Internal(fmt::format("{}: exported ledger differs", url));
  const auto server_cpu = [](const std::vector<double>& seconds) {
    return seconds.empty() ? std::string() : fmt::format(", server cpu {:.2f} s", seconds.back());
  };
  std::fprintf(stderr, "%s: load %.2f s (cpu %.2f s%s), export %.2f s (cpu %.2f s%s)\n", result.engine.c_str(),
               result.load_seconds.back(), result.load_cpu_seconds.back(),
               server_cpu(result.load_server_cpu_seconds).c_str(), result.export_seconds.back(),
               result.export_cpu_seconds.back(), server_cpu(result.export_server_cpu_seconds).c_str());
}

EngineResult run_sqlite(const fincoach::Population& population, int repetitions) {
  EngineResult result{"SQLite", {}, {}, {}, {}, {}, {}};
  for (int i = 0; i < repetitions; ++i) {
    const fincoach::bench::ScratchDir dir;
    run_once("sqlite:" + dir.path() + "/bench.db", population, result);
  }
  return result;
}

EngineResult run_postgres(const std::string& base_url, const fincoach::Population& population, int repetitions) {
  EngineResult result{"PostgreSQL", {}, {}, {}, {}, {}, {}};
  auto admin = fincoach::db::open_database(base_url);
  for (int i = 0; i < repetitions; ++i) {
    const std::string schema = fmt::format("fincoach_bench_{}_{}", ::getpid(), i);
    admin->execute(fmt::format("DROP SCHEMA IF EXISTS {0} CASCADE; CREATE SCHEMA {0}", schema), "creating a schema");
    const std::string url =
        base_url + (base_url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
    try {
      run_once(url, population, result);
    } catch (...) {
      admin->execute(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", schema), "dropping the schema");
      throw;
    }
    admin->execute(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", schema), "dropping the schema");
  }
  return result;
}

std::string machine_line() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  std::string model = "unknown CPU";
  while (std::getline(cpuinfo, line))
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  double load[3] = {0, 0, 0};
  if (::getloadavg(load, 3) != 3) load[0] = -1;
  return fmt::format("{}, {} cores online, load average {:.2f} at start", model, ::sysconf(_SC_NPROCESSORS_ONLN),
                     load[0]);
}

std::string report(const std::vector<EngineResult>& results, uint64_t rows, uint32_t users, int repetitions,
                   const std::string& command, const std::string& machine) {
  std::ostringstream out;
  const std::time_t now = std::time(nullptr);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M", std::gmtime(&now));
  out << "# Database load and export\n\n"
      << fmt::format("Generated by `bench/db_bench.cpp` on {} UTC.\n\n", date)
      << fmt::format("Command (from the repository root): `{}`\n\n", command)
      << fmt::format("Machine: {}.\n\n", machine)
      << fmt::format(
             "Input: a generated ledger of {} rows over {} users (half bank-like: dates only, running "
             "balance, source file and line; half app-like: times of day, no balance). Each repetition uses "
             "a fresh database: `migrate`, then `fincoach::db::load` (users, profiles, wallets and the "
             "transactions in one bulk transaction), then `fincoach::db::export_ledger` (users, profiles, "
             "wallets, transactions → canonical Ledger), checked equal to the input. Rates count "
             "transactions rows over the wall time of the whole call; the median of {} repetitions.\n\n",
             rows, users, repetitions)
      << "| engine | load s | load rows/s | target | export s | export rows/s | target | load CPU s | export CPU s | "
         "server CPU s (load, export) |\n"
      << "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const EngineResult& r : results) {
    const double load_s = median(r.load_seconds);
    const double export_s = median(r.export_seconds);
    const double load_rate = static_cast<double>(rows) / load_s;
    const double export_rate = static_cast<double>(rows) / export_s;
    const double load_target = r.engine == "SQLite" ? 500e3 : 300e3;
    const std::string server = r.load_server_cpu_seconds.empty()
                                   ? std::string("–")
                                   : fmt::format("{:.2f}, {:.2f}", median(r.load_server_cpu_seconds),
                                                 median(r.export_server_cpu_seconds));
    out << fmt::format("| {} | {:.2f} | {:.0f}k | ≥ {:.0f}k {} | {:.2f} | {:.0f}k | ≥ 1000k {} | {:.2f} | {:.2f} | {} |\n",
                       r.engine, load_s, load_rate / 1e3, load_target / 1e3, load_rate >= load_target ? "PASS" : "FAIL",
                       export_s, export_rate / 1e3, export_rate >= 1e6 ? "PASS" : "FAIL", median(r.load_cpu_seconds),
                       median(r.export_cpu_seconds), server);
  }
  out << "\nCPU s: user + system time of this process during the call, summed over its threads (SQLite loads and "
         "both exports use two, so CPU time can exceed wall time). Server CPU s: the same for the PostgreSQL "
         "backend serving the connection (read from /proc when the server runs on this machine; the parallel "
         "workers of its index builds are not counted). On a shared machine wall time also includes the share "
         "other processes take.\n";
  out << "\nAll runs (seconds):\n\n";
  for (const EngineResult& r : results)
    out << fmt::format("- {}: load {:.2f} (CPU {:.2f}{}), export {:.2f} (CPU {:.2f}{})\n", r.engine,
                       fmt::join(r.load_seconds, ", "), fmt::join(r.load_cpu_seconds, ", "),
                       r.load_server_cpu_seconds.empty()
                           ? std::string()
                           : fmt::format("; server {:.2f}", fmt::join(r.load_server_cpu_seconds, ", ")),
                       fmt::join(r.export_seconds, ", "), fmt::join(r.export_cpu_seconds, ", "),
                       r.export_server_cpu_seconds.empty()
                           ? std::string()
                           : fmt::format("; server {:.2f}", fmt::join(r.export_server_cpu_seconds, ", ")));
  double load_end[3] = {0, 0, 0};
  if (::getloadavg(load_end, 3) == 3) out << fmt::format("\nLoad average at the end: {:.2f}.\n", load_end[0]);
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  std::string command = argv[0];
  for (int i = 1; i < argc; ++i) command += std::string(" ") + argv[i];
  try {
    fincoach::init_logging(fincoach::bench::take_option(argc, argv, "log-level", "warn"));
    fincoach::Progress::set_enabled_globally(false);
    const uint64_t rows = std::stoull(fincoach::bench::take_option(argc, argv, "rows", "1000000"));
    const auto users = static_cast<uint32_t>(std::stoul(fincoach::bench::take_option(argc, argv, "users", "1000")));
    const int repetitions = std::stoi(fincoach::bench::take_option(argc, argv, "repetitions", "3"));
    const std::string postgres =
        fincoach::bench::take_option(argc, argv, "postgres", "postgresql://postgres:postgres@127.0.0.1:5432/finance");
    const std::string out = fincoach::bench::take_option(argc, argv, "out", "bench/results/db.md");
    const std::string engines = fincoach::bench::take_option(argc, argv, "engines", "sqlite,postgresql");
    fincoach::bench::reject_leftover_arguments(argc, argv, k_usage);
    if (users == 0 || repetitions < 1)
      throw fincoach::InvalidInput(std::string("--users and --repetitions must be >= 1\n") + k_usage);

    const std::string machine = machine_line();
    const auto generate_start = Clock::now();
    const fincoach::Population population = fincoach::db::population_from_ledger(generate_ledger(rows, users));
    std::fprintf(stderr, "generated %zu rows in %.2f s\n", population.ledger.rows(), seconds_since(generate_start));

    std::vector<EngineResult> results;
    if (engines.find("sqlite") != std::string::npos) results.push_back(run_sqlite(population, repetitions));
    if (postgres != "none" && engines.find("postgres") != std::string::npos)
      results.push_back(run_postgres(postgres, population, repetitions));
    const std::string text = report(results, rows, users, repetitions, command, machine);
    fincoach::write_file_atomic(out, text);
    std::fputs(text.c_str(), stdout);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fincoach_db_bench: %s\n", e.what());
    return 1;
  }
}
