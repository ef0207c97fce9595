#include "fincoach/features/schema.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "fincoach/common/category.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"

namespace fincoach::features {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 6> k_block_names = {"base", "behavioural", "segment", "peer", "goal", "temporal"};

void add(FeatureSchema& s, std::string name, FeatureBlock block, std::string unit, std::string description) {
  s.features.push_back({std::move(name), block, std::move(unit), std::move(description)});
}

void add_legacy(FeatureSchema& s) {
  const FeatureBlock b = FeatureBlock::Base;
  add(s, "current_balance", b, "currency",
      "balance after the last transaction (posting order) of the 7 days ending on the as-of day; 1000 when none");
  add(s, "total_spending", b, "currency", "sum of debits over the 7 days");
  add(s, "total_income", b, "currency", "sum of credits over the 7 days");
  add(s, "transaction_count", b, "count", "transactions over the 7 days (debits and credits)");
  for (AppCategory c : all_app_categories())
    add(s, fmt::format("{}_spending", to_string(c)), b, "currency",
        fmt::format("debits of category {} over the 7 days", to_string(c)));
  add(s, "savings_rate", b, "ratio", "(total_income - total_spending) / max(total_income, 1)");
  add(s, "spending_velocity", b, "currency/day", "total_spending / 7");
}

void add_behavioural(FeatureSchema& s) {
  const FeatureBlock b = FeatureBlock::Behavioural;
  add(s, "weekday_spending_ratio", b, "ratio", "share of lookback spending posted Monday-Friday (0: no spending)");
  add(s, "weekend_spending_ratio", b, "ratio", "share of lookback spending posted Saturday-Sunday (0: no spending)");
  add(s, "morning_spending_ratio", b, "ratio",
      "share of timed lookback spending before 12:00 (missing when no payment has a time)");
  add(s, "evening_spending_ratio", b, "ratio",
      "share of timed lookback spending from 18:00 (missing when no payment has a time)");
  add(s, "spending_volatility", b, "ratio", "coefficient of variation of daily spending over the lookback days");
  add(s, "large_transaction_ratio", b, "ratio",
      "share of lookback payments above large_multiple x the user's mean payment over the baseline");
  add(s, "impulse_buying_score", b, "ratio",
      "share of lookback payments that belong to a burst of discretionary payments (times when known, "
      "else impulse_day_count on one day)");
  add(s, "category_diversity", b, "ratio", "Shannon entropy of lookback spending over the 10 spending categories / log2(10)");
  add(s, "spending_consistency", b, "ratio", "1 / (1 + coefficient of variation of the 7-day spending totals)");
  add(s, "budget_adherence_score", b, "ratio",
      "share of lookback spending within per-category budgets set by the user's baseline rates");
  add(s, "savings_consistency", b, "ratio", "share of the lookback's 7-day blocks with a transfer to savings");
  add(s, "emergency_fund_ratio", b, "months",
      "balance / average monthly spending over the baseline, clamped to +-emergency_cap_months "
      "(missing when no balance is known)");
  add(s, "debt_indicator", b, "ratio", "share of lookback days that closed with a negative balance");
  add(s, "merchant_loyalty_score", b, "ratio",
      "Herfindahl index of lookback payments over counterparties (missing when none is named)");
  add(s, "location_diversity", b, "ratio",
      "Gini-Simpson diversity of lookback payments over cities (missing when no city is known)");
  add(s, "seasonal_spending_factor", b, "ratio",
      "lookback daily spending / baseline daily spending, clamped to [0, 10] (1: no baseline spending)");
  add(s, "balance_volatility", b, "months",
      "standard deviation of daily closing balances over the lookback / average monthly spending, clamped to [0, 100]");
  add(s, "financial_stress_indicator", b, "ratio",
      "mean of overspending (spending above income, share of spending), a buffer under one month, and debt_indicator");
}

void add_context(FeatureSchema& s, int segments) {
  for (int k = 0; k < segments; ++k)
    add(s, fmt::format("segment_{}", k), FeatureBlock::Segment, "indicator",
        fmt::format("1 when the user is in segment {} (all zeros before segmentation)", k));
  const FeatureBlock p = FeatureBlock::Peer;
  add(s, "peer_spending_percentile", p, "percentile", "mid-rank of lookback spending among the segment (0.5: no segment)");
  add(s, "peer_savings_rate_percentile", p, "percentile",
      "mid-rank of the lookback savings rate among the segment (0.5: no segment)");
  add(s, "peer_volatility_percentile", p, "percentile",
      "mid-rank of spending_volatility among the segment (0.5: no segment)");
  const FeatureBlock g = FeatureBlock::Goal;
  add(s, "has_active_goal", g, "indicator", "1 when a savings goal is running on the as-of day");
  add(s, "goal_progress", g, "ratio", "net savings since the goal's start / target, clamped to [-1, 2]");
  add(s, "goal_required_savings_rate", g, "ratio",
      "remaining target per day until the deadline / baseline daily income, clamped to [0, 5]");
  add(s, "goal_actual_savings_rate", g, "ratio",
      "net savings per day since the goal's start / baseline daily income, clamped to [-5, 5]");
  add(s, "goal_time_pressure", g, "ratio", "elapsed share of the goal's duration");
  const FeatureBlock t = FeatureBlock::Temporal;
  add(s, "days_since_last_purchase", t, "days", "days since the last payment, capped at max_days_since_purchase");
  add(s, "weekday_sin", t, "unit", "sin(2 pi weekday / 7), Monday = 0");
  add(s, "weekday_cos", t, "unit", "cos(2 pi weekday / 7)");
  add(s, "month_sin", t, "unit", "sin(2 pi (month - 1) / 12)");
  add(s, "month_cos", t, "unit", "cos(2 pi (month - 1) / 12)");
}

}  // namespace

