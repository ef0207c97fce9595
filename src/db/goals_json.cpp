#include "db/goals_json.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::db {
namespace {

double minor_scale(int minor_digits) {
  double scale = 1.0;
  for (int i = 0; i < minor_digits; ++i) scale *= 10.0;
  return scale;
}

[[noreturn]] void bad_goals(std::string_view where, std::string_view problem) {
  throw InvalidInput(fmt::format("user_profiles.financial_goals ({}): {}", where, problem));
}

template <typename T>
T required(const nlohmann::json& goal, const char* key, std::string_view where) {
  const auto it = goal.find(key);
  if (it == goal.end()) bad_goals(where, fmt::format("a goal has no \"{}\"", key));
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    bad_goals(where, fmt::format("\"{}\" has the wrong type: {}", key, it->dump()));
  }
}

}  // namespace

std::string goals_to_json(const GoalTable& goals, const std::vector<uint32_t>& indices, const Uuid& user,
                          int minor_digits) {
  nlohmann::json array = nlohmann::json::array();
  uint64_t index_in_user = 0;
  for (uint32_t g : indices) {
    array.push_back({
        {"id", to_string(derived_uuid(user, RowTag::Goal, index_in_user++))},
        {"name", goals.name[g]},
        // Exact: |target| < 10^12 minor units, far inside a double's 53 bits.
        {"target_amount", static_cast<double>(goals.target_amount[g]) / minor_scale(minor_digits)},
        {"start_date", format_iso_date(goals.start_day[g])},
        {"deadline", format_iso_date(goals.deadline_day[g])},
        {"log_seq", g},
    });
  }
  return array.dump();
}

std::vector<StoredGoal> goals_from_json(std::string_view json, int minor_digits, std::string_view where) {
  std::vector<StoredGoal> goals;
  if (json.empty() || json == "null") return goals;
  const nlohmann::json array = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (array.is_discarded()) bad_goals(where, "not valid JSON");
  if (!array.is_array()) bad_goals(where, "not a JSON array");
  for (const nlohmann::json& goal : array) {
    if (!goal.is_object()) bad_goals(where, "an element is not an object");
    StoredGoal stored;
    // Goals written by other programs have no log_seq: they sort after loaded ones.
    stored.log_seq = goal.contains("log_seq") ? required<int64_t>(goal, "log_seq", where) : INT64_MAX;
    stored.name = required<std::string>(goal, "name", where);
    stored.target_amount = std::llround(required<double>(goal, "target_amount", where) * minor_scale(minor_digits));
    stored.start_day = parse_iso_date(required<std::string>(goal, "start_date", where),
                                      fmt::format("financial_goals start_date ({})", where));
    stored.deadline_day = parse_iso_date(required<std::string>(goal, "deadline", where),
                                         fmt::format("financial_goals deadline ({})", where));
    goals.push_back(std::move(stored));
  }
  return goals;
}

}  // namespace fincoach::db
