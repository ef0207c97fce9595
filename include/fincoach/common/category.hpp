#pragma once
// The 11 app categories of the original FinCoach backend (TransactionCategory enum).

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace fincoach {

enum class AppCategory : uint8_t {
  Groceries,
  DineOut,
  Entertainment,
  Bills,
  Transport,
  Shopping,
  Health,
  Fitness,
  Savings,
  Income,
  Other,
};

constexpr int k_app_category_count = 11;

/// The backend's spelling: "groceries", "dine_out", …
std::string_view to_string(AppCategory category);
/// Accepts the backend spelling, case-insensitively, with ' ' or '-' for '_'.
std::optional<AppCategory> app_category_from_string(std::string_view text);
/// All categories in enum order.
const std::array<AppCategory, k_app_category_count>& all_app_categories();

}  // namespace fincoach
