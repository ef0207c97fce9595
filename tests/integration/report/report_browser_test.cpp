// Renders the demo's report.html in headless Chromium (flags from DEPENDENCIES.md) and checks
// that the page drew every chart with no console message and no error. The page records its
// own state in the render-status element after every chart's promise settles; the test
// reads it from the DOM Chromium dumps. The demo's bundle and a screenshot stay in the build
// folder (test_artifacts/report/) for a person to look at.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

const fs::path k_artifacts = fs::path(FINCOACH_BINARY_DIR) / "test_artifacts" / "report";
constexpr const char* k_chromium = "/usr/bin/chromium";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

int run(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string shell_quoted(const fs::path& path) { return "'" + path.string() + "'"; }

// Headless, offline, and with a profile of its own so nothing from another run leaks in.
std::string chromium(const std::string& mode, const fs::path& page, const fs::path& profile) {
  return std::string(k_chromium) +
         " --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
         " --disable-sync --no-first-run --hide-scrollbars --user-data-dir=" +
         shell_quoted(profile) + " --virtual-time-budget=10000 " + mode + " " + shell_quoted("file://" + fs::absolute(page).string());
}

// The JSON the page wrote into <pre id="render-status">…</pre>, unescaped.
nlohmann::json render_status(const std::string& dom) {
  const std::string open = "<pre id=\"render-status\">";
  const size_t begin = dom.find(open);
  if (begin == std::string::npos) return nullptr;
  const size_t start = begin + open.size();
  std::string text = dom.substr(start, dom.find("</pre>", start) - start);
  for (const auto& [entity, character] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"},
                                          {"&nbsp;", " "}, {"&amp;", "&"}}) {
    for (size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
      text.replace(at, std::string(entity).size(), character);
  }
  return nlohmann::json::parse(text, nullptr, false);
}

// Charts the report promises: chart_count in its data slot.
int expected_charts(const std::string& html) {
  const std::string open = "<script id=\"report-data\" type=\"application/json\">";
  const size_t begin = html.find(open) + open.size();
  return nlohmann::json::parse(html.substr(begin, html.find("</script>", begin) - begin))["chart_count"].get<int>();
}

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(ReportInBrowser, DemoReportRendersEveryChartWithoutErrors) {
  if (!fs::exists(k_chromium)) {
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true") FAIL() << k_chromium << " is missing; CI must install chromium";
    GTEST_SKIP() << k_chromium << " is not installed (apt-get install chromium); the report is not rendered";
  }
  fs::remove_all(k_artifacts);
  fs::create_directories(k_artifacts);
  const fs::path demo = k_artifacts / "demo";
  const std::string demo_log = (k_artifacts / "demo.log").string();
  ASSERT_EQ(run(std::string(FINCOACH_BINARY_DIR) + "/fincoach --no-progress demo --out " + shell_quoted(demo) + " > " +
                shell_quoted(demo_log) + " 2>&1"),
            0)
      << read_file(demo_log);
  const fs::path page = demo / "models" / "enhanced" / "report.html";
  ASSERT_TRUE(fs::exists(page)) << read_file(demo_log);
  const int charts = expected_charts(read_file(page));
  EXPECT_GE(charts, 5);

  const fs::path dom = k_artifacts / "dom.html";
  const fs::path log = k_artifacts / "chromium.log";
  ASSERT_EQ(run(chromium("--enable-logging=stderr --v=0 --dump-dom", page, k_artifacts / "profile-dom") + " > " +
                shell_quoted(dom) + " 2> " + shell_quoted(log)),
            0)
      << read_file(log);
  const std::string dom_text = read_file(dom);
  const nlohmann::json status = render_status(dom_text);
  ASSERT_TRUE(status.is_object()) << "no render status in the DOM:\n" << dom_text.substr(0, 2000);
  EXPECT_TRUE(status["done"].get<bool>()) << status.dump();
  EXPECT_EQ(status["charts"], charts) << status.dump();
  EXPECT_EQ(status["rendered"], charts) << status.dump();
  EXPECT_EQ(status["svg"], charts) << status.dump();
  EXPECT_EQ(status["errors"], nlohmann::json::array()) << status.dump(2);
  EXPECT_EQ(status["warnings"], nlohmann::json::array()) << status.dump(2);
  EXPECT_EQ(count(dom_text, "class=\"marks\""), static_cast<size_t>(charts)) << "one Vega SVG per chart";

  // Chromium logs every console message of the page as CONSOLE; the report logs none.
  std::istringstream lines(read_file(log));
  for (std::string line; std::getline(lines, line);)
    EXPECT_EQ(line.find(":CONSOLE"), std::string::npos) << line;

  const fs::path screenshot = k_artifacts / "report.png";
  ASSERT_EQ(run(chromium("--window-size=1280,2400 --screenshot=" + shell_quoted(screenshot), page,
                         k_artifacts / "profile-screenshot") +
                " > /dev/null 2>&1"),
            0);
  ASSERT_TRUE(fs::exists(screenshot));
  EXPECT_GT(fs::file_size(screenshot), 20000u) << "a blank page compresses to almost nothing";
  EXPECT_EQ(read_file(screenshot).substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  fs::remove_all(k_artifacts / "profile-dom");
  fs::remove_all(k_artifacts / "profile-screenshot");
  std::cout << "report: " << page.string() << "\nscreenshot: " << screenshot.string() << "\n";
}

}  // namespace
