// Completeness: the fraction of rows carrying a value in each optional column.

#include <vector>

#include "fincoach/common/date.hpp"
#include "fincoach/common/text.hpp"
#include "validate/sections.hpp"

namespace fincoach::validate::detail {

namespace {

// 1 for each dictionary id whose text is not blank, so the row loop is a table lookup.
std::vector<uint8_t> non_blank_ids(const StringDictionary& dictionary) {
  std::vector<uint8_t> non_blank(dictionary.size());
  for (uint32_t id = 0; id < dictionary.size(); ++id) non_blank[id] = trim(dictionary.at(id)).empty() ? 0 : 1;
  return non_blank;
}

uint64_t count_non_blank(const std::vector<uint32_t>& column, const StringDictionary& dictionary) {
  const std::vector<uint8_t> non_blank = non_blank_ids(dictionary);
  uint64_t present = 0;
  for (uint32_t id : column) present += non_blank[id];
  return present;
}

FieldCompleteness field_of(std::string name, uint64_t present, uint64_t rows) {
  FieldCompleteness field;
  field.field = std::move(name);
  field.present = present;
  field.missing = rows - present;
  field.fraction = rows == 0 ? 0.0 : static_cast<double>(present) / static_cast<double>(rows);
  return field;
}

}  // namespace

CompletenessSection assess_completeness(const Ledger& ledger) {
  CompletenessSection section;
  section.rows = ledger.rows();
  uint64_t with_time = 0;
  uint64_t with_balance = 0;
  for (size_t row = 0; row < ledger.rows(); ++row) {
    with_time += ledger.second[row] != k_unknown_second ? 1 : 0;
    with_balance += ledger.balance[row] != k_no_balance ? 1 : 0;
  }
  const uint64_t rows = section.rows;
  section.fields.push_back(field_of("time", with_time, rows));
  section.fields.push_back(field_of("balance", with_balance, rows));
  section.fields.push_back(field_of("raw_category", count_non_blank(ledger.raw_category, ledger.raw_categories), rows));
  section.fields.push_back(field_of("type", count_non_blank(ledger.type_code, ledger.type_codes), rows));
  section.fields.push_back(field_of("description", count_non_blank(ledger.description, ledger.descriptions), rows));
  section.fields.push_back(field_of("merchant", count_non_blank(ledger.merchant, ledger.merchants), rows));
  section.fields.push_back(field_of("city", count_non_blank(ledger.city, ledger.cities), rows));
  section.fields.push_back(field_of("country", count_non_blank(ledger.country, ledger.countries), rows));
  return section;
}

}  // namespace fincoach::validate::detail
