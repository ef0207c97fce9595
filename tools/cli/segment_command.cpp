// fincoach segment: behavioural segments of a population.
//   in:  a population directory (fincoach simulate) or a ledger file (fincoach ingest); the
//        enhanced features are extracted as of a day (a mean of weekly snapshots by default)
//   out: DIR/segmentation.json       the model (centroids, scaler, names, schema, params)
//        DIR/feature_pipeline.json   the imputation and scaling fitted on the training users
//        DIR/user_segments.csv       user_id,segment_id,segment_name,confidence,pc1,pc2
//        DIR/segment_profiles.json   profiles, personas, comparison table, quality numbers
//        DIR/segment_report.json     what the report draws (curves, PCA scatter sample)
// With --truth (the simulator's ground_truth/users.csv) it also scores the segments against
// the true personas.

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.hpp"
#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/features/feature_pipeline.hpp"
#include "fincoach/features/params.hpp"
#include "fincoach/segment/segmentation.hpp"
#include "fincoach/simulate/population_file.hpp"

namespace fincoach::cli {
namespace {

struct SegmentCommand {
  std::string population;
  std::string ledger;
  std::string as_of;
  double train_fraction = 1.0;
  std::string truth;
  std::string out = "segments";
  segment::SegmentParams params;
  features::FeatureParams feature_params;
};

/// The true persona of every ledger user from ground_truth/users.csv (user_id first,
/// persona third). Throws InvalidInput naming the file for a user it lacks or an unknown
/// persona.
std::vector<int32_t> read_truth(const std::string& path, const Ledger& ledger) {
  std::map<std::string, int32_t> persona_of;
  std::istringstream in(read_text_file(path));
  std::string line;
  std::getline(in, line);  // header
  const auto personas = segment::persona_templates();
  for (uint64_t number = 2; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',') && fields.size() < 3;) fields.push_back(cell);
    if (fields.size() < 3) throw InvalidInput(fmt::format("{}:{}: fewer than 3 columns", path, number));
    int32_t index = -1;
    for (size_t p = 0; p < personas.size(); ++p)
      if (personas[p].key == fields[2]) index = static_cast<int32_t>(p);
    if (index < 0) throw InvalidInput(fmt::format("{}:{}: unknown persona '{}'", path, number, fields[2]));
    persona_of[fields[0]] = index;
  }
  std::vector<int32_t> truth(ledger.user_count());
  for (uint32_t u = 0; u < ledger.user_count(); ++u) {
    const auto it = persona_of.find(std::string(ledger.users.at(u)));
    if (it == persona_of.end())
      throw InvalidInput(fmt::format("{}: no persona for user '{}'", path, ledger.users.at(u)));
    truth[u] = it->second;
  }
  return truth;
}

void print_summary(const segment::Segmentation& s) {
  fmt::print("segmented {} users ({} training) into k = {} on {} features in {:.2f} s\n", s.labels.size(),
             s.training_rows, s.model.k(), s.columns.size(), s.seconds.total);
  const segment::ComparisonTable t = segment::comparison_table(s);
  fmt::print("{}\n", fmt::join(t.columns, " | "));
  for (const auto& row : t.rows) fmt::print("{}\n", fmt::join(row, " | "));
  fmt::print("silhouette {:.3f} ({} rows{})\n", s.silhouette.mean, s.silhouette.rows_used,
             s.silhouette.sampled ? ", sampled" : "");
  if (s.ward_done) fmt::print("Ward vs k-means on {} rows: ARI {:.3f}\n", s.ward.rows, s.ward.ari);
  if (s.choose_k_done)
    for (const std::string& reason : s.selection.reasons) fmt::print("choose k: {}\n", reason);
  if (!s.choose_k_skipped.empty()) fmt::print("{}\n", s.choose_k_skipped);
}

void print_truth(const segment::Segmentation& s, const segment::TruthComparison& t) {
  const auto personas = segment::persona_templates();
  fmt::print("against the true personas: ARI {:.3f}; names match the majority persona for {} of {} segments\n", t.ari,
             t.names_matching, t.majority.size());
  for (size_t seg = 0; seg < t.majority.size(); ++seg)
    fmt::print("  {}: majority {} ({:.0f}%){}\n", s.names.name[seg],
               personas[static_cast<size_t>(t.majority[seg])].name, 100.0 * t.majority_share[seg],
               t.name_matches[seg] ? "" : "  <- name differs");
}

