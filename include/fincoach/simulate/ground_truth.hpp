#pragma once
// What the simulator knows and a model must discover: each user's persona and traits, the
// realised outcome of every goal, the recurring payment streams and the life events. Written
// beside the data as CSV (ground_truth/*.csv); columns are described in docs/simulator.md.

#include <cstdint>
#include <string>
#include <vector>

#include "fincoach/common/population.hpp"
#include "fincoach/simulate/persona.hpp"

namespace fincoach::simulate {

/// One entry per Population::goals row, in the same order.
struct GoalOutcomes {
  /// 1 when the user's net savings since the goal's start reached the target on or before
  /// the deadline (see docs/simulator.md, "Goals").
  std::vector<uint8_t> achieved;
  /// First day the target was reached, -1 when never (by the deadline).
  std::vector<int32_t> reached_day;
  /// Net savings from start_day through deadline_day, minor units.
  std::vector<int64_t> saved_by_deadline;
  /// The user's commitment to this goal (goal_commitment with per-goal noise), 0..1.
  std::vector<float> commitment;

  size_t size() const { return achieved.size(); }
  bool operator==(const GoalOutcomes&) const = default;
};

enum class StreamKind : uint8_t { Income = 0, Housing, Bill, Subscription, Savings };
/// "income", "housing", "bill", "subscription", "savings".
std::string_view to_string(StreamKind kind);

/// Scheduled payments of each user (salary, rent, direct debits, standing orders).
struct RecurringStreams {
  std::vector<uint32_t> user;  ///< ledger user index
  std::vector<uint8_t> kind;   ///< StreamKind
  std::vector<std::string> merchant;
  std::vector<std::string> description;
  std::vector<std::string> type_code;
  std::vector<uint8_t> category;      ///< AppCategory
  std::vector<int32_t> cadence_days;  ///< 7, 14, 30 (calendar month), or the mean gap when irregular
  std::vector<int64_t> amount;        ///< nominal signed amount, minor units (bills vary around it)
  std::vector<int32_t> first_day;     ///< first scheduled day inside the simulation

  size_t size() const { return user.size(); }
  bool operator==(const RecurringStreams&) const = default;
};

enum class LifeEventKind : uint8_t { IncomeShock = 0, LargePurchase, Holiday };
/// "income_shock", "large_purchase", "holiday".
std::string_view to_string(LifeEventKind kind);

struct LifeEvents {
  std::vector<uint32_t> user;  ///< ledger user index
  std::vector<uint8_t> kind;   ///< LifeEventKind
  std::vector<int32_t> start_day;
  std::vector<int32_t> end_day;  ///< inclusive
  /// IncomeShock: income factor in per mille (0: no pay). LargePurchase: amount in minor units.
  /// Holiday: index of the foreign city.
  std::vector<int64_t> value;

  size_t size() const { return user.size(); }
  bool operator==(const LifeEvents&) const = default;
};

struct GroundTruth {
  /// Traits per user, index = ledger user index.
  std::vector<UserTraits> users;
  /// Sim index of each ledger user (the order users were drawn in: ids derive from it).
  std::vector<uint64_t> sim_index;
  GoalOutcomes goals;
  RecurringStreams streams;
  LifeEvents events;
  /// Name of the policy that chose the logged actions.
  std::string policy;

  bool operator==(const GroundTruth&) const = default;
};

/// Writes users.csv, goals.csv, responses.csv, streams.csv and events.csv into `dir`
/// (created when missing), each atomically. Throws IoError naming the file.
void write_ground_truth(const Population& population, const GroundTruth& truth, const std::string& dir);

}  // namespace fincoach::simulate
