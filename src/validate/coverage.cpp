// Date coverage: first/last day, active days, months without rows and long gaps, per user
// and overall. Rows are sorted by day within a user, so one pass finds each user's distinct
// days; only the overall distinct days need a sort (of distinct days, not rows).

#include <algorithm>
#include <vector>

#include "validate/sections.hpp"

namespace fincoach::validate::detail {

namespace {

struct GapCandidate {
  uint32_t user = 0;
  int32_t last_active_day = 0;
  int32_t next_active_day = 0;
  int32_t empty_days = 0;
};

// Months with no row between consecutive active months, counted and listed up to a cap.
class MonthWalker {
 public:
  MonthWalker(uint64_t& empty_count, std::vector<YearMonth>& listed, uint64_t max_listed)
      : empty_count_(empty_count), listed_(listed), max_listed_(max_listed) {}

  void visit(int32_t month) {
    if (started_ && month == last_) return;
    if (started_) {
      empty_count_ += static_cast<uint64_t>(month - last_ - 1);
      for (int32_t missing = last_ + 1; missing < month && listed_.size() < max_listed_; ++missing)
        listed_.push_back(year_month_of_index(missing));
    } else {
      first_ = month;
    }
    started_ = true;
    last_ = month;
  }

  uint64_t months_spanned() const { return started_ ? static_cast<uint64_t>(last_ - first_) + 1 : 0; }

 private:
  uint64_t& empty_count_;
  std::vector<YearMonth>& listed_;
  uint64_t max_listed_;
  bool started_ = false;
  int32_t first_ = 0;
  int32_t last_ = 0;
};

UserCoverage cover_user(const Ledger& ledger, uint32_t user, const QualityParams& params,
                        std::vector<int32_t>& all_days, std::vector<GapCandidate>& gaps) {
  UserCoverage coverage;
  coverage.user = std::string(ledger.users.at(user));
  const uint64_t begin = ledger.user_begin(user);
  const uint64_t end = ledger.user_end(user);
  coverage.rows = end - begin;
  coverage.first_day = ledger.day[begin];
  coverage.last_day = ledger.day[end - 1];
  MonthWalker months(coverage.empty_months, coverage.empty_months_listed, params.max_listed);
  for (uint64_t row = begin; row < end; ++row) {
    const int32_t day = ledger.day[row];
    if (row > begin && day == ledger.day[row - 1]) continue;
    ++coverage.active_days;
    all_days.push_back(day);
    months.visit(month_index_of_day(day));
    if (row == begin) continue;
    const int64_t empty_days = int64_t{day} - ledger.day[row - 1] - 1;
    if (empty_days > params.gap_threshold_days) {
      ++coverage.gaps;
      gaps.push_back({user, ledger.day[row - 1], day, static_cast<int32_t>(empty_days)});
    }
  }
  coverage.months_spanned = months.months_spanned();
  return coverage;
}

void cover_overall(std::vector<int32_t>& all_days, const QualityParams& params, CoverageSection& section) {
  std::sort(all_days.begin(), all_days.end());
  all_days.erase(std::unique(all_days.begin(), all_days.end()), all_days.end());
  if (all_days.empty()) return;
  section.has_rows = true;
  section.first_day = all_days.front();
  section.last_day = all_days.back();
  section.active_days = all_days.size();
  MonthWalker months(section.empty_months, section.empty_months_listed, params.max_listed);
  for (int32_t day : all_days) months.visit(month_index_of_day(day));
  section.months_spanned = months.months_spanned();
}

void list_gaps(const Ledger& ledger, std::vector<GapCandidate>& gaps, const QualityParams& params,
               CoverageSection& section) {
  section.gap_count = gaps.size();
  const size_t listed = std::min<size_t>(gaps.size(), params.max_listed);
  std::partial_sort(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(listed), gaps.end(),
                    [](const GapCandidate& a, const GapCandidate& b) {
                      if (a.empty_days != b.empty_days) return a.empty_days > b.empty_days;
                      if (a.user != b.user) return a.user < b.user;
                      return a.last_active_day < b.last_active_day;
                    });
  for (size_t i = 0; i < listed; ++i)
    section.gaps.push_back(DateGap{std::string(ledger.users.at(gaps[i].user)), gaps[i].last_active_day,
                                   gaps[i].next_active_day, gaps[i].empty_days});
}

}  // namespace

CoverageSection assess_coverage(const Ledger& ledger, const QualityParams& params) {
  CoverageSection section;
  section.user_count = ledger.user_count();
  std::vector<int32_t> all_days;
  std::vector<GapCandidate> gaps;
  for (uint32_t user = 0; user < ledger.user_count(); ++user) {
    if (ledger.user_begin(user) == ledger.user_end(user)) continue;
    UserCoverage coverage = cover_user(ledger, user, params, all_days, gaps);
    if (section.users.size() < params.max_listed) section.users.push_back(std::move(coverage));
  }
  cover_overall(all_days, params, section);
  list_gaps(ledger, gaps, params, section);
  return section;
}

}  // namespace fincoach::validate::detail
