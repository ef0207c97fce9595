// The validate stage: the data-quality report of the training ledger, saved in the bundle
// (validation_reports/data_quality.json) and drawn in the report. It reports only: the ledger
// later stages see is the one the source produced.

#include <fmt/format.h>

#include "fincoach/pipeline/stage_registry.hpp"
#include "fincoach/report/quality_section.hpp"
#include "fincoach/validate/quality.hpp"
#include "toml_support.hpp"

namespace fincoach::pipeline {
namespace {

class ValidateStage final : public Stage {
 public:
  std::string name() const override { return "validate"; }
  std::string summary() const override {
    return "data-quality report: completeness, duplicates, outliers, categories, balance, coverage, totals";
  }

  std::vector<ParamSet> param_sets() override { return {validate::quality_param_set(params_)}; }
  std::vector<StructuredKey> structured_keys() const override { return {{"validate", "category_aliases"}}; }

  void configure(const StageConfig& config) override {
    if (const toml::node* aliases = detail::find_key(config.root, "validate", "category_aliases"))
      params_.category_aliases = detail::string_table(*aliases, "validate.category_aliases", config.origin);
    params_.validate();
  }
  void describe_config(nlohmann::json& config) const override {
    config["validate"]["category_aliases"] = params_.category_aliases;
  }

  std::vector<std::string> inputs() const override { return {k_artifact_ledger}; }
  std::vector<std::string> outputs() const override { return {k_artifact_quality_report}; }

  void run(StageContext& context) override {
    const std::shared_ptr<const Ledger> ledger = context.input<Ledger>(k_artifact_ledger);
    Progress& progress = context.start_progress(ledger->rows(), "rows");
    validate::QualityReport quality = validate::assess_quality(*ledger, params_);
    progress.set(ledger->rows());
    context.bundle().add_file("validation_reports/data_quality.json", quality.to_json().dump(2) + "\n",
                              "data-quality report of the training data (docs/validate.md)");
    context.set_headline_metrics(headline_metrics(quality));
    context.add_report_section(report::data_quality_section(quality));
    context.output<validate::QualityReport>(k_artifact_quality_report, std::move(quality));
  }

 private:
  static nlohmann::json headline_metrics(const validate::QualityReport& q) {
    const double other_share =
        q.rows == 0 ? 0.0 : static_cast<double>(q.other.totals.rows()) / static_cast<double>(q.rows);
    return {{"rows", q.rows},
            {"users", q.users},
            {"months_spanned", q.coverage.months_spanned},
            {"exact_duplicate_rows", q.exact_duplicates.extra_rows()},
            {"suspected_duplicate_groups", q.suspected_duplicates.groups},
            {"outliers", q.outliers.count},
            {"balance_breaks", q.balance.breaks},
            {"date_gaps", q.coverage.gap_count},
            {"other_category_share", other_share}};
  }

  validate::QualityParams params_;
};

}  // namespace

std::unique_ptr<Stage> make_validate_stage() { return std::make_unique<ValidateStage>(); }

}  // namespace fincoach::pipeline
