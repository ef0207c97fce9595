// QualityParams checks, their config binding and the normalised alias map.

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "fincoach/common/error.hpp"
#include "fincoach/common/params.hpp"
#include "fincoach/common/text.hpp"
#include "fincoach/validate/quality.hpp"
#include "validate/sections.hpp"

namespace fincoach::validate {

namespace {

[[noreturn]] void reject(std::string_view field, const std::string& value, std::string_view rule) {
  throw InvalidInput(fmt::format("validate.{} = {}: {}", field, value, rule));
}

}  // namespace

void QualityParams::validate() const {
  if (!std::isfinite(outlier_z_threshold) || outlier_z_threshold <= 0.0)
    reject("outlier_z_threshold", fmt::format("{}", outlier_z_threshold), "must be a finite number greater than 0");
  if (outlier_min_group_size < 3)
    reject("outlier_min_group_size", std::to_string(outlier_min_group_size),
           "must be at least 3 (a median and a MAD need three values to mean anything)");
  if (!(outlier_min_relative_scale >= 0.0 && outlier_min_relative_scale < 1.0))
    reject("outlier_min_relative_scale", fmt::format("{}", outlier_min_relative_scale), "must be in [0, 1)");
  if (gap_threshold_days < 1) reject("gap_threshold_days", std::to_string(gap_threshold_days), "must be at least 1");
  if (max_listed < 1) reject("max_listed", std::to_string(max_listed), "must be at least 1");
  (void)detail::normalized_aliases(*this);
}

ParamSet quality_param_set(QualityParams& params) {
  ParamSet set("validate");
  set.add("outlier_z_threshold", &params.outlier_z_threshold,
          "robust z (|x - median| / (1.4826 MAD)) above which an amount is an outlier")
      .add("outlier_min_group_size", &params.outlier_min_group_size,
           "smallest group (a payee, or the rest of a user's category and direction) scanned for outliers")
      .add("outlier_min_relative_scale", &params.outlier_min_relative_scale,
           "the outlier scale is at least this share of the group's median amount")
      .add("gap_threshold_days", &params.gap_threshold_days,
           "list gaps with more than this many empty calendar days between active days")
      .add("max_listed", &params.max_listed, "most items listed per report list (counts stay exact)")
      .add("category_aliases", &params.category_aliases,
           "extra category merges, label = canonical label ([validate.category_aliases] table)");
  return set;
}

namespace detail {

std::map<std::string, std::string> normalized_aliases(const QualityParams& params) {
  std::map<std::string, std::string> aliases;
  for (const auto& [key, target] : params.category_aliases) {
    std::string clean_key = normalize_label(key);
    std::string clean_target = normalize_label(target);
    if (clean_key.empty())
      throw InvalidInput(fmt::format("validate.category_aliases: empty label (\"{}\") mapped to \"{}\"", key, target));
    if (clean_target.empty())
      throw InvalidInput(fmt::format("validate.category_aliases[\"{}\"] = \"{}\": the target is empty", key, target));
    auto [it, inserted] = aliases.emplace(clean_key, clean_target);
    if (!inserted && it->second != clean_target)
      throw InvalidInput(fmt::format(
          "validate.category_aliases[\"{}\"] = \"{}\": another key normalises to \"{}\" and maps it to \"{}\"", key,
          target, clean_key, it->second));
  }
  for (const auto& [key, target] : aliases) {
    auto next = aliases.find(target);
    if (next != aliases.end() && next->second != target)
      throw InvalidInput(
          fmt::format("validate.category_aliases: \"{}\" maps to \"{}\", which is itself mapped to \"{}\"; "
                      "map it to the final label",
                      key, target, next->second));
  }
  return aliases;
}

}  // namespace detail
}  // namespace fincoach::validate
