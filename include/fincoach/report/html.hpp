#pragma once
// report.html: the template (src/report/template/report.html, embedded at build time) with
// the chart libraries inlined and the document's JSON in its one data slot. The result is a
// single file that works offline.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fincoach/report/document.hpp"

namespace fincoach::report {

/// The data slot's placeholder in the template (a JSON string, so the raw template is valid).
inline constexpr std::string_view k_data_slot = "\"__FINCOACH_REPORT_DATA__\"";
/// Where the chart libraries go.
inline constexpr std::string_view k_libraries_slot = "<!-- fincoach:chart-libraries -->";

/// JSON text that is safe inside a <script> element: every '<', '>' and '&' becomes a \u
/// escape (so neither "</script>" nor "<!--" can appear), as do U+2028 and U+2029. Invalid
/// UTF-8 in strings is replaced by U+FFFD. JSON.parse gives back the same value.
std::string script_safe_json(const nlohmann::json& data);

/// A chart library inlined into every report.
struct ChartLibrary {
  std::string_view name;    ///< "vega", "vega-lite", "vega-embed"
  std::string_view source;  ///< minified JavaScript
};
std::vector<ChartLibrary> chart_libraries();

/// The template as embedded.
std::string_view report_template();

/// The whole page for `document`.
std::string render_html(const Document& document);

}  // namespace fincoach::report
