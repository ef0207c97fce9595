#include "fincoach/report/document.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/error.hpp"

namespace fincoach::report {
namespace {

TEST(ReportDocument, SectionsKeepBlocksInOrderAndCountCharts) {
  Section section("data-quality", "Data quality");
  section.add_paragraph("intro")
      .add_facts({{"Rows", "10", "note"}, {"Users", "2", ""}})
      .add_chart("A chart", {{"mark", "bar"}}, "caption")
      .add_table({"T", {"a", "b"}, {false, true}, {{"x", "1"}}, ""})
      .add_code("config", "{}")
      .add_chart("Another", {{"mark", "line"}});
  EXPECT_EQ(section.chart_count(), 2u);
  const nlohmann::json j = section.to_json();
  ASSERT_EQ(j["blocks"].size(), 6u);
  EXPECT_EQ(j["blocks"][0]["type"], "paragraph");
  EXPECT_EQ(j["blocks"][1]["facts"][0]["note"], "note");
  EXPECT_FALSE(j["blocks"][1]["facts"][1].contains("note"));
  EXPECT_EQ(j["blocks"][2]["spec"]["mark"], "bar");
  EXPECT_EQ(j["blocks"][3]["numeric"], nlohmann::json::array({false, true}));
  EXPECT_EQ(j["blocks"][4]["type"], "code");

  Document document;
  document.sections.push_back(section);
  document.sections.push_back(Section("run", "Run"));
  EXPECT_EQ(document.chart_count(), 2u);
  EXPECT_EQ(document.to_json()["chart_count"], 2);
}

TEST(ReportDocument, ProgrammerErrorsAreCaught) {
  EXPECT_THROW(Section("bad id", "x"), Internal);
  Section section("s", "S");
  EXPECT_THROW(section.add_table({"T", {"a", "b"}, {}, {{"only one cell"}}, ""}), Internal);
  EXPECT_THROW(section.add_chart("not an object", nlohmann::json::array()), Internal);
  Document document;
  document.sections = {Section("s", "one"), Section("s", "two")};
  EXPECT_THROW(document.to_json(), Internal);
}

TEST(ReportFormatting, Numbers) {
  EXPECT_EQ(group_thousands(0), "0");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(group_thousands(1000), "1,000");
  EXPECT_EQ(group_thousands(2634960), "2,634,960");
  EXPECT_EQ(format_money(-123456, 2), "-1,234.56");
  EXPECT_EQ(format_money(5, 2), "0.05");
  EXPECT_EQ(format_money(1234, 0), "1,234");
  EXPECT_EQ(format_money(INT64_MIN, 2), "-92,233,720,368,547,758.08");
  EXPECT_EQ(format_percent(0.1234), "12.3%");
  EXPECT_EQ(format_percent(std::nan("")), "n/a");
  EXPECT_EQ(format_seconds(0.4213), "0.42 s");
  EXPECT_EQ(format_seconds(12.34), "12.3 s");
  EXPECT_EQ(format_seconds(125.0), "2 min 05 s");
}

}  // namespace
}  // namespace fincoach::report
