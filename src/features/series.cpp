#include "fincoach/features/series.hpp"

#include "fincoach/features/params.hpp"
#include "fincoach/common/parallel.hpp"
#include "window_stats.hpp"

namespace fincoach::features {

DailySeries build_daily_series(const Ledger& ledger, int threads) {
  const int workers = resolve_feature_threads(threads);
  DailySeries s;
  const uint32_t users = ledger.user_count();
  s.user_offsets.assign(static_cast<size_t>(users) + 1, 0);
  s.first_day.assign(users, 0);
  for (uint32_t u = 0; u < users; ++u) {
    const uint64_t begin = ledger.user_begin(u);
    const uint64_t end = ledger.user_end(u);
    uint64_t days = 0;
    if (begin < end) {
      s.first_day[u] = ledger.day[begin];
      days = static_cast<uint64_t>(ledger.day[end - 1] - ledger.day[begin] + 1);
    }
    s.user_offsets[u + 1] = s.user_offsets[u] + days;
  }
  const uint64_t rows = s.user_offsets.back();
  for (auto& column : s.spend) column.assign(rows, 0.0f);
  s.income.assign(rows, 0.0f);
  const double scale = detail::minor_scale(ledger);
  parallel_for<detail::k_user_chunk>(users, workers, [&](uint64_t u, int) {
    const uint32_t user = static_cast<uint32_t>(u);
    const uint64_t base = s.user_offsets[u];
    // Sums in minor units (exact), converted once per cell.
    for (uint64_t r = ledger.user_begin(user); r < ledger.user_end(user);) {
      const int32_t d = ledger.day[r];
      std::array<int64_t, k_app_category_count> spend{};
      int64_t income = 0;
      for (; r < ledger.user_end(user) && ledger.day[r] == d; ++r) {
        const int64_t a = ledger.amount[r];
        if (a > 0)
          income += a;
        else if (ledger.category[r] < k_app_category_count)
          spend[ledger.category[r]] -= a;
      }
      const uint64_t row = base + static_cast<uint64_t>(d - s.first_day[u]);
      for (size_t c = 0; c < k_app_category_count; ++c)
        s.spend[c][row] = static_cast<float>(static_cast<double>(spend[c]) / scale);
      s.income[row] = static_cast<float>(static_cast<double>(income) / scale);
    }
  });
  return s;
}

}  // namespace fincoach::features