Ledger load_input(const SegmentCommand& cmd, Population& population) {
  if (cmd.population.empty() == cmd.ledger.empty())
    throw InvalidInput("segment: give exactly one of --population DIR or --ledger FILE");
  if (!cmd.population.empty()) {
    population = simulate::load_population(cmd.population);
    return std::move(population.ledger);
  }
  return load_ledger(cmd.ledger);
}

int run(SegmentCommand& cmd, const GlobalOptions& global) {
  cmd.params.kmeans.seed = global.seed;
  cmd.params.kmeans.threads = global.threads;
  cmd.feature_params.threads = global.threads;
  cmd.params.validate();
  cmd.feature_params.validate();
  if (!(cmd.train_fraction > 0.0 && cmd.train_fraction <= 1.0))
    throw InvalidInput(fmt::format("segment: --train-fraction {} is outside (0, 1]", cmd.train_fraction));
  Population population;
  const Ledger ledger = load_input(cmd, population);
  if (ledger.user_count() == 0) throw InvalidInput("segment: the ledger has no users");
  const int32_t as_of = cmd.as_of.empty() ? features::last_ledger_day(ledger) : parse_iso_date(cmd.as_of, "--as-of");
  features::FeatureContext context;
  if (!cmd.population.empty()) context.goals = &population.goals;
  const features::FeatureMatrix raw =
      segment::window_profile(ledger, context, cmd.feature_params, as_of, cmd.params.window_weeks);
  const std::vector<uint8_t> mask = features::training_mask(ledger, global.seed, cmd.train_fraction);
  const features::FeaturePipeline pipeline = features::FeaturePipeline::fit(raw, mask);
  const segment::Segmentation s = segment::segment_users(raw, pipeline, cmd.params, mask);

  ensure_directory(cmd.out);
  const std::filesystem::path dir(cmd.out);
  std::vector<std::string> ids;
  for (uint32_t u = 0; u < ledger.user_count(); ++u) ids.emplace_back(ledger.users.at(u));
  segment::save_model(s.model, (dir / "segmentation.json").string());
  pipeline.save((dir / "feature_pipeline.json").string());
  segment::write_user_segments_csv(s, ids, (dir / "user_segments.csv").string());
  write_file_atomic((dir / "segment_profiles.json").string(), segment::segment_profiles_json(s).dump(2) + "\n");
  write_file_atomic((dir / "segment_report.json").string(), segment::segmentation_report_json(s).dump() + "\n");
  print_summary(s);
  if (!cmd.truth.empty()) print_truth(s, segment::compare_with_truth(s, read_truth(cmd.truth, ledger)));
  fmt::print("features as of {} (mean of {} weekly snapshots); outputs in {}\n", format_iso_date(as_of),
             cmd.params.window_weeks, cmd.out);
  return 0;
}

}  // namespace

void register_segment(CLI::App& app, CliContext& context) {
  static SegmentCommand cmd;
  CLI::App* sub =
      app.add_subcommand("segment", "Behavioural segments: k-means, k selection, validation, named personas");
  sub->add_option("--population", cmd.population, "population directory (fincoach simulate's output)");
  sub->add_option("--ledger", cmd.ledger, "ledger file (fincoach ingest's output)");
  sub->add_option("--as-of", cmd.as_of, "as-of day YYYY-MM-DD (default: the ledger's last day)");
  sub->add_option("--train-fraction", cmd.train_fraction,
                  "share of users (seeded by id) the scaler and k-means are fitted on; the rest are only assigned")
      ->capture_default_str();
  sub->add_option("--truth", cmd.truth, "ground_truth/users.csv: also score the segments against the true personas");
  sub->add_option("-o,--out", cmd.out, "output directory")->capture_default_str();
  context.bind(sub, segment::segment_param_set(cmd.params));
  context.bind(sub, features::feature_param_set(cmd.feature_params));
  context.set_action(sub, [&context] { return run(cmd, context.global); });
}

}  // namespace fincoach::cli
