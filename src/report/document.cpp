#include "fincoach/report/document.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach::report {

using nlohmann::json;

Section::Section(std::string id, std::string title) : id_(std::move(id)), title_(std::move(title)) {
  FINCOACH_ASSERT(!id_.empty());
  for (const char c : id_) FINCOACH_ASSERT(std::isalnum(static_cast<unsigned char>(c)) || c == '-');
}

Section& Section::add_paragraph(std::string text) {
  blocks_.push_back({{"type", "paragraph"}, {"text", std::move(text)}});
  return *this;
}

Section& Section::add_facts(std::vector<Fact> facts) {
  json list = json::array();
  for (Fact& fact : facts) {
    json item{{"label", std::move(fact.label)}, {"value", std::move(fact.value)}};
    if (!fact.note.empty()) item["note"] = std::move(fact.note);
    list.push_back(std::move(item));
  }
  blocks_.push_back({{"type", "facts"}, {"facts", std::move(list)}});
  return *this;
}

Section& Section::add_chart(std::string title, json spec, std::string caption) {
  FINCOACH_ASSERT(spec.is_object());
  blocks_.push_back({{"type", "chart"}, {"title", std::move(title)}, {"spec", std::move(spec)}, {"caption", std::move(caption)}});
  ++charts_;
  return *this;
}

Section& Section::add_table(Table table) {
  FINCOACH_ASSERT(table.numeric.size() <= table.columns.size());
  for (const auto& row : table.rows) FINCOACH_ASSERT(row.size() == table.columns.size());
  table.numeric.resize(table.columns.size(), false);
  blocks_.push_back({{"type", "table"},
                     {"title", std::move(table.title)},
                     {"columns", std::move(table.columns)},
                     {"numeric", std::move(table.numeric)},
                     {"rows", std::move(table.rows)},
                     {"caption", std::move(table.caption)}});
  return *this;
}

Section& Section::add_code(std::string title, std::string text) {
  blocks_.push_back({{"type", "code"}, {"title", std::move(title)}, {"text", std::move(text)}});
  return *this;
}

json Section::to_json() const { return {{"id", id_}, {"title", title_}, {"blocks", blocks_}}; }

size_t Document::chart_count() const {
  size_t count = 0;
  for (const Section& section : sections) count += section.chart_count();
  return count;
}

json Document::to_json() const {
  json fact_list = json::array();
  for (const Fact& fact : facts) {
    json item{{"label", fact.label}, {"value", fact.value}};
    if (!fact.note.empty()) item["note"] = fact.note;
    fact_list.push_back(std::move(item));
  }
  std::set<std::string> ids;
  json section_list = json::array();
  for (const Section& section : sections) {
    if (!ids.insert(section.id()).second) throw Internal(fmt::format("report: two sections with id '{}'", section.id()));
    section_list.push_back(section.to_json());
  }
  return {{"title", title},
          {"subtitle", subtitle},
          {"facts", fact_list},
          {"generated_at", generated_at},
          {"software_version", software_version},
          {"chart_count", chart_count()},
          {"sections", section_list}};
}

std::string group_thousands(uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    out.push_back(digits[i]);
    if (i + 1 < n && (n - i - 1) % 3 == 0) out.push_back(',');
  }
  return out;
}

std::string format_money(int64_t minor, int minor_digits) {
  const uint64_t magnitude = minor < 0 ? 0 - static_cast<uint64_t>(minor) : static_cast<uint64_t>(minor);
  uint64_t scale = 1;
  for (int i = 0; i < minor_digits; ++i) scale *= 10;
  std::string out = (minor < 0 ? "-" : "") + group_thousands(magnitude / scale);
  if (minor_digits > 0) out += fmt::format(".{:0{}}", magnitude % scale, minor_digits);
  return out;
}

std::string format_percent(double fraction) {
  if (!std::isfinite(fraction)) return "n/a";
  return fmt::format("{:.1f}%", 100.0 * fraction);
}

std::string format_seconds(double seconds) {
  if (seconds < 10.0) return fmt::format("{:.2f} s", seconds);
  if (seconds < 120.0) return fmt::format("{:.1f} s", seconds);
  const auto whole = static_cast<int64_t>(std::llround(seconds));
  return fmt::format("{} min {:02} s", whole / 60, whole % 60);
}

}  // namespace fincoach::report
