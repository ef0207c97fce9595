#include "vega_lite.hpp"

#include <cmath>

namespace fincoach::report::detail {

using nlohmann::json;

json vega_lite_spec(json values, int width, int height) {
  return {{"data", {{"values", std::move(values)}}},
          {"width", width},
          {"height", height},
          {"config",
           {{"view", {{"stroke", nullptr}}},
            {"font", "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"},
            {"axis", {{"labelFontSize", 11}, {"titleFontSize", 12}, {"titleFontWeight", "normal"}}},
            {"legend", {{"labelFontSize", 11}, {"titleFontSize", 12}, {"orient", "top"}}}}}};
}

json tooltip(std::string_view field, std::string_view type, std::string_view title, std::string_view format) {
  json out{{"field", field}, {"type", type}, {"title", title}};
  if (!format.empty()) out["format"] = format;
  return out;
}

json flow_colour_scale() { return {{"domain", {"spent", "received"}}, {"range", {"#c8553d", "#2e7d5b"}}}; }

double major_units(int64_t minor, int minor_digits) {
  return static_cast<double>(minor) / std::pow(10.0, minor_digits);
}

}  // namespace fincoach::report::detail
