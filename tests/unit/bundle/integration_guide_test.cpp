#include "fincoach/bundle/integration_guide.hpp"

#include <gtest/gtest.h>

namespace fincoach::bundle {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Manifest manifest() {
  Manifest m;
  m.software_version = "0.1.0";
  m.created_at = "2026-11-21T20:00:00Z";
  m.seed = 42;
  m.data_fingerprint = "abc123";
  m.headline_metrics = {{"validate", {{"rows", 2634960}, {"other_category_share", 0.065}}}};
  return m;
}

TEST(IntegrationGuide, ListsEveryFileWithItsDescription) {
  const std::vector<StagedFile> files{{"report.html", "the report"},
                                      {"validation_reports/data_quality.json", "quality | with a pipe"},
                                      {k_integration_guide_file, "this guide"}};
  const std::string guide = integration_guide(manifest(), files);
  EXPECT_TRUE(contains(guide, "| `report.html` | the report |"));
  EXPECT_TRUE(contains(guide, "| `validation_reports/data_quality.json` | quality   with a pipe |")) << guide;
  EXPECT_TRUE(contains(guide, "| `manifest.json` |"));
  EXPECT_TRUE(contains(guide, "| `INTEGRATION_GUIDE.md` | this guide |"));
  EXPECT_TRUE(contains(guide, "fincoach bundle verify"));
  EXPECT_TRUE(contains(guide, "abc123"));
  EXPECT_TRUE(contains(guide, "| validate | rows | 2634960 |"));
  EXPECT_TRUE(contains(guide, "seed 42"));
}

TEST(IntegrationGuide, SaysWhatIsAbsent) {
  Manifest m = manifest();
  m.data_fingerprint.clear();
  m.headline_metrics = nlohmann::json::object();
  const std::string guide = integration_guide(m, {});
  EXPECT_TRUE(contains(guide, "no feature stage ran"));
  EXPECT_TRUE(contains(guide, "No ledger was loaded"));
  EXPECT_FALSE(contains(guide, "report.html` is one self-contained page"));
  m.feature_schema = nlohmann::json::array({{{"name", "spend_30d"}}, "income_90d"});
  const std::string with_features = integration_guide(m, {});
  EXPECT_TRUE(contains(with_features, "| 0 | `spend_30d` |"));
  EXPECT_TRUE(contains(with_features, "| 1 | `income_90d` |"));
}

}  // namespace
}  // namespace fincoach::bundle
