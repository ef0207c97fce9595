// Outliers by median and MAD within groups of like payments: each (user, app category,
// direction) splits by payee (merchant, else description); a payee with at least
// outlier_min_group_size rows is a group of its own, the rest of the category pool together.
// A user's rows are contiguous, so groups are built per user in 22 reusable buckets; each
// group costs a sort by payee and two nth_element passes (median, then MAD).

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include "validate/sections.hpp"

namespace fincoach::validate::detail {

namespace {

// 1.4826·MAD and 1.2533·(mean absolute deviation) both estimate σ for normal data.
constexpr double k_mad_to_sigma = 1.4826;
constexpr double k_mean_deviation_to_sigma = 1.253314;
constexpr size_t k_bucket_count = 2 * k_app_category_count;

struct Candidate {
  size_t row = 0;
  double median = 0.0;
  double scale = 0.0;
  double robust_z = 0.0;
};

double magnitude(int64_t amount) {
  // Through uint64 so that INT64_MIN has a magnitude too.
  const uint64_t bits = static_cast<uint64_t>(amount);
  return static_cast<double>(amount < 0 ? ~bits + 1 : bits);
}

// Median of `values` (reordered in place; must not be empty).
double median_of(std::vector<double>& values) {
  const size_t half = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(half), values.end());
  const double upper = values[half];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(half));
  return lower + (upper - lower) / 2.0;
}

class GroupScanner {
 public:
  GroupScanner(const Ledger& ledger, const QualityParams& params, OutlierSection& section)
      : ledger_(ledger), params_(params), section_(section) {}

  void scan_user(uint32_t user) {
    for (auto& bucket : buckets_) bucket.clear();
    for (uint64_t row = ledger_.user_begin(user); row < ledger_.user_end(user); ++row) {
      const int64_t amount = ledger_.amount[row];
      if (amount == 0) continue;  // neither side: no direction to compare within
      buckets_[2 * size_t{ledger_.category[row]} + (amount > 0 ? 1 : 0)].push_back(row);
    }
    for (auto& bucket : buckets_)
      if (!bucket.empty()) scan_by_payee(bucket);
  }

  std::vector<Candidate>& candidates() { return candidates_; }

 private:
  // Why by payee: a category mixes payments of different kinds (rent and a utility bill in
  // bills; round-ups and a standing order in savings), and against the small ones every
  // regular large one would look extreme. Regular payments to one payee are compared with
  // each other; what is left of the category is compared as before.
  uint64_t payee_of(size_t row) const {
    const uint32_t merchant = ledger_.merchant[row];
    if (!ledger_.merchants.at(merchant).empty()) return (uint64_t{1} << 32) | merchant;
    return ledger_.description[row];
  }

  void scan_by_payee(std::vector<size_t>& rows) {
    keyed_.clear();
    for (size_t row : rows) keyed_.push_back({payee_of(row), row});
    std::sort(keyed_.begin(), keyed_.end());  // by payee, rows in ledger order within one
    remainder_.clear();
    for (size_t begin = 0; begin < keyed_.size();) {
      size_t end = begin;
      while (end < keyed_.size() && keyed_[end].first == keyed_[begin].first) ++end;
      if (end - begin >= params_.outlier_min_group_size) {
        payee_rows_.clear();
        for (size_t i = begin; i < end; ++i) payee_rows_.push_back(keyed_[i].second);
        scan_group(payee_rows_);
      } else {
        for (size_t i = begin; i < end; ++i) remainder_.push_back(keyed_[i].second);
      }
      begin = end;
    }
    if (!remainder_.empty()) {
      std::sort(remainder_.begin(), remainder_.end());
      scan_group(remainder_);
    }
  }

  void scan_group(const std::vector<size_t>& rows) {
    if (rows.size() < params_.outlier_min_group_size) {
      ++section_.groups_too_small;
      return;
    }
    ++section_.groups_checked;
    section_.rows_checked += rows.size();
    values_.clear();
    for (size_t row : rows) values_.push_back(magnitude(ledger_.amount[row]));
    const double median = median_of(values_);
    double mean_deviation = 0.0;
    for (double& value : values_) {
      value = std::abs(value - median);
      mean_deviation += value;
    }
    mean_deviation /= static_cast<double>(values_.size());
    double scale = k_mad_to_sigma * median_of(values_);
    if (scale == 0.0) {
      if (mean_deviation == 0.0) {
        ++section_.groups_constant;
        return;
      }
      ++section_.groups_mean_deviation;
      scale = k_mean_deviation_to_sigma * mean_deviation;
    }
    const double floor = params_.outlier_min_relative_scale * median;
    if (scale < floor) {
      ++section_.groups_scale_floored;
      scale = floor;
    }
    for (size_t row : rows) {
      const double z = std::abs(magnitude(ledger_.amount[row]) - median) / scale;
      if (z > params_.outlier_z_threshold) candidates_.push_back({row, median, scale, z});
    }
  }

  const Ledger& ledger_;
  const QualityParams& params_;
  OutlierSection& section_;
  std::array<std::vector<size_t>, k_bucket_count> buckets_;
  std::vector<std::pair<uint64_t, size_t>> keyed_;
  std::vector<size_t> payee_rows_;
  std::vector<size_t> remainder_;
  std::vector<double> values_;
  std::vector<Candidate> candidates_;
};

Outlier describe(const Ledger& ledger, const Candidate& candidate) {
  const size_t row = candidate.row;
  Outlier outlier;
  outlier.user = std::string(ledger.users.at(ledger.user[row]));
  outlier.category = ledger.app_category(row);
  outlier.credit = ledger.amount[row] > 0;
  outlier.source = source_of(ledger, row);
  outlier.amount = ledger.amount[row];
  outlier.median = candidate.median;
  outlier.scale = candidate.scale;
  outlier.robust_z = candidate.robust_z;
  return outlier;
}

}  // namespace

OutlierSection find_outliers(const Ledger& ledger, const QualityParams& params) {
  OutlierSection section;
  GroupScanner scanner(ledger, params, section);
  for (uint32_t user = 0; user < ledger.user_count(); ++user) scanner.scan_user(user);
  std::vector<Candidate>& candidates = scanner.candidates();
  section.count = candidates.size();
  const size_t listed = std::min<size_t>(candidates.size(), params.max_listed);
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(listed), candidates.end(),
                    [](const Candidate& a, const Candidate& b) {
                      if (a.robust_z != b.robust_z) return a.robust_z > b.robust_z;
                      return a.row < b.row;
                    });
  for (size_t i = 0; i < listed; ++i) section.listed.push_back(describe(ledger, candidates[i]));
  return section;
}

}  // namespace fincoach::validate::detail
