#pragma once
// Daily spending series per user and app category, dense over each user's date range and
// stored column by column (one float column per category), for the forecasting models.

#include <array>
#include <cstdint>
#include <vector>

#include "fincoach/common/category.hpp"
#include "fincoach/common/ledger.hpp"

namespace fincoach::features {

struct DailySeries {
  /// Rows of user u are [user_offsets[u], user_offsets[u + 1]): one per day from the user's
  /// first posting day through the last, days without payments included (zeros).
  std::vector<uint64_t> user_offsets{0};
  std::vector<int32_t> first_day;  ///< per user; 0 for a user without rows
  /// Debits per category per row, major units (a refund, i.e. a credit, is not spending).
  std::array<std::vector<float>, k_app_category_count> spend;
  /// Credits per row, major units (income of every category).
  std::vector<float> income;

  size_t rows() const { return income.size(); }
  int32_t day_of(uint32_t user, uint64_t row) const {
    return first_day[user] + static_cast<int32_t>(row - user_offsets[user]);
  }
  bool operator==(const DailySeries&) const = default;
};

/// Builds the series for every user, in parallel over users (0 threads: every core); the
/// result is identical for any thread count.
DailySeries build_daily_series(const Ledger& ledger, int threads = 0);

}  // namespace fincoach::features
