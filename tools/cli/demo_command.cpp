#include <filesystem>

#include <fmt/format.h>

#include "commands.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/validate/quality.hpp"

extern const char k_example_moneyvis_csv[];
extern const std::size_t k_example_moneyvis_csv_size;

namespace fincoach::cli {
namespace {

struct DemoCommand {
  std::string out = "fincoach-demo";
  ingest::IngestParams ingest_params;
  validate::QualityParams quality_params;
};

}  // namespace

void register_demo(CLI::App& app, CliContext& context) {
  static DemoCommand cmd;
  CLI::App* sub = app.add_subcommand(
      "demo", "Run the main job on the built-in example: ingest and validate a bundled MoneyVis-shaped export");
  sub->add_option("-o,--out", cmd.out, "output folder")->capture_default_str();
  context.bind(sub, ingest_param_set(cmd.ingest_params));
  context.bind(sub, validate::quality_param_set(cmd.quality_params));
  context.set_action(sub, [] {
    cmd.quality_params.validate();
    ensure_directory(cmd.out);
    const std::string csv = cmd.out + "/example_moneyvis.csv";
    write_file_atomic(csv, std::string_view(k_example_moneyvis_csv, k_example_moneyvis_csv_size));
    fmt::print("== ingest {} (profile moneyvis)\n", csv);
    const ingest::IngestResult result = ingest_files({csv}, "moneyvis", cmd.ingest_params, cmd.out + "/rejects.csv");
    save_ledger(result.ledger, cmd.out + "/ledger.fcl");
    fmt::print("\n== validate\n");
    const validate::QualityReport report = validate::assess_quality(result.ledger, cmd.quality_params);
    write_file_atomic(cmd.out + "/quality.json", report.to_json().dump(2) + "\n");
    fmt::print("{}", report.summary_text());
    fmt::print("\nwrote {0}/ledger.fcl, {0}/rejects.csv and {0}/quality.json\n", cmd.out);
    fmt::print("next: fincoach validate {}/ledger.fcl, or ingest your own export with fincoach ingest FILE --profile moneyvis\n",
               cmd.out);
    return 0;
  });
}

}  // namespace fincoach::cli
