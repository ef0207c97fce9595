#pragma once
// Savings goals live in user_profiles.financial_goals as the original schema has it: a JSON
// array with one object per goal:
//   {"id": "<uuid>", "name": "Holiday", "target_amount": 1500.5,
//    "start_date": "2024-01-01", "deadline": "2024-12-31", "log_seq": 7}
// log_seq is the goal's position in the loaded GoalTable (it restores the table's order).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fincoach/common/population.hpp"
#include "fincoach/db/uuid.hpp"

namespace fincoach::db {

/// The JSON array of goals `indices` (rows of `goals`, all of one user with id `user`).
std::string goals_to_json(const GoalTable& goals, const std::vector<uint32_t>& indices, const Uuid& user,
                          int minor_digits);

/// One goal read back, with the position it had when it was loaded.
struct StoredGoal {
  int64_t log_seq = 0;
  std::string name;
  int64_t target_amount = 0;
  int32_t start_day = 0;
  int32_t deadline_day = 0;
};

/// Parses a financial_goals value ("" or "null": no goals). Throws InvalidInput naming
/// `where` (the user) when it is not such an array.
std::vector<StoredGoal> goals_from_json(std::string_view json, int minor_digits, std::string_view where);

}  // namespace fincoach::db
