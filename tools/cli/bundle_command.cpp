// fincoach bundle verify DIR: proves a model bundle is intact before anything loads it.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "fincoach/bundle/bundle_reader.hpp"

namespace fincoach::cli {
namespace {

struct BundleCommand {
  std::string dir;
};

}  // namespace

void register_bundle(CLI::App& app, CliContext& context) {
  static BundleCommand cmd;
  CLI::App* sub = app.add_subcommand("bundle", "Work with model bundles");
  sub->require_subcommand(1);
  CLI::App* verify = sub->add_subcommand(
      "verify", "Check a bundle's files against its manifest (sizes, sha256) and its schema version; exit 2 naming "
                "the first file that fails");
  verify->add_option("dir", cmd.dir, "bundle folder (holds manifest.json)")->required();
  context.set_action(verify, [] {
    const bundle::VerifiedBundle verified = bundle::verify_bundle(cmd.dir);
    const bundle::Manifest& m = verified.manifest;
    fmt::print("ok: {}: {} file(s) match their sha256; bundle schema version {} (this fincoach reads up to {})\n",
               verified.dir, m.files.size(), m.schema_version, bundle::k_bundle_schema_version);
    fmt::print("written by fincoach {} at {}, seed {}, data fingerprint {}\n", m.software_version, m.created_at, m.seed,
               m.data_fingerprint.empty() ? "-" : m.data_fingerprint);
    for (const std::string& file : verified.unlisted_files)
      spdlog::warn("{}: file '{}' is not listed in manifest.json (no checksum covers it)", verified.dir, file);
    return 0;
  });
}

}  // namespace fincoach::cli
