#include "fincoach/report/run_section.hpp"

#include <fmt/format.h>

#include "vega_lite.hpp"

namespace fincoach::report {
namespace {

using nlohmann::json;

std::string joined(const std::vector<std::string>& names) {
  return names.empty() ? std::string("-") : fmt::format("{}", fmt::join(names, ", "));
}

// "2026-11-21T21:10:02Z" → "2026-11-21 21:10:02" (the note says UTC).
std::string readable_time(std::string iso) {
  if (iso.size() == 20 && iso[10] == 'T' && iso.back() == 'Z') {
    iso[10] = ' ';
    iso.pop_back();
  }
  return iso;
}

double total_seconds(const RunSummary& run) {
  double total = 0.0;
  for (const StageRun& stage : run.stages) total += stage.seconds;
  return total;
}

json timing_chart(const RunSummary& run) {
  json values = json::array();
  for (size_t i = 0; i < run.stages.size(); ++i)
    values.push_back({{"order", i + 1}, {"stage", run.stages[i].name}, {"seconds", run.stages[i].seconds}});
  const int height = std::max<int>(40, 26 * static_cast<int>(run.stages.size()));
  json spec = detail::vega_lite_spec(std::move(values), 380, height);
  spec["mark"] = {{"type", "bar"}, {"color", "#5b7fa6"}};
  spec["encoding"] = {
      {"y", {{"field", "stage"}, {"type", "nominal"}, {"title", nullptr}, {"sort", {{"field", "order"}}}}},
      {"x", {{"field", "seconds"}, {"type", "quantitative"}, {"title", "wall time (s)"}}},
      {"tooltip", {detail::tooltip("stage", "nominal", "stage"), detail::tooltip("seconds", "quantitative", "seconds", ".3f")}}};
  return spec;
}

Table stage_table(const RunSummary& run) {
  Table table{"Stages", {"#", "stage", "what it does", "inputs", "outputs", "time"},
              {true, false, false, false, false, true}, {}, "Stages run in this order; each runs only when its inputs exist."};
  for (size_t i = 0; i < run.stages.size(); ++i) {
    const StageRun& s = run.stages[i];
    table.rows.push_back({std::to_string(i + 1), s.name, s.summary, joined(s.inputs), joined(s.outputs),
                          format_seconds(s.seconds)});
  }
  return table;
}

}  // namespace

Section run_section(const RunSummary& run) {
  Section section("run", "Run configuration and timings");
  section.add_paragraph("How this bundle was made. Rerunning fincoach train with the same config, seed and data "
                        "gives the same models; only the creation time and the timings differ.");
  section.add_facts({{"fincoach", run.software_version, ""},
                     {"Started", readable_time(run.started_at), "UTC"},
                     {"Seed", std::to_string(run.seed), "every random step derives from it"},
                     {"Threads", run.threads == 0 ? std::string("all cores") : std::to_string(run.threads), ""},
                     {"Stages", std::to_string(run.stages.size()), format_seconds(total_seconds(run)) + " in total"},
                     {"Data fingerprint", run.data_fingerprint.empty() ? "-" : run.data_fingerprint, "XXH3-64 of the ledger"},
                     {"Bundle", run.bundle_dir, ""}});
  if (!run.stages.empty()) section.add_chart("Time per stage", timing_chart(run), "Wall time of each stage.");
  section.add_table(stage_table(run));
  section.add_code("Effective configuration (every value, defaults included)", run.config.dump(2));
  return section;
}

}  // namespace fincoach::report
