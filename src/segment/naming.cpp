#include "fincoach/segment/naming.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "fincoach/common/error.hpp"
#include "fincoach/segment/metrics.hpp"

namespace fincoach::segment {
namespace {

using D = ProfileDim;

// Which enhanced features express each dimension: ratios and scores over the lookback, not
// the 7-day amounts that swing with the pay day, and only features that tell the personas
// apart (evening share and transaction counts are as high for high spenders as for impulse
// buyers). docs/segmentation.md, "Naming", has the reasons and the measured persona means.
constexpr std::array<ProfileFeature, 9> k_profile_features{{
    {D::SavingsRate, "savings_consistency", 1.0},
    {D::SavingsRate, "emergency_fund_ratio", 1.0},
    {D::Volatility, "large_transaction_ratio", 1.0},
    {D::ImpulseScore, "impulse_buying_score", 1.0},
    {D::GoalAdherence, "goal_progress", 1.0},
    {D::GoalAdherence, "goal_actual_savings_rate", 1.0},
    {D::CategoryDiscipline, "budget_adherence_score", 1.0},
    {D::CategoryDiscipline, "debt_indicator", -1.0},
    {D::SpendingLevel, "total_spending", 1.0},
}};

// Weights in the order savings, volatility, impulse, goal, discipline, spending: the persona
// definitions (docs/simulator.md: savings propensity, volatility, impulsivity, goal
// commitment, budget discipline, discretionary share and income), their signs checked
// against the simulator's per-persona means of the profile dimensions.
constexpr std::array<PersonaTemplate, 5> k_personas{{
    {"conservative_saver",
     "Conservative Savers",
     {1.0, -0.5, -0.5, 0.0, 0.5, -0.25},
     "puts money aside steadily, rarely buys on impulse, keeps a buffer"},
    {"impulse_buyer",
     "Impulse Buyers",
     {-0.5, 0.5, 1.0, -0.25, -0.75, 0.0},
     "buys in bursts, saves little, often runs the balance below zero"},
    {"goal_oriented",
     "Goal-Oriented",
     {0.25, 0.0, -0.25, 1.0, 0.25, 0.0},
     "works towards a savings goal and keeps up with it"},
    {"budget_conscious",
     "Budget Conscious",
     {0.25, -0.25, -0.5, 0.0, 0.75, -1.0},
     "spends little, within budget, and avoids going overdrawn"},
    {"high_spender",
     "High Spenders",
     {-0.25, 0.0, 0.5, -0.25, 0.0, 1.0},
     "spends a lot across many categories, saves a small share"},
}};

constexpr std::array<std::string_view, k_profile_dims> k_dim_keys = {
    "savings_rate", "volatility", "impulse_score", "goal_adherence", "category_discipline", "spending_level"};
constexpr std::array<std::string_view, k_profile_dims> k_dim_labels = {
    "savings rate", "volatility", "impulse score", "goal adherence", "category discipline", "spending level"};

/// A dimension stands out in a descriptive name from this many standard deviations.
constexpr double k_notable_z = 0.3;

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

}  // namespace

std::string_view to_string(ProfileDim dim) {
  return k_dim_keys[static_cast<size_t>(dim)];
}
std::string_view label(ProfileDim dim) {
  return k_dim_labels[static_cast<size_t>(dim)];
}
std::span<const ProfileFeature> profile_features() {
  return k_profile_features;
}
std::span<const PersonaTemplate> persona_templates() {
  return k_personas;
}

SegmentDims profile_dims(const std::vector<std::string>& feature_names, const Matrix& scaled_means) {
  FINCOACH_ASSERT(scaled_means.cols == feature_names.size());
  SegmentDims out;
  std::array<std::vector<double>, k_profile_dims> signs;
  for (const ProfileFeature& f : k_profile_features) {
    const auto it = std::find(feature_names.begin(), feature_names.end(), f.feature);
    if (it == feature_names.end()) continue;
    const auto d = static_cast<size_t>(f.dim);
    out.features[d].push_back(static_cast<size_t>(it - feature_names.begin()));
    signs[d].push_back(f.sign);
    out.available[d] = true;
  }
  if (std::none_of(out.available.begin(), out.available.end(), [](bool a) { return a; }))
    throw InvalidInput(
        "segment naming: the feature schema has none of the profile features (savings_consistency, "
        "impulse_buying_score, total_spending, ...); name segments needs the enhanced schema");
  out.z.assign(scaled_means.rows, ProfileVector{});
  for (size_t s = 0; s < scaled_means.rows; ++s)
    for (size_t d = 0; d < k_profile_dims; ++d) {
      if (!out.available[d]) continue;
      double sum = 0.0;
      for (size_t i = 0; i < out.features[d].size(); ++i) sum += signs[d][i] * scaled_means.at(s, out.features[d][i]);
      out.z[s][d] = sum / static_cast<double>(out.features[d].size());
    }
  return out;
}

double persona_score(const ProfileVector& z, const std::array<bool, k_profile_dims>& available,
                     const PersonaTemplate& persona) {
  double sum = 0.0, weight = 0.0;
  for (size_t d = 0; d < k_profile_dims; ++d) {
    if (!available[d]) continue;
    sum += persona.weight[d] * std::clamp(z[d], -2.0, 2.0);
    weight += std::abs(persona.weight[d]);
  }
  return weight > 0.0 ? sum / weight : 0.0;
}

std::string descriptive_name(const ProfileVector& z, const std::array<bool, k_profile_dims>& available) {
  std::vector<size_t> order(k_profile_dims);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return std::abs(z[a]) > std::abs(z[b]); });
  std::vector<std::string> parts;
  for (size_t d : order) {
    if (!available[d] || std::abs(z[d]) < k_notable_z || parts.size() == 2) continue;
    parts.push_back(fmt::format("{} {}", z[d] > 0 ? "high" : "low", k_dim_labels[d]));
  }
  if (parts.empty()) return "Average profile";
  return capitalised(parts.size() == 1 ? parts[0] : parts[0] + ", " + parts[1]);
}

