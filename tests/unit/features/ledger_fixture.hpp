#pragma once
// Ledgers for the feature tests: hand-written rows, and a seeded random ledger with every
// kind of row the extractor must survive (timed and untimed, with and without balances,
// merchants and cities, savings transfers, overdrafts, refunds).

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "fincoach/common/date.hpp"
#include "fincoach/common/ledger.hpp"

namespace fincoach::features::testing {

inline int32_t day_of(int year, int month, int day) { return days_from_civil(year, month, day); }

struct Row {
  std::string user;
  int32_t day = 0;
  int64_t amount = 0;  ///< minor units, credit +
  AppCategory category = AppCategory::Other;
  int64_t balance = k_no_balance;
  int32_t second = -1;
  std::string merchant;
  std::string description = "SHOP";
  std::string city;
};

inline Row make_row(std::string user, int32_t day, int64_t amount, AppCategory category,
                    int64_t balance = k_no_balance) {
  Row r;
  r.user = std::move(user);
  r.day = day;
  r.amount = amount;
  r.category = category;
  r.balance = balance;
  return r;
}

inline Ledger build(const std::vector<Row>& rows) {
  LedgerBuilder b;
  for (const Row& r : rows) {
    LedgerRow row;
    row.user = r.user;
    row.day = r.day;
    row.amount = r.amount;
    row.category = r.category;
    row.balance = r.balance;
    row.second = r.second;
    row.merchant = r.merchant;
    row.description = r.description;
    row.city = r.city;
    b.append(row);
  }
  return std::move(b).finish();
}

/// xorshift: the fixture's own stated generator.
struct Rng {
  uint64_t s;
  uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
};

/// `users` users over ~`days` days from 2023-01-02, with mixed habits. User i's style depends
/// on i % 6: timed/untimed, balance column or none, overdrafts, only credits, a single day.
inline Ledger random_ledger(int users, int days, uint64_t seed) {
  Rng rng{seed * 2654435761ULL + 1};
  std::vector<Row> rows;
  const int32_t start = day_of(2023, 1, 2);
  const char* merchants[] = {"TESCO", "AMAZON", "NETFLIX", "PUB", "GYM", ""};
  const char* cities[] = {"Leeds", "York", "", "Paris"};
  for (int u = 0; u < users; ++u) {
    const std::string user = "user" + std::to_string(1000 + u);
    const int style = u % 6;
    const bool timed = style == 0 || style == 3;
    const bool balances = style != 1;
    int64_t balance = style == 2 ? -20000 : 50000 + rng.below(100000);
    const int span = style == 5 ? 1 : days - rng.below(days / 3 + 1);
    const int32_t first = start + rng.below(20);
    for (int d = 0; d < span; ++d) {
      const int n = rng.below(style == 4 ? 2 : 5);
      for (int k = 0; k < n; ++k) {
        Row r;
        r.user = user;
        r.day = first + d;
        const int kind = rng.below(10);
        if (style == 4 || kind == 0) {
          r.amount = 1000 + rng.below(200000);
          r.category = AppCategory::Income;
        } else if (kind == 1) {
          r.amount = -(500 + rng.below(5000));
          r.category = AppCategory::Savings;
        } else {
          r.amount = -(100 + rng.below(9000));
          r.category = static_cast<AppCategory>(rng.below(11));
          if (r.category == AppCategory::Savings && rng.below(3) == 0) r.amount = -r.amount;  // withdrawal
        }
        balance += r.amount;
        r.balance = balances ? balance : k_no_balance;
        r.second = timed ? rng.below(86400) : -1;
        r.merchant = merchants[rng.below(6)];
        r.description = rng.below(4) == 0 ? "" : "DESC" + std::to_string(rng.below(7));
        r.city = cities[rng.below(4)];
        rows.push_back(r);
      }
    }
  }
  return build(rows);
}

}  // namespace fincoach::features::testing
