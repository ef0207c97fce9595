#include "fincoach/report/html.hpp"

#include <fmt/format.h>

#include "fincoach/common/error.hpp"
#include "fincoach/common/text.hpp"

// Generated at build time from the template and the npm packages (src/report/CMakeLists.txt).
extern const char k_report_template_html[];
extern const std::size_t k_report_template_html_size;
extern const char k_vega_min_js[];
extern const std::size_t k_vega_min_js_size;
extern const char k_vega_lite_min_js[];
extern const std::size_t k_vega_lite_min_js_size;
extern const char k_vega_embed_min_js[];
extern const std::size_t k_vega_embed_min_js_size;

namespace fincoach::report {
namespace {

// The one place that checks a slot: it must occur exactly once.
size_t find_unique(std::string_view text, std::string_view slot) {
  const size_t at = text.find(slot);
  if (at == std::string_view::npos || text.find(slot, at + 1) != std::string_view::npos)
    throw Internal(fmt::format("report template: '{}' must occur exactly once", slot));
  return at;
}

// A library is trusted code, but one that contained "</script" would end its element early;
// in string and regular-expression literals (the only places it can occur) "<\/script" is
// the same text. (The libraries pinned today contain none; report tests check that.)
std::string script_element(const ChartLibrary& library) {
  std::string source(library.source);
  for (size_t at = 0; (at = source.find("</", at)) != std::string::npos; at += 2) {
    if (to_lower_ascii(std::string_view(source).substr(at + 2, 6)) == "script") source.insert(at + 1, "\\");
  }
  return fmt::format("<script data-library=\"{}\">\n{}\n</script>\n", library.name, source);
}

}  // namespace

std::string script_safe_json(const nlohmann::json& data) {
  const std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (c == '\xe2' && i + 2 < text.size() && text[i + 1] == '\x80' && (text[i + 2] == '\xa8' || text[i + 2] == '\xa9')) {
      out += text[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::vector<ChartLibrary> chart_libraries() {
  return {{"vega", std::string_view(k_vega_min_js, k_vega_min_js_size)},
          {"vega-lite", std::string_view(k_vega_lite_min_js, k_vega_lite_min_js_size)},
          {"vega-embed", std::string_view(k_vega_embed_min_js, k_vega_embed_min_js_size)}};
}

std::string_view report_template() { return {k_report_template_html, k_report_template_html_size}; }

std::string render_html(const Document& document) {
  const std::string_view page = report_template();
  const size_t libraries_at = find_unique(page, k_libraries_slot);
  const size_t data_at = find_unique(page, k_data_slot);
  FINCOACH_ASSERT(libraries_at < data_at);
  std::string libraries;
  for (const ChartLibrary& library : chart_libraries()) libraries += script_element(library);

  std::string out;
  out.reserve(page.size() + libraries.size() + (1 << 16));
  out.append(page.substr(0, libraries_at));
  out += libraries;
  out.append(page.substr(libraries_at + k_libraries_slot.size(), data_at - libraries_at - k_libraries_slot.size()));
  out += script_safe_json(document.to_json());
  out.append(page.substr(data_at + k_data_slot.size()));
  return out;
}

}  // namespace fincoach::report
