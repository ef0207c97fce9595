#pragma once
// Small builders for the Vega-Lite specs of the report's charts: every chart carries its data
// inline and shares one look. No "$schema" URL: the page passes mode "vega-lite" itself, so
// nothing in a spec points outside the file.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace fincoach::report::detail {

/// A spec with inline `values`, a fixed `width` and `height` (pixels), and the shared config.
nlohmann::json vega_lite_spec(nlohmann::json values, int width, int height);

/// A tooltip entry; `format` is a d3 format ("," or ".1%"), empty for none.
nlohmann::json tooltip(std::string_view field, std::string_view type, std::string_view title,
                       std::string_view format = {});

/// Colours of the two money directions, the same in every chart.
nlohmann::json flow_colour_scale();

/// Minor units → major units for plotting (exact amounts stay in the tables and JSON files).
double major_units(int64_t minor, int minor_digits);

}  // namespace fincoach::report::detail
