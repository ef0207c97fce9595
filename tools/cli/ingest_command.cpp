#include <filesystem>

#include <fmt/format.h>

#include "commands.hpp"
#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/common/money.hpp"
#include "fincoach/ingest/profile.hpp"

namespace fincoach::cli {
namespace {

struct IngestCommand {
  std::vector<std::string> files;
  std::string profile = "moneyvis";
  std::string out = "ledger.fcl";
  std::string rejects;
  bool list_profiles = false;
  ingest::IngestParams params;
};

void print_profiles() {
  for (const std::string& name : ingest::builtin_profile_names()) {
    const ingest::SourceProfile p = ingest::builtin_profile(name);
    fmt::print("{:<10} {}\n", name, p.description);
  }
}

void print_summary(const ingest::IngestResult& r, const ingest::IngestParams& params) {
  const Ledger& l = r.ledger;
  fmt::print("ingested {} rows from {} file(s), {:.1f} MB in {:.2f} s: {} user(s), currency {}\n", r.stats.rows_loaded,
             r.stats.files, static_cast<double>(r.stats.bytes) / 1e6, r.stats.seconds, l.user_count(), l.currency);
  if (l.rows() > 0) {
    const auto [first, last] = std::minmax_element(l.day.begin(), l.day.end());
    fmt::print("dates {} .. {}\n", format_iso_date(*first), format_iso_date(*last));
  }
  fmt::print("rejected {} of {} rows ({:.2f}%, limit {:.2f}%)\n", r.stats.rows_rejected, r.stats.rows_total,
             100.0 * r.stats.reject_fraction(), 100.0 * params.max_reject_fraction);
  if (!r.stats.unmapped_categories.empty()) {
    fmt::print("categories with no mapping (counted under other):");
    for (const auto& [label, rows] : r.stats.unmapped_categories) fmt::print(" '{}' ({})", label, rows);
    fmt::print("\n");
  }
}

}  // namespace

ingest::IngestResult ingest_files(const std::vector<std::string>& files, const std::string& profile,
                                  const ingest::IngestParams& params, const std::string& rejects_path) {
  params.validate();
  ingest::IngestResult result = ingest::ingest_csv(files, ingest::resolve_profile(profile), params);
  print_summary(result, params);
  // Written even when empty, so a stale file from an earlier run never misleads.
  ingest::write_rejects_csv(result.rejects, rejects_path);
  fmt::print("rejects: {} ({} rows)\n", rejects_path, result.rejects.size());
  ingest::enforce_reject_policy(result, params);
  return result;
}

void register_ingest(CLI::App& app, CliContext& context) {
  static IngestCommand cmd;
  CLI::App* sub = app.add_subcommand("ingest", "Read bank CSV exports through a source profile into a ledger file");
  sub->add_option("files", cmd.files, "CSV files to read (one user per file unless the profile has a user column)");
  sub->add_option("-p,--profile", cmd.profile, "built-in profile name or path to a profile .toml")->capture_default_str();
  sub->add_option("-o,--out", cmd.out, "ledger file to write")->capture_default_str();
  sub->add_option("--rejects", cmd.rejects, "rejects CSV to write (default: <out>.rejects.csv)");
  sub->add_flag("--list-profiles", cmd.list_profiles, "list the built-in profiles and exit");
  context.bind(sub, ingest::ingest_param_set(cmd.params));
  context.set_action(sub, [] {
    if (cmd.list_profiles) {
      print_profiles();
      return 0;
    }
    if (cmd.files.empty()) throw InvalidInput("ingest: give at least one CSV file (or --list-profiles)");
    const std::string rejects = cmd.rejects.empty() ? cmd.out + ".rejects.csv" : cmd.rejects;
    const ingest::IngestResult result = ingest_files(cmd.files, cmd.profile, cmd.params, rejects);
    save_ledger(result.ledger, cmd.out);
    fmt::print("ledger: {} (fingerprint {})\n", cmd.out, ledger_fingerprint(result.ledger));
    return 0;
  });
}

}  // namespace fincoach::cli