SegmentNames name_segments(const SegmentDims& dims, const NamingParams& params) {
  params.validate();
  const size_t k = dims.z.size();
  SegmentNames out;
  out.scores = Matrix(k, k_personas.size());
  std::vector<std::vector<double>> score(k, std::vector<double>(k_personas.size()));
  for (size_t s = 0; s < k; ++s)
    for (size_t p = 0; p < k_personas.size(); ++p) {
      score[s][p] = persona_score(dims.z[s], dims.available, k_personas[p]);
      out.scores.at(s, p) = score[s][p];
    }
  // A pair below the threshold is worth nothing: giving a persona to a segment it does not
  // fit must never be traded against giving it to one it fits.
  std::vector<std::vector<double>> worth = score;
  for (auto& row : worth)
    for (double& w : row) w = w >= params.min_persona_score ? w : 0.0;
  const std::vector<int32_t> match = max_weight_matching(worth);
  std::map<std::string, int> used;
  for (size_t s = 0; s < k; ++s) {
    const int32_t p = match[s];
    const bool fits = p >= 0 && score[s][static_cast<size_t>(p)] >= params.min_persona_score;
    std::string name =
        fits ? std::string(k_personas[static_cast<size_t>(p)].name) : descriptive_name(dims.z[s], dims.available);
    // Two descriptive names can coincide; a number keeps them apart.
    const int seen = used[name]++;
    if (seen > 0) name += fmt::format(" ({})", seen + 1);
    out.name.push_back(std::move(name));
    out.persona.push_back(fits ? p : -1);
    out.score.push_back(fits ? score[s][static_cast<size_t>(p)] : *std::max_element(score[s].begin(), score[s].end()));
  }
  return out;
}

}  // namespace fincoach::segment
