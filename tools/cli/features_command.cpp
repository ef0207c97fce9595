// fincoach features: the feature views of a ledger or a population.
//   DIR/user_features.csv|.bin   the enhanced state of every user at the as-of day
//   DIR/legacy17.csv             the original backend's 17-dim state at the as-of day
//   DIR/feature_config.json      the schema (name, block, unit, version of every dim)
//   DIR/feature_pipeline.json    median imputation + standard scaling fitted on training users
//   DIR/panel.bin (+ .csv)       the weekly panel (every user at every Sunday)
//   DIR/series.bin (+ .csv)      daily spending per app category, dense per user
//   DIR/recurring_streams.csv    detected recurring payments with their next date and amount

#include <chrono>
#include <filesystem>

#include <fmt/format.h>

#include "commands.hpp"
#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/ledger_file.hpp"
#include "fincoach/features/extract.hpp"
#include "fincoach/features/feature_io.hpp"
#include "fincoach/features/feature_pipeline.hpp"
#include "fincoach/features/panel.hpp"
#include "fincoach/features/recurring.hpp"
#include "fincoach/features/series.hpp"
#include "fincoach/simulate/population_file.hpp"

namespace fincoach::cli {
namespace {

struct FeaturesCommand {
  std::string ledger;
  std::string population;
  std::string out;
  std::string as_of;
  bool panel_csv = false;
  bool series_csv = false;
  double train_fraction = 0.8;
  features::FeatureParams params;
  features::RecurringParams recurring;
};

class Timer {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

Population load_input(const FeaturesCommand& cmd) {
  if (cmd.ledger.empty() == cmd.population.empty())
    throw InvalidInput("features: give exactly one of --ledger FILE.fcl or --population DIR");
  if (!cmd.population.empty()) return simulate::load_population(cmd.population);
  Population p;
  p.ledger = load_ledger(cmd.ledger);
  return p;
}

std::vector<uint32_t> panel_users(const features::WeeklyPanel& panel) {
  std::vector<uint32_t> users(panel.rows());
  for (uint32_t u = 0; u + 1 < panel.user_offsets.size(); ++u)
    for (uint64_t r = panel.user_offsets[u]; r < panel.user_offsets[u + 1]; ++r) users[r] = u;
  return users;
}

int run(const FeaturesCommand& cmd, const GlobalOptions& global) {
  if (cmd.out.empty()) throw InvalidInput("features: give an output directory with --out DIR");
  features::FeatureParams params = cmd.params;
  params.threads = global.threads;
  params.validate();
  cmd.recurring.validate();
  Timer timer;
  const Population population = load_input(cmd);
  const Ledger& ledger = population.ledger;
  const int32_t as_of = cmd.as_of.empty() ? features::last_ledger_day(ledger) : parse_iso_date(cmd.as_of, "--as-of");
  fmt::print("loaded {} users, {} transactions in {:.2f} s; as-of {}\n", ledger.user_count(), ledger.rows(),
             timer.lap(), format_iso_date(as_of));
  const std::filesystem::path dir(cmd.out);
  ensure_directory(cmd.out);
  auto path = [&](const char* name) { return (dir / name).string(); };

  features::FeatureContext context;
  context.goals = population.goals.size() > 0 ? &population.goals : nullptr;
  const features::FeatureMatrix user = features::extract_enhanced(ledger, context, params, as_of);
  const double t_state = timer.lap();
  std::vector<uint32_t> users(ledger.user_count());
  for (uint32_t u = 0; u < ledger.user_count(); ++u) users[u] = u;
  const std::vector<int32_t> days(ledger.user_count(), as_of);
  features::write_matrix_csv(user, ledger, users, days, path("user_features.csv"));
  features::save_matrix(user, users, days, path("user_features.bin"));
  features::write_matrix_csv(features::extract_legacy17(ledger, as_of, params.threads), ledger, users, days,
                             path("legacy17.csv"));
  features::save_feature_config(user.schema, params, path("feature_config.json"));
  const features::FeaturePipeline pipeline =
      features::FeaturePipeline::fit(user, features::training_mask(ledger, global.seed, cmd.train_fraction));
  pipeline.save(path("feature_pipeline.json"));
  fmt::print("user features: {} users x {} dims in {:.2f} s ({} training users for the pipeline)\n", user.rows,
             user.cols(), t_state, pipeline.training_rows());
  timer.lap();

  const features::WeeklyPanel panel = features::build_weekly_panel(ledger, context, params);
  const double t_panel = timer.lap();
  const std::vector<uint32_t> row_users = panel_users(panel);
  features::save_matrix(panel.matrix, row_users, panel.week_end, path("panel.bin"));
  if (cmd.panel_csv) features::write_matrix_csv(panel.matrix, ledger, row_users, panel.week_end, path("panel.csv"));
  fmt::print("weekly panel: {} user-weeks in {:.2f} s\n", panel.rows(), t_panel);
  timer.lap();

  const features::DailySeries series = features::build_daily_series(ledger, params.threads);
  const double t_series = timer.lap();
  features::save_series(series, path("series.bin"));
  if (cmd.series_csv) features::write_series_csv(series, ledger, path("series.csv"));
  fmt::print("daily series: {} user-days in {:.2f} s\n", series.rows(), t_series);
  timer.lap();

  const features::RecurringStreamTable streams = features::detect_recurring(ledger, cmd.recurring, params.threads);
  const double t_streams = timer.lap();
  features::write_recurring_csv(streams, ledger, path("recurring_streams.csv"));
  fmt::print("recurring streams: {} in {:.2f} s\n", streams.size(), t_streams);
  fmt::print("written to {}\n", cmd.out);
  return 0;
}

}  // namespace

void register_features(CLI::App& app, CliContext& context) {
  static FeaturesCommand cmd;
  CLI::App* sub = app.add_subcommand(
      "features", "Compute user features, the weekly panel, daily category series and recurring streams");
  sub->add_option("--ledger", cmd.ledger, "ledger file (.fcl) from `fincoach ingest`");
  sub->add_option("--population", cmd.population, "population directory from `fincoach simulate` (adds goals)");
  sub->add_option("-o,--out", cmd.out, "output directory");
  sub->add_option("--as-of", cmd.as_of, "as-of day YYYY-MM-DD for the user features (default: the last posting day)");
  sub->add_flag("--panel-csv", cmd.panel_csv, "also write the weekly panel as CSV (large)");
  sub->add_flag("--series-csv", cmd.series_csv, "also write the daily series as CSV (large)");
  sub->add_option("--train-fraction", cmd.train_fraction, "share of users the feature pipeline is fitted on")
      ->capture_default_str();
  context.bind(sub, features::feature_param_set(cmd.params));
  context.bind(sub, features::recurring_param_set(cmd.recurring));
  context.set_action(sub, [&context] { return run(cmd, context.global); });
}

}  // namespace fincoach::cli