std::string_view to_string(FeatureBlock block) { return k_block_names[static_cast<size_t>(block)]; }

FeatureBlock feature_block_from_string(std::string_view text) {
  for (size_t i = 0; i < k_block_names.size(); ++i)
    if (k_block_names[i] == text) return static_cast<FeatureBlock>(i);
  throw InvalidInput(fmt::format("unknown feature block '{}'", text));
}

EnhancedLayout::EnhancedLayout(int segments) : segment_count(static_cast<size_t>(segments)) {
  peer_begin = segment_begin + segment_count;
  goal_begin = peer_begin + k_peer_dims;
  temporal_begin = goal_begin + k_goal_dims;
  size = temporal_begin + k_temporal_dims;
}

std::optional<size_t> FeatureSchema::index_of(std::string_view feature) const {
  for (size_t i = 0; i < features.size(); ++i)
    if (features[i].name == feature) return i;
  return std::nullopt;
}

std::pair<size_t, size_t> FeatureSchema::block_range(FeatureBlock block) const {
  size_t first = features.size();
  size_t last = features.size();
  for (size_t i = 0; i < features.size(); ++i) {
    if (features[i].block != block) continue;
    if (first == features.size()) first = i;
    last = i + 1;
  }
  return {first, first == features.size() ? first : last};
}

std::vector<std::string> FeatureSchema::names() const {
  std::vector<std::string> out;
  out.reserve(features.size());
  for (const FeatureDef& f : features) out.push_back(f.name);
  return out;
}

json FeatureSchema::to_json() const {
  json list = json::array();
  for (size_t i = 0; i < features.size(); ++i) {
    const FeatureDef& f = features[i];
    list.push_back({{"index", i}, {"name", f.name}, {"block", to_string(f.block)}, {"unit", f.unit},
                    {"description", f.description}});
  }
  return {{"name", name}, {"version", version}, {"feature_names", names()}, {"features", list}};
}

FeatureSchema FeatureSchema::from_json(const json& j) {
  try {
    FeatureSchema s;
    s.name = j.at("name").get<std::string>();
    s.version = j.at("version").get<int>();
    for (const json& f : j.at("features"))
      s.features.push_back({f.at("name").get<std::string>(), feature_block_from_string(f.at("block").get<std::string>()),
                            f.at("unit").get<std::string>(), f.at("description").get<std::string>()});
    return s;
  } catch (const json::exception& e) {
    throw InvalidInput(fmt::format("feature schema: {}", e.what()));
  }
}

FeatureSchema legacy17_schema() {
  FeatureSchema s;
  s.name = "legacy17";
  add_legacy(s);
  return s;
}

FeatureSchema enhanced_schema(const FeatureParams& params) {
  params.validate();
  FeatureSchema s;
  s.name = "enhanced";
  add_legacy(s);
  add_behavioural(s);
  add_context(s, params.segment_count);
  FINCOACH_ASSERT(s.size() == EnhancedLayout(params.segment_count).size);
  return s;
}

json feature_config_json(const FeatureSchema& schema, const FeatureParams& params) {
  json j = schema.to_json();
  j["params"] = {{"lookback_days", params.lookback_days},
                 {"baseline_days", params.baseline_days},
                 {"large_multiple", params.large_multiple},
                 {"impulse_gap_minutes", params.impulse_gap_minutes},
                 {"impulse_day_count", params.impulse_day_count},
                 {"emergency_cap_months", params.emergency_cap_months},
                 {"max_days_since_purchase", params.max_days_since_purchase},
                 {"segment_count", params.segment_count},
                 {"legacy_window_days", 7},
                 {"as_of", "end of the as-of day; windows are whole days ending with it"}};
  return j;
}

void save_feature_config(const FeatureSchema& schema, const FeatureParams& params, const std::string& path) {
  write_file_atomic(path, feature_config_json(schema, params).dump(2) + "\n");
}

FeatureSchema load_feature_config(const std::string& path) {
  const std::string text = read_text_file(path);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    throw InvalidInput(fmt::format("{}: not JSON: {}", path, e.what()));
  }
  try {
    return FeatureSchema::from_json(j);
  } catch (const InvalidInput& e) {
    throw InvalidInput(fmt::format("{}: {}", path, e.what()));
  }
}

}  // namespace fincoach::features
