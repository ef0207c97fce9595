#include "fincoach/simulate/transactions_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/text.hpp"
#include "fincoach/simulate/simulator.hpp"
#include "simulate/atomic_file.hpp"

namespace fincoach::simulate {

const char* const k_fincoach_csv_header =
    "user_id,transaction_date,transaction_type,amount,category,description,merchant_name,location_city,"
    "location_country,balance_after";

namespace {

constexpr size_t k_rows_per_piece = 1 << 20;

std::vector<std::string> escaped(const StringDictionary& dictionary) {
  std::vector<std::string> out;
  out.reserve(dictionary.size());
  for (uint32_t i = 0; i < dictionary.size(); ++i) out.push_back(csv_escape(dictionary.at(i)));
  return out;
}

/// Everything formatted once per distinct value, so a row is a few appends.
struct Formatter {
  const Ledger& ledger;
  int minor_digits;
  std::vector<std::string> users, descriptions, merchants, cities, countries;
  int32_t first_day = 0;
  std::vector<std::string> dates;

  explicit Formatter(const Ledger& l)
      : ledger(l),
        minor_digits(l.minor_digits),
        users(escaped(l.users)),
        descriptions(escaped(l.descriptions)),
        merchants(escaped(l.merchants)),
        cities(escaped(l.cities)),
        countries(escaped(l.countries)) {
    if (l.rows() == 0) return;
    const auto [lo, hi] = std::minmax_element(l.day.begin(), l.day.end());
    first_day = *lo;
    for (int32_t d = *lo; d <= *hi; ++d) dates.push_back(format_iso_date(d));
  }

  static void two_digits(std::string& out, int value) {
    out.push_back(static_cast<char>('0' + value / 10));
    out.push_back(static_cast<char>('0' + value % 10));
  }

  void minor_units(std::string& out, int64_t value) const {
    if (value < 0) out.push_back('-');
    // Magnitude as unsigned, so INT64_MIN (never a real amount) cannot overflow.
    uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    char digits[24];
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + magnitude % 10);
      magnitude /= 10;
    } while (magnitude > 0 || n <= minor_digits);
    for (int i = n - 1; i >= 0; --i) {
      out.push_back(digits[i]);
      if (i == minor_digits && minor_digits > 0) out.push_back('.');
    }
  }

  void row(std::string& out, size_t r) const {
    const Ledger& l = ledger;
    out += users[l.user[r]];
    out.push_back(',');
    out += dates[static_cast<size_t>(l.day[r] - first_day)];
    if (l.second[r] >= 0) {
      out.push_back(' ');
      two_digits(out, l.second[r] / 3600);
      out.push_back(':');
      two_digits(out, l.second[r] / 60 % 60);
      out.push_back(':');
      two_digits(out, l.second[r] % 60);
    }
    out += l.amount[r] < 0 ? ",debit," : ",credit,";
    minor_units(out, l.amount[r] < 0 ? -l.amount[r] : l.amount[r]);
    out.push_back(',');
    out += to_string(l.app_category(r));
    out.push_back(',');
    out += descriptions[l.description[r]];
    out.push_back(',');
    out += merchants[l.merchant[r]];
    out.push_back(',');
    out += cities[l.city[r]];
    out.push_back(',');
    out += countries[l.country[r]];
    out.push_back(',');
    if (l.balance[r] != k_no_balance) minor_units(out, l.balance[r]);
    out.push_back('\n');
  }
};

}  // namespace

void write_fincoach_csv(const Ledger& ledger, const std::string& path, int threads) {
  const Formatter formatter(ledger);
  detail::AtomicFile file(path);
  file.write(k_fincoach_csv_header);
  file.write("\n");
  const size_t rows = ledger.rows();
  const auto workers = static_cast<size_t>(resolve_threads(threads));
  std::vector<std::string> pieces(workers);
  // Rounds of one piece per worker, formatted in parallel and written in order.
  for (size_t begin = 0; begin < rows; begin += workers * k_rows_per_piece) {
    auto format_piece = [&](size_t w) {
      std::string& out = pieces[w];
      out.clear();
      const size_t from = std::min(rows, begin + w * k_rows_per_piece);
      const size_t to = std::min(rows, from + k_rows_per_piece);
      out.reserve((to - from) * 128);
      for (size_t r = from; r < to; ++r) formatter.row(out, r);
    };
    std::vector<std::thread> pool;
    for (size_t w = 1; w < workers; ++w) pool.emplace_back(format_piece, w);
    format_piece(0);
    for (std::thread& t : pool) t.join();
    for (const std::string& piece : pieces) file.write(piece);
  }
  file.commit();
}

}  // namespace fincoach::simulate
