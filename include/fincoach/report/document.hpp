#pragma once
// The report as data: a title, header facts and sections of blocks (paragraphs, facts,
// Vega-Lite charts, tables, code). It becomes the JSON of report.html's one data slot; the
// page's script draws everything from it. Stages add their own sections.

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fincoach::report {

/// One labelled number or short text ("Rows", "1,234,567").
struct Fact {
  std::string label;
  std::string value;
  std::string note;  ///< optional small print under the value
};

struct Table {
  std::string title;
  std::vector<std::string> columns;
  /// Per column: right-aligned numbers. Shorter than `columns` means the rest are text.
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> rows;
  std::string caption;
};

class Section {
 public:
  /// `id` is the HTML anchor (letters, digits and '-'); `title` the heading.
  Section(std::string id, std::string title);

  Section& add_paragraph(std::string text);
  Section& add_facts(std::vector<Fact> facts);
  /// A chart drawn by Vega-Lite from `spec` (a complete Vega-Lite spec with inline data).
  Section& add_chart(std::string title, nlohmann::json spec, std::string caption = {});
  Section& add_table(Table table);
  /// Preformatted text, collapsed under `title` (configs, logs).
  Section& add_code(std::string title, std::string text);

  const std::string& id() const { return id_; }
  const std::string& title() const { return title_; }
  size_t chart_count() const { return charts_; }
  nlohmann::json to_json() const;

 private:
  std::string id_;
  std::string title_;
  nlohmann::json blocks_ = nlohmann::json::array();
  size_t charts_ = 0;
};

struct Document {
  std::string title = "fincoach report";
  std::string subtitle;
  std::vector<Fact> facts;  ///< shown in the header
  std::string generated_at;
  std::string software_version;
  std::vector<Section> sections;

  size_t chart_count() const;
  /// Throws Internal when two sections share an id.
  nlohmann::json to_json() const;
};

/// "1234567" → "1,234,567".
std::string group_thousands(uint64_t value);
/// Minor units as money with thousands separators: -123456 (2 digits) → "-1,234.56".
std::string format_money(int64_t minor, int minor_digits);
/// 0.1234 → "12.3%".
std::string format_percent(double fraction);
/// Seconds for timing lines: "0.42 s", "12.3 s", "2 min 05 s".
std::string format_seconds(double seconds);

}  // namespace fincoach::report
