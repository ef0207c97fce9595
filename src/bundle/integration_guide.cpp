#include "fincoach/bundle/integration_guide.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace fincoach::bundle {
namespace {

using nlohmann::json;

// Table cells may not hold '|' or line breaks.
std::string cell(std::string text) {
  for (char& c : text)
    if (c == '|' || c == '\n' || c == '\r') c = ' ';
  return text;
}

std::string value_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float()) return fmt::format("{:.6g}", value.get<double>());
  return value.dump();
}

void append_files(std::string& out, std::vector<StagedFile> files) {
  files.push_back({k_manifest_file, "what the bundle is, the config and seed, and every file's size and SHA-256"});
  std::sort(files.begin(), files.end(), [](const StagedFile& a, const StagedFile& b) { return a.path < b.path; });
  out += "## Files\n\n| file | what it holds |\n|---|---|\n";
  for (const StagedFile& file : files) out += fmt::format("| `{}` | {} |\n", file.path, cell(file.description));
  out += fmt::format("\nSizes and SHA-256 checksums of every file are listed in `{}`.\n\n", k_manifest_file);
}

void append_verify(std::string& out) {
  out += "## Verify before use\n\n";
  out += "```bash\nfincoach bundle verify path/to/this/folder\n```\n\n";
  out += "Or in Python, without fincoach:\n\n```python\nimport hashlib, json, pathlib\n\n";
  out += "bundle = pathlib.Path(\"path/to/this/folder\")\n";
  out += "manifest = json.loads((bundle / \"manifest.json\").read_text())\n";
  out += fmt::format("assert manifest[\"format\"] == \"{}\" and manifest[\"schema_version\"] <= {}\n", k_bundle_format,
                     k_bundle_schema_version);
  out += "for f in manifest[\"files\"]:\n";
  out += "    digest = hashlib.sha256((bundle / f[\"path\"]).read_bytes()).hexdigest()\n";
  out += "    assert digest == f[\"sha256\"], f\"{f['path']} changed after the bundle was written\"\n```\n\n";
  out += "Loading a bundle in fincoach verifies it the same way and fails naming the file on a missing file, a "
         "checksum mismatch or a newer schema version.\n\n";
}

void append_data(std::string& out, const Manifest& manifest) {
  out += "## Training data\n\n";
  if (manifest.data_fingerprint.empty()) {
    out += "No ledger was loaded in this run.\n\n";
    return;
  }
  out += fmt::format("Data fingerprint (XXH3-64 over every ledger column): `{}`. The same transactions, from any "
                     "source, give the same fingerprint.\n\n",
                     manifest.data_fingerprint);
}

void append_features(std::string& out, const Manifest& manifest) {
  out += "## Feature schema\n\n";
  if (manifest.feature_schema.empty()) {
    out += "Empty: no feature stage ran in this run, so the bundle holds no model that takes features. "
           "`feature_config.json` lists the same (empty) schema.\n\n";
    return;
  }
  out += "| # | feature |\n|---|---|\n";
  for (size_t i = 0; i < manifest.feature_schema.size(); ++i) {
    const json& feature = manifest.feature_schema[i];
    const std::string name = feature.is_object() && feature.contains("name") ? value_text(feature["name"])
                                                                                : value_text(feature);
    out += fmt::format("| {} | `{}` |\n", i, cell(name));
  }
  out += "\nModels expect features in exactly this order.\n\n";
}

void append_metrics(std::string& out, const Manifest& manifest) {
  out += "## Headline metrics\n\n";
  if (manifest.headline_metrics.empty()) {
    out += "None recorded.\n\n";
    return;
  }
  out += "| stage | metric | value |\n|---|---|---|\n";
  for (const auto& [stage, metrics] : manifest.headline_metrics.items()) {
    if (!metrics.is_object()) {
      out += fmt::format("| {} | | {} |\n", cell(stage), cell(value_text(metrics)));
      continue;
    }
    for (const auto& [name, value] : metrics.items())
      out += fmt::format("| {} | {} | {} |\n", cell(stage), cell(name), cell(value_text(value)));
  }
  out += "\n";
}

void append_reading(std::string& out, const std::vector<StagedFile>& files) {
  out += "## Reading the files\n\n";
  out += "- Every JSON file is UTF-8; money is given twice, as exact integer minor units (`…_minor`) and as "
         "decimal text.\n";
  const auto has = [&](const char* path) {
    return std::any_of(files.begin(), files.end(), [&](const StagedFile& f) { return f.path == path; });
  };
  if (has("validation_reports/data_quality.json"))
    out += "- `validation_reports/data_quality.json` is the data-quality report of the training data "
           "(completeness, duplicates, outliers, category cleaning, balance, coverage, totals).\n";
  if (has("report.html"))
    out += "- `report.html` is one self-contained page (charts included); open it in any browser, offline.\n";
  out += fmt::format("- `{}` → `config` holds the effective training config; rerunning `fincoach train` with it "
                     "and the same data reproduces the bundle (all but `created_at` and timings).\n\n",
                     k_manifest_file);
}

}  // namespace

std::string integration_guide(const Manifest& manifest, const std::vector<StagedFile>& files) {
  std::string out = "# Integration guide\n\n";
  out += fmt::format(
      "This folder is a fincoach model bundle (schema version {}), written by fincoach {} at {} with seed {}. "
      "This guide was generated from the bundle's own contents.\n\n",
      manifest.schema_version, manifest.software_version, manifest.created_at, manifest.seed);
  append_files(out, files);
  append_verify(out);
  append_data(out, manifest);
  append_features(out, manifest);
  append_metrics(out, manifest);
  append_reading(out, files);
  return out;
}

}  // namespace fincoach::bundle
