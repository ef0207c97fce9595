#pragma once
// The named values stages hand each other ("ledger", "population", "quality_report", …).
// Each is stored once, immutable, behind a shared pointer: a stage can publish a part of a
// larger value (the ledger inside a population) without copying it.

#include <any>
#include <map>
#include <memory>
#include <string>
#include <typeinfo>
#include <vector>

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach::pipeline {

/// Names of the artifacts the built-in stages exchange.
inline constexpr const char* k_artifact_ledger = "ledger";
inline constexpr const char* k_artifact_population = "population";
inline constexpr const char* k_artifact_ground_truth = "ground_truth";
inline constexpr const char* k_artifact_quality_report = "quality_report";
// The features stage (fincoach/features/*): FeatureMatrix, WeeklyPanel, DailySeries,
// RecurringStreamTable, FeaturePipeline.
inline constexpr const char* k_artifact_user_features = "user_features";
inline constexpr const char* k_artifact_weekly_panel = "weekly_panel";
inline constexpr const char* k_artifact_daily_series = "daily_series";
inline constexpr const char* k_artifact_recurring_streams = "recurring_streams";
inline constexpr const char* k_artifact_feature_pipeline = "feature_pipeline";
// The segment stage (fincoach/segment/segmentation.hpp): Segmentation.
inline constexpr const char* k_artifact_segmentation = "segmentation";

class Artifacts {
 public:
  /// Publishes `value` under `name`; throws Internal when the name is taken.
  template <typename T>
  void put(const std::string& name, std::shared_ptr<const T> value) {
    FINCOACH_ASSERT(value != nullptr);
    if (!values_.emplace(name, std::move(value)).second)
      throw Internal(fmt::format("artifact '{}' was produced twice", name));
  }

  /// The value under `name`; throws Internal when it is missing or of another type (a stage
  /// that reads what it did not declare, or a declaration that lies about the type).
  template <typename T>
  std::shared_ptr<const T> get(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) throw Internal(fmt::format("artifact '{}' does not exist (yet)", name));
    const auto* value = std::any_cast<std::shared_ptr<const T>>(&it->second);
    if (value == nullptr)
      throw Internal(fmt::format("artifact '{}' is not a {}", name, typeid(T).name()));
    return *value;
  }

  bool contains(const std::string& name) const { return values_.count(name) > 0; }
  std::vector<std::string> names() const;

 private:
  std::map<std::string, std::any> values_;
};

}  // namespace fincoach::pipeline
