#pragma once
// FeatureSchema: the name, block, unit, version and meaning of every dimension of a state
// vector. It travels with every model as feature_config.json, so a consumer can check that
// the vector it builds is the one the model was trained on. Definitions: docs/features.md.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "fincoach/features/params.hpp"

namespace fincoach::features {

/// Version of the feature definitions. Bumped whenever a definition changes meaning.
constexpr int k_feature_schema_version = 1;

enum class FeatureBlock : uint8_t { Base, Behavioural, Segment, Peer, Goal, Temporal };
/// "base", "behavioural", "segment", "peer", "goal", "temporal".
std::string_view to_string(FeatureBlock block);
/// Throws InvalidInput for an unknown name.
FeatureBlock feature_block_from_string(std::string_view text);

struct FeatureDef {
  std::string name;
  FeatureBlock block = FeatureBlock::Base;
  std::string unit;  ///< "GBP", "ratio", "count", "days", "bits", …
  std::string description;
  bool operator==(const FeatureDef&) const = default;
};

struct FeatureSchema {
  std::string name;  ///< "legacy17" or "enhanced"
  int version = k_feature_schema_version;
  std::vector<FeatureDef> features;

  size_t size() const { return features.size(); }
  std::optional<size_t> index_of(std::string_view feature) const;
  /// [first, last) indices of a block.
  std::pair<size_t, size_t> block_range(FeatureBlock block) const;
  std::vector<std::string> names() const;

  /// {"name", "version", "feature_names": [...], "features": [{name, block, unit, index, description}]}:
  /// feature_names keeps the key of the original backend's feature_config.json.
  nlohmann::json to_json() const;
  /// Throws InvalidInput naming the bad key.
  static FeatureSchema from_json(const nlohmann::json& json);

  bool operator==(const FeatureSchema&) const = default;
};

// Indices of the legacy 17 (also the first 17 of the enhanced state), in the backend's order.
namespace dim {
constexpr size_t current_balance = 0;
constexpr size_t total_spending = 1;
constexpr size_t total_income = 2;
constexpr size_t transaction_count = 3;
constexpr size_t first_category = 4;  ///< groceries … other: 4 + AppCategory
constexpr size_t savings_rate = 15;
constexpr size_t spending_velocity = 16;
constexpr size_t legacy_count = 17;

// The behavioural block (the plan's feature_config indices 17-34).
constexpr size_t weekday_spending_ratio = 17;
constexpr size_t weekend_spending_ratio = 18;
constexpr size_t morning_spending_ratio = 19;
constexpr size_t evening_spending_ratio = 20;
constexpr size_t spending_volatility = 21;
constexpr size_t large_transaction_ratio = 22;
constexpr size_t impulse_buying_score = 23;
constexpr size_t category_diversity = 24;
constexpr size_t spending_consistency = 25;
constexpr size_t budget_adherence_score = 26;
constexpr size_t savings_consistency = 27;
constexpr size_t emergency_fund_ratio = 28;
constexpr size_t debt_indicator = 29;
constexpr size_t merchant_loyalty_score = 30;
constexpr size_t location_diversity = 31;
constexpr size_t seasonal_spending_factor = 32;
constexpr size_t balance_volatility = 33;
constexpr size_t financial_stress_indicator = 34;
constexpr size_t behavioural_end = 35;
/// First segment one-hot dimension; the peer, goal and temporal blocks follow the k segment
/// dims (see EnhancedLayout).
constexpr size_t segment_begin = 35;
}  // namespace dim

/// Offsets of the context blocks, which depend on the segment count.
struct EnhancedLayout {
  size_t segment_begin = dim::segment_begin;
  size_t segment_count = 5;
  size_t peer_begin = 0;  ///< spending, savings rate, volatility percentiles
  size_t goal_begin = 0;  ///< has_goal, progress, required rate, actual rate, time pressure
  size_t temporal_begin = 0;  ///< days since purchase, weekday sin/cos, month sin/cos
  size_t size = 0;

  explicit EnhancedLayout(int segments);
};
constexpr size_t k_peer_dims = 3;
constexpr size_t k_goal_dims = 5;
constexpr size_t k_temporal_dims = 5;

FeatureSchema legacy17_schema();
FeatureSchema enhanced_schema(const FeatureParams& params);

/// feature_config.json: the schema plus the parameters that shaped it (under "params").
nlohmann::json feature_config_json(const FeatureSchema& schema, const FeatureParams& params);
/// Writes feature_config.json atomically; throws IoError.
void save_feature_config(const FeatureSchema& schema, const FeatureParams& params, const std::string& path);
/// Reads the schema back; throws InvalidInput naming the file on a bad document.
FeatureSchema load_feature_config(const std::string& path);

}  // namespace fincoach::features
