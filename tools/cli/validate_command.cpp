#include <filesystem>

#include <fmt/format.h>

#include "commands.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/validate/quality.hpp"

namespace fincoach::cli {
namespace {

namespace fs = std::filesystem;

struct ValidateCommand {
  std::vector<std::string> inputs;
  std::string profile = "moneyvis";
  std::string json;
  ingest::IngestParams ingest_params;
  validate::QualityParams params;
};

bool is_ledger_file(const std::string& path) { return fs::path(path).extension() == ".fcl"; }

// A ledger file is used as is; CSV files are ingested in memory first.
Ledger load_input(ValidateCommand& cmd) {
  if (cmd.inputs.size() == 1 && is_ledger_file(cmd.inputs.front())) return load_ledger(cmd.inputs.front());
  for (const std::string& input : cmd.inputs)
    if (is_ledger_file(input)) throw InvalidInput(fmt::format("validate: give one ledger file or CSV files, not both ('{}')", input));
  const std::string rejects = fs::path(cmd.inputs.front()).stem().string() + ".rejects.csv";
  return ingest_files(cmd.inputs, cmd.profile, cmd.ingest_params, rejects).ledger;
}

std::string default_json_path(const std::string& input) {
  fs::path p(input);
  if (is_ledger_file(input)) return p.replace_extension(".quality.json").string();
  return p.stem().string() + ".quality.json";
}

}  // namespace

void register_validate(CLI::App& app, CliContext& context) {
  static ValidateCommand cmd;
  CLI::App* sub = app.add_subcommand("validate", "Data-quality report of a ledger file or of CSV files");
  sub->add_option("inputs", cmd.inputs, "a ledger file (.fcl) or CSV files")->required();
  sub->add_option("-p,--profile", cmd.profile, "profile for CSV inputs")->capture_default_str();
  sub->add_option("--json", cmd.json, "report JSON to write (default: <input>.quality.json)");
  context.bind(sub, ingest::ingest_param_set(cmd.ingest_params));
  context.bind(sub, validate::quality_param_set(cmd.params));
  context.set_action(sub, [] {
    cmd.params.validate();
    const Ledger ledger = load_input(cmd);
    const validate::QualityReport report = validate::assess_quality(ledger, cmd.params);
    const std::string json_path = cmd.json.empty() ? default_json_path(cmd.inputs.front()) : cmd.json;
    write_file_atomic(json_path, report.to_json().dump(2) + "\n");
    fmt::print("{}", report.summary_text());
    fmt::print("report: {}\n", json_path);
    return 0;
  });
}

}  // namespace fincoach::cli
