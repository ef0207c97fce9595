#include "fincoach/report/html.hpp"

#include <gtest/gtest.h>

#include "fincoach/common/text.hpp"

namespace fincoach::report {
namespace {

size_t count(std::string_view text, std::string_view part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(ScriptSafeJson, NothingCanCloseTheScriptElement) {
  const nlohmann::json data{{"a", "</script><script>alert(1)</script>"},
                            {"b", "<!-- comment -->"},
                            {"c", "x & y > z"},
                            {"d", "line\u2028separator\u2029"}};
  const std::string text = script_safe_json(data);
  EXPECT_EQ(text.find('<'), std::string::npos) << text;
  EXPECT_EQ(text.find('>'), std::string::npos) << text;
  EXPECT_EQ(text.find('&'), std::string::npos) << text;
  EXPECT_EQ(text.find("\xe2\x80\xa8"), std::string::npos);
  EXPECT_EQ(text.find("\xe2\x80\xa9"), std::string::npos);
  EXPECT_NE(text.find("\\u003c/script\\u003e"), std::string::npos) << text;
  EXPECT_EQ(nlohmann::json::parse(text), data) << "JSON.parse must give back the same value";
}

TEST(ScriptSafeJson, InvalidUtf8IsReplacedNotFatal) {
  const nlohmann::json data{{"bad", std::string("caf\xe9")}};
  const std::string text = script_safe_json(data);
  EXPECT_NE(text.find("caf\xef\xbf\xbd"), std::string::npos) << text;
}

TEST(ReportTemplate, HasExactlyOneDataSlotAndOneLibrarySlot) {
  const std::string_view page = report_template();
  EXPECT_EQ(count(page, k_data_slot), 1u);
  EXPECT_EQ(count(page, k_libraries_slot), 1u);
  EXPECT_EQ(count(page, "id=\"render-status\""), 1u);
  EXPECT_EQ(count(page, "id=\"report-data\""), 1u);
}

TEST(ChartLibraries, AreInlinedAndSafeToInline) {
  const std::vector<ChartLibrary> libraries = chart_libraries();
  ASSERT_EQ(libraries.size(), 3u);
  for (const ChartLibrary& library : libraries) {
    EXPECT_GT(library.source.size(), 10000u) << library.name;
    EXPECT_EQ(to_lower_ascii(library.source).find("</script"), std::string::npos) << library.name;
    EXPECT_EQ(library.source.find("<!--"), std::string::npos) << library.name;
  }
}

TEST(RenderHtml, OneSelfContainedPage) {
  Document document;
  document.title = "Title </script><b>";
  document.software_version = "0.1.0";
  Section section("s", "Section");
  section.add_paragraph("</script><script>alert('x')</script>");
  section.add_chart("c", {{"mark", "bar"}, {"data", {{"values", nlohmann::json::array()}}}});
  document.sections.push_back(section);
  const std::string html = render_html(document);

  EXPECT_EQ(count(html, k_data_slot), 0u);
  EXPECT_EQ(count(html, k_libraries_slot), 0u);
  EXPECT_EQ(count(html, "<script"), count(html, "</script>")) << "every script element closes once";
  EXPECT_EQ(count(html, "<script>alert"), 0u) << "data must stay escaped";
  EXPECT_EQ(count(html, "data-library=\"vega\""), 1u);
  EXPECT_EQ(count(html, "data-library=\"vega-lite\""), 1u);
  EXPECT_EQ(count(html, "data-library=\"vega-embed\""), 1u);
  // Nothing is fetched: the page around the libraries has no external script, stylesheet or
  // image (the libraries' code may mention such tags in strings).
  std::string page = html;
  for (size_t at = page.find("<script data-library="); at != std::string::npos; at = page.find("<script data-library=")) {
    page.erase(at, page.find("</script>", at) + 9 - at);
  }
  EXPECT_EQ(count(page, "<script src"), 0u);
  EXPECT_EQ(count(page, "<link"), 0u);
  EXPECT_EQ(count(page, "<img"), 0u);
  EXPECT_EQ(count(page, "http://"), 0u);
  EXPECT_EQ(count(page, "https://"), 0u);

  const size_t slot = html.find("<script id=\"report-data\" type=\"application/json\">");
  ASSERT_NE(slot, std::string::npos);
  const size_t begin = html.find('>', slot) + 1;
  const size_t end = html.find("</script>", begin);
  const nlohmann::json data = nlohmann::json::parse(html.substr(begin, end - begin));
  EXPECT_EQ(data["title"], "Title </script><b>");
  EXPECT_EQ(data["chart_count"], 1);
  EXPECT_EQ(data["sections"][0]["blocks"][0]["text"], "</script><script>alert('x')</script>");
}

}  // namespace
}  // namespace fincoach::report
