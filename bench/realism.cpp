// Realism check: a simulated population next to MoneyVis (one real UK account). Per
// user-week spend and transaction counts, amounts, category shares, type codes and balances,
// as quantiles, with a verdict per line saying whether they overlap and where they differ.
// MoneyVis is one person over seven years, so its quantiles are over weeks (or years); the
// simulation's are over user-weeks and over users.
//
// usage: fincoach_realism [--users=N] [--months=M] [--seed=S] [--moneyvis=CSV] [--out=FILE.md]

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "fincoach/common/date.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/common/progress.hpp"
#include "fincoach/ingest/csv_ingest.hpp"
#include "fincoach/ingest/profile.hpp"
#include "fincoach/simulate/simulator.hpp"

namespace {

using fincoach::AppCategory;
using fincoach::Ledger;

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

struct Quantiles {
  double p10 = 0, p25 = 0, p50 = 0, p75 = 0, p90 = 0;
};

Quantiles quantiles(const std::vector<double>& v) {
  return {quantile(v, 0.10), quantile(v, 0.25), quantile(v, 0.50), quantile(v, 0.75), quantile(v, 0.90)};
}

/// Everything measured on one ledger.
struct Measures {
  std::vector<double> week_spend;         // all debits of a user-week, GBP
  std::vector<double> week_spend_core;    // debits outside savings and bills
  std::vector<double> week_count;         // rows of a user-week
  std::vector<double> user_median_spend;  // per user: median weekly spend
  std::vector<double> user_median_count;
  std::vector<double> debit_amount;                                              // every debit, GBP
  std::vector<double> balance;                                                   // every balance, GBP
  std::array<std::vector<double>, fincoach::k_app_category_count> share_amount;  // per user (or year)
  std::array<std::vector<double>, fincoach::k_app_category_count> share_count;
  std::map<std::string, double> type_share;  // share of rows per type code
  double weekend_row_share = 0.0;
};

// Full Monday-to-Sunday weeks inside [first, last] of the ledger.
void measure_weeks(const Ledger& l, Measures& m) {
  const auto [lo, hi] = std::minmax_element(l.day.begin(), l.day.end());
  const int32_t week0 = *lo + (7 - fincoach::weekday_from_days(*lo)) % 7;
  const int32_t weeks = (*hi + 1 - week0) / 7;
  for (uint32_t u = 0; u < l.user_count(); ++u) {
    std::vector<double> spend(static_cast<size_t>(weeks)), core(spend.size()), count(spend.size());
    for (uint64_t r = l.user_begin(u); r < l.user_end(u); ++r) {
      const int32_t w = (l.day[r] - week0) / 7;
      if (l.day[r] < week0 || w >= weeks) continue;
      const auto i = static_cast<size_t>(w);
      count[i] += 1;
      if (l.amount[r] >= 0) continue;
      const double pounds = static_cast<double>(-l.amount[r]) / 100.0;
      spend[i] += pounds;
      if (l.app_category(r) != AppCategory::Savings && l.app_category(r) != AppCategory::Bills) core[i] += pounds;
    }
    m.week_spend.insert(m.week_spend.end(), spend.begin(), spend.end());
    m.week_spend_core.insert(m.week_spend_core.end(), core.begin(), core.end());
    m.week_count.insert(m.week_count.end(), count.begin(), count.end());
    m.user_median_spend.push_back(quantile(spend, 0.5));
    m.user_median_count.push_back(quantile(count, 0.5));
  }
}

// Category shares of debits, per group of rows (a user, or a year of the single real user).
void add_shares(const Ledger& l, uint64_t begin, uint64_t end, Measures& m) {
  std::array<double, fincoach::k_app_category_count> amount{}, count{};
  double total_amount = 0, total_count = 0;
  for (uint64_t r = begin; r < end; ++r) {
    if (l.amount[r] >= 0) continue;
    amount[l.category[r]] += static_cast<double>(-l.amount[r]);
    count[l.category[r]] += 1;
    total_amount += static_cast<double>(-l.amount[r]);
    total_count += 1;
  }
  if (total_count == 0) return;
  for (size_t c = 0; c < amount.size(); ++c) {
    m.share_amount[c].push_back(amount[c] / total_amount);
    m.share_count[c].push_back(count[c] / total_count);
  }
}

Measures measure(const Ledger& l, bool by_year) {
  Measures m;
  measure_weeks(l, m);
  std::map<std::string, double> types;
  double weekend = 0;
  for (size_t r = 0; r < l.rows(); ++r) {
    if (l.amount[r] < 0) m.debit_amount.push_back(static_cast<double>(-l.amount[r]) / 100.0);
    if (l.balance[r] != fincoach::k_no_balance) m.balance.push_back(static_cast<double>(l.balance[r]) / 100.0);
    types[std::string(l.type_codes.at(l.type_code[r]))] += 1;
    weekend += fincoach::weekday_from_days(l.day[r]) >= 5 ? 1 : 0;
  }
  for (auto& [code, n] : types) n /= static_cast<double>(l.rows());
  m.type_share = types;
  m.weekend_row_share = weekend / static_cast<double>(l.rows());
  if (!by_year) {
    for (uint32_t u = 0; u < l.user_count(); ++u) add_shares(l, l.user_begin(u), l.user_end(u), m);
    return m;
  }
  uint64_t begin = 0;
  for (uint64_t r = 1; r <= l.rows(); ++r) {
    if (r < l.rows() && fincoach::civil_from_days(l.day[r]).year == fincoach::civil_from_days(l.day[begin]).year)
      continue;
    if (r - begin >= 200) add_shares(l, begin, r, m);  // skip the short first and last years
    begin = r;
  }
  return m;
}

std::string verdict(const Quantiles& real, const Quantiles& sim) {
  const bool overlap = real.p10 <= sim.p90 && sim.p10 <= real.p90;
  if (!overlap) return real.p50 > sim.p90 ? "no overlap: real higher" : "no overlap: real lower";
  if (real.p50 >= sim.p10 && real.p50 <= sim.p90) return "overlap";
  return real.p50 > sim.p90 ? "overlap; real median above sim p90" : "overlap; real median below sim p10";
}

void row(std::string& md, const std::string& name, const std::vector<double>& real, const std::vector<double>& sim,
         const char* format = "{:.1f}") {
  const Quantiles r = quantiles(real);
  const Quantiles s = quantiles(sim);
  auto f = [&](double v) { return fmt::format(fmt::runtime(format), v); };
  md += fmt::format("| {} | {} / {} / {} | {} / {} / {} | {} |\n", name, f(r.p10), f(r.p50), f(r.p90), f(s.p10),
                    f(s.p50), f(s.p90), verdict(r, s));
}

std::string report(const fincoach::simulate::SimulationParams& p, const Measures& real, const Measures& sim,
                   const std::string& source) {
  std::string md;
  md += fmt::format("## Realism: {} simulated users x {} months (seed {}) next to MoneyVis\n\n", p.users, p.months,
                    p.seed);
  md += fmt::format("Command: `fincoach_realism --users={} --months={} --seed={}`; MoneyVis: `{}`.\n\n", p.users,
                    p.months, p.seed, source);
  md +=
      "Quantiles p10 / p50 / p90. MoneyVis is one account over 7 years: its spreads are over weeks (or, for\n"
      "category shares, over its calendar years 2016-2021); the simulation's are over user-weeks (or users).\n"
      "Verdict: `overlap` when the p10-p90 ranges intersect and the real median lies inside the simulated\n"
      "p10-p90.\n\n";
  md += "| measure | MoneyVis | simulated | verdict |\n|---|---|---|---|\n";
  row(md, "weekly spend, all debits (GBP)", real.week_spend, sim.week_spend);
  row(md, "weekly spend, without savings and bills (GBP)", real.week_spend_core, sim.week_spend_core);
  row(md, "weekly transactions (rows)", real.week_count, sim.week_count);
  row(md, "median weekly spend of a user (GBP)", real.user_median_spend, sim.user_median_spend);
  row(md, "median weekly transactions of a user", real.user_median_count, sim.user_median_count);
  row(md, "debit amount (GBP)", real.debit_amount, sim.debit_amount, "{:.2f}");
  row(md, "balance (GBP)", real.balance, sim.balance, "{:.0f}");
  md += "\n### Category shares of debits (per user; MoneyVis per year)\n\n";
  md +=
      "| app category | amount share MoneyVis | amount share simulated | count share MoneyVis | count share simulated "
      "| verdict (amount) |\n|---|---|---|---|---|---|\n";
  for (size_t c = 0; c < real.share_amount.size(); ++c) {
    const auto cat = static_cast<AppCategory>(c);
    if (cat == AppCategory::Income) continue;
    auto span = [](const std::vector<double>& v) {
      const Quantiles q = quantiles(v);
      return fmt::format("{:.3f} / {:.3f} / {:.3f}", q.p10, q.p50, q.p90);
    };
    md += fmt::format("| {} | {} | {} | {} | {} | {} |\n", fincoach::to_string(cat), span(real.share_amount[c]),
                      span(sim.share_amount[c]), span(real.share_count[c]), span(sim.share_count[c]),
                      verdict(quantiles(real.share_amount[c]), quantiles(sim.share_amount[c])));
  }
  md += "\n### Type codes (share of rows) and weekends\n\n| code | MoneyVis | simulated |\n|---|---|---|\n";
  std::map<std::string, std::pair<double, double>> codes;
  for (const auto& [code, share] : real.type_share) codes[code].first = share;
  for (const auto& [code, share] : sim.type_share) codes[code].second = share;
  for (const auto& [code, shares] : codes)
    md += fmt::format("| `{}` | {:.3f} | {:.3f} |\n", code.empty() ? "(empty)" : code, shares.first, shares.second);
  md += fmt::format("| rows on Saturday or Sunday | {:.3f} | {:.3f} |\n\n", real.weekend_row_share,
                    sim.weekend_row_share);
  return md;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    using fincoach::bench::take_option;
    fincoach::Progress::set_enabled_globally(false);
    fincoach::simulate::SimulationParams params;
    params.users = std::stoll(take_option(argc, argv, "users", "5000"));
    params.months = std::stoi(take_option(argc, argv, "months", "12"));
    params.seed = std::stoull(take_option(argc, argv, "seed", "42"));
    const std::string moneyvis =
        take_option(argc, argv, "moneyvis",
                    std::string(FINCOACH_SHARED_DIR) + "/data/moneyvis/anonymized_original_with_category.csv");
    const std::string out = take_option(argc, argv, "out", "");
    fincoach::bench::reject_leftover_arguments(argc, argv, "see the header of bench/realism.cpp");

    fincoach::ingest::IngestParams ingest_params;
    ingest_params.progress = false;
    const fincoach::ingest::IngestResult real =
        fincoach::ingest::ingest_csv({moneyvis}, fincoach::ingest::builtin_profile("moneyvis"), ingest_params);
    const fincoach::simulate::SimulationResult sim = fincoach::simulate::simulate(params);
    const std::string md = report(params, measure(real.ledger, true), measure(sim.population.ledger, false),
                                  "anonymized_original_with_category.csv");
    std::fputs(md.c_str(), stdout);
    if (!out.empty()) fincoach::write_file_atomic(out, md);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fincoach_realism: %s\n", e.what());
    return 1;
  }
}
