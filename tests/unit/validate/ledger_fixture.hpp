#pragma once
// Small ledgers for the quality tests: rows are LedgerRow literals, and row i (0-based, in
// the order given) gets source line i + 2 of "test.csv", as if line 1 were a header.

#include <cmath>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>
#include <vector>

#include "fincoach/common/date.hpp"
#include "fincoach/common/ledger.hpp"

namespace fincoach::validate::testing {

inline constexpr std::string_view k_test_file = "test.csv";

inline int32_t day_of(int year, int month, int day) {
  return days_from_civil(year, month, day);
}

inline Ledger build_ledger(const std::vector<LedgerRow>& rows) {
  LedgerBuilder builder;
  const uint32_t file = builder.add_source_file(k_test_file);
  uint32_t line = 2;
  for (LedgerRow row : rows) {
    row.source_file = file;
    row.source_line = line++;
    builder.append(row);
  }
  return std::move(builder).finish();
}

/// A debit or credit of `amount` minor units on `day` for `user`, the other fields empty.
inline LedgerRow simple_row(std::string_view user, int32_t day, int64_t amount,
                            AppCategory category = AppCategory::Other, std::string_view description = "SHOP") {
  LedgerRow row;
  row.user = user;
  row.day = day;
  row.amount = amount;
  row.category = category;
  row.description = description;
  return row;
}

/// True when no number anywhere in `value` is NaN or infinite.
inline bool all_numbers_finite(const nlohmann::json& value) {
  if (value.is_number_float()) return std::isfinite(value.get<double>());
  if (value.is_structured()) {
    for (const auto& child : value)
      if (!all_numbers_finite(child)) return false;
  }
  return true;
}

}  // namespace fincoach::validate::testing
