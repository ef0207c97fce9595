#include "csv_generator.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"

namespace fincoach::bench {

const char k_moneyvis_header[] =
    "Transaction Number,Transaction Date,Transaction Type,Transaction Description,"
    "Debit Amount,Credit Amount,Balance,Category,Location City,Location Country";

namespace {

enum class Side : uint8_t { Debit, Credit };

/// One kind of transaction: which type code, category and side it carries, how often it
/// occurs (weights follow the MoneyVis counts) and the amounts it takes.
struct MerchantSpec {
  const char* type;
  const char* category;
  Side side;
  uint32_t weight;
  int64_t min_pence;
  int64_t max_pence;
  int64_t step_pence;              ///< 100: whole pounds; 1000: cash-machine tens
  std::vector<const char*> names;  ///< bank-truncated descriptions, at most 18 characters
};

// Descriptions keep MoneyVis's quirks: double spaces from truncation, several spellings of
// one merchant, and a few fields that need CSV quoting (a comma, a quote).
const std::vector<MerchantSpec>& merchant_specs() {
  // clang-format off
  static const std::vector<MerchantSpec> specs = {
      // type   category                 side          weight  min    max     step
      {"BP",  "Savings",                 Side::Debit,  1165,   1,     99,     1,   {"SAVE THE CHANGE"}},
      {"SO",  "Savings",                 Side::Debit,  60,     5000,  50000,  100, {"SAVINGS 20437788"}},
      {"TFR", "Savings",                 Side::Credit, 24,     5000,  100000, 100, {"FROM SAVINGS"}},
      {"DEB", "Amazon",                  Side::Debit,  1160,   199,   12000,  1,
       {"Amazon UK Marketpl", "AMZNMktplace", "Amazon.co.uk*1A2B3", "AMAZON UK RETAIL A", "Amazon Prime*AB12C"}},
      {"DEB", "Amazon",                  Side::Credit, 35,     199,   8000,   1,   {"Amazon UK Marketpl", "AMZNMktplace"}},
      {"DEB", "Groceries",               Side::Debit,  487,    150,   9000,   1,
       {"LIDL GB  NOTTINGHA", "LIDL GB NOTTINGHAM", "TESCO STORES 3345", "SAINSBURYS S/MKTS", "ALDI 57 SWANSEA",
        "CO-OP GROUP 070158", "ASDA STORES 4321", "M&S SIMPLY FOOD"}},
      {"DEB", "Groceries ",              Side::Debit,  5,      150,   4000,   1,   {"TESCO STORES 3345"}},
      {"DD",  "Bills",                   Side::Debit,  420,    1000,  12000,  1,
       {"BRITISH GAS", "EE LIMITED", "SWANSEA COUNCIL", "VIRGIN MEDIA", "TV LICENCE MBP", "WELSH WATER",
        "OCTOPUS ENERGY", "THAMES  WATER UTIL"}},
      {"BP",  "Bills",                   Side::Debit,  54,     2000,  20000,  100, {"NOTTINGHAM CC"}},
      {"CPT", "Cash",                    Side::Debit,  448,    1000,  25000,  1000,
       {"LNK UNI - UNIVERSI", "CASH HALIFAX OCT20", "NOTEMACHINE", "LNK SAINSBURYS  SW"}},
      {"DEB", "Cash",                    Side::Debit,  5,      1000,  5000,   1000, {"CASHBACK TESCO"}},
      {"DEB", "Dine Out",                Side::Debit,  448,    199,   6000,   1,
       {"DOMINO'S PIZZA", "NANDOS SWANSEA", "COSTA COFFEE", "MCDONALDS 1234", "PIZZA HUT", "GREGGS PLC",
        "STARBUCKS 4455", "JUST EAT.CO.UK", "DELIVEROO", "THE \"RED\" LION"}},
      {"DEB", "Others",                  Side::Debit,  200,    10,    300,    1,   {"NON-GBP PURCH FEE"}},
      {"DEB", "Others",                  Side::Debit,  100,    10,    300,    1,   {"NON-GBP TRANS FEE"}},
      {"FEE", "Others",                  Side::Debit,  34,     500,   1500,   1,   {"ACCOUNT FEE"}},
      {"CHQ", "Others",                  Side::Debit,  16,     1000,  50000,  100, {"CHEQUE 100123"}},
      {"FPI", "Supplementary Income",    Side::Credit, 82,     2000,  50000,  1,   {"J SMITH", "SMITH, J & A", "K JONES"}},
      {"BGC", "Supplementary Income",    Side::Credit, 81,     1000,  40000,  1,   {"HMRC", "PAYPAL"}},
      {"PAY", "Supplementary Income",    Side::Credit, 50,     1000,  30000,  1,   {"PAYPAL PAYMENT"}},
      {"DEP", "Supplementary Income",    Side::Credit, 55,     2000,  100000, 100, {"DEPOSIT"}},
      {"DEB", "Travel",                  Side::Debit,  246,    200,   15000,  1,
       {"TRAINLINE.COM", "UBER *TRIP", "FIRST BUS", "RYANAIR", "NATIONAL EXPRESS", "SHELL 1234", "BP ROAD  3456"}},
      {"DEB", "Other Shopping",          Side::Debit,  221,    199,   20000,  1,
       {"ARGOS LTD", "EBAY O*12-34567", "BOOTS 1234", "WHSMITH", "PAYPAL *SHOP, LTD"}},
      {"FPO", "Services",                Side::Debit,  171,    2000,  150000, 100,
       {"ALAN HOLLAND", "J BLOGGS PLUMBING", "SMITH, J & A"}},
      {"DEB", "Entertainment",           Side::Debit,  166,    499,   8000,   1,
       {"NETFLIX.COM", "SPOTIFY P0ABC123", "CINEWORLD", "STEAM GAMES", "TICKETMASTER UK"}},
      {"SO",  "Investment",              Side::Debit,  102,    10000, 100000, 100, {"VANGUARD ISA", "HL ISA"}},
      {"FPO", "Investment",              Side::Debit,  49,     10000, 100000, 100, {"NUTMEG"}},
      {"DD",  "Insurance",               Side::Debit,  143,    1000,  8000,   1,   {"AVIVA", "DIRECT LINE", "ADMIRAL INSURANCE"}},
      {"DEB", "Home Improvement",        Side::Debit,  90,     299,   30000,  1,
       {"B&Q 1234", "WICKES", "IKEA LTD", "SCREWFIX DIRECT"}},
      {"BGC", "Paycheck",                Side::Credit, 77,     150000, 350000, 1,  {"UNIVERSITY PAYROLL"}},
      {"DEB", "Hotels",                  Side::Debit,  64,     4000,  30000,  1,   {"PREMIER INN", "BOOKING.COM", "TRAVELODGE"}},
      {"",    "Interest",                Side::Credit, 52,     1,     2000,   1,   {"INTEREST (GROSS)"}},
      {"",    "Interest",                Side::Credit, 9,      1,     2000,   1,   {"INTEREST (NET)"}},
      {"DEB", "Clothes",                 Side::Debit,  60,     300,   12000,  1,   {"PRIMARK", "H&M", "NEXT RETAIL", "TK MAXX"}},
      {"DD",  "Mortgage",                Side::Debit,  58,     50000, 90000,  1,   {"NATIONWIDE BS"}},
      {"FPO", "Services/Home Improvement", Side::Debit, 34,    5000,  200000, 100, {"A & B BUILDERS"}},
      {"DD",  "Fitness",                 Side::Debit,  26,     1500,  4000,   1,   {"PUREGYM LTD"}},
      {"DEB", "",                        Side::Debit,  24,     100,   5000,   1,   {"SQ *MARKET STALL"}},
      {"TFR", "Safety Deposit Return",   Side::Credit, 2,      50000, 150000, 100, {"DEPOSIT RETURN"}},
      {"BGC", "Travel Reimbursement",    Side::Credit, 1,      2000,  30000,  1,   {"UNIVERSITY EXPENSE"}},
      {"FPO", "Rent",                    Side::Debit,  1,      40000, 90000,  100, {"LANDLORD LTD"}},
      {"DEB", "Health",                  Side::Debit,  1,      300,   3000,   1,   {"BOOTS PHARMACY"}},
  };
  // clang-format on
  return specs;
}

struct Place {
  const char* city;
  const char* country;
  uint32_t weight;
};

// MoneyVis: Swansea 48%, Nottingham 38%, ~10% empty, the rest scattered, with its
// spelling noise and one non-ASCII city.
const std::vector<Place>& places() {
  static const std::vector<Place> list = {
      {"Swansea", "UK", 3144},      {"Nottingham", "UK", 2494}, {"", "", 672},
      {"London", "UK", 50},         {"Cardiff", "UK", 30},      {"swansea", "UK", 20},
      {"Sheffild ", "UK", 10},      {"Bristol", "UK", 10},      {"Almería", "Spain", 3},
      {"Lisbon", "Portugal", 4},    {"Rome", "Italy", 4},       {"Amsterdam", "Netherlands", 4},
      {"Washington, DC", "USA", 2}, {"", "Prague", 1},
  };
  return list;
}

/// SplitMix64: tiny, fast and identical on every platform (unlike std distributions).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n); the modulo bias is below 2^-40 for the small n used here.
  uint64_t below(uint64_t n) { return next() % n; }

 private:
  uint64_t state_;
};

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

/// A weighted choice among n items by binary search over cumulative weights.
class WeightedPick {
 public:
  void add(uint32_t weight) { cumulative_.push_back(total() + weight); }
  uint64_t total() const { return cumulative_.empty() ? 0 : cumulative_.back(); }
  size_t pick(Rng& rng) const {
    uint64_t r = rng.below(total());
    return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), r) - cumulative_.begin());
  }

 private:
  std::vector<uint64_t> cumulative_;
};

struct PreparedMerchant {
  std::string type;
  std::string category;
  std::vector<std::string> names;
  const MerchantSpec* spec;
};

struct PreparedPlace {
  std::string city;
  std::string country;
};

/// The tables with every field already CSV-escaped, and one weighted pick per side, so a
/// row that would push the balance out of range can be redrawn from the other side.
struct Tables {
  std::vector<PreparedMerchant> merchants;
  WeightedPick any;
  std::vector<size_t> debit_ids, credit_ids;
  WeightedPick debit, credit;
  std::vector<PreparedPlace> places;
  WeightedPick place;

  Tables() {
    for (const MerchantSpec& spec : merchant_specs()) {
      PreparedMerchant m{csv_field(spec.type), csv_field(spec.category), {}, &spec};
      for (const char* name : spec.names) m.names.push_back(csv_field(name));
      bool is_debit = spec.side == Side::Debit;
      (is_debit ? debit_ids : credit_ids).push_back(merchants.size());
      (is_debit ? debit : credit).add(spec.weight);
      any.add(spec.weight);
      merchants.push_back(std::move(m));
    }
    for (const Place& p : fincoach::bench::places()) {
      places.push_back({csv_field(p.city), csv_field(p.country)});
      place.add(p.weight);
    }
  }
};

/// Buffered writer that formats without allocating per row.
class Writer {
 public:
  explicit Writer(std::FILE* out) : out_(out) { buffer_.reserve(k_capacity); }
  ~Writer() = default;
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void put(std::string_view text) {
    if (buffer_.size() + text.size() > k_capacity) flush();
    buffer_.append(text);
  }
  void put(char c) {
    if (buffer_.size() + 1 > k_capacity) flush();
    buffer_.push_back(c);
  }
  void put_uint(uint64_t value) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    put(std::string_view(digits, static_cast<size_t>(end - digits)));
  }
  /// Pounds with the fewest digits, as MoneyVis writes them: 25, 0.5, 3.11.
  void put_money(int64_t pence) {
    put_uint(static_cast<uint64_t>(pence / 100));
    int64_t frac = pence % 100;
    if (frac == 0) return;
    put('.');
    put(static_cast<char>('0' + frac / 10));
    if (frac % 10 != 0) put(static_cast<char>('0' + frac % 10));
  }
  void flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), out_) != buffer_.size())
      throw IoError("generate CSV: write failed: " + std::string(std::strerror(errno)));
    bytes_ += buffer_.size();
    buffer_.clear();
  }
  uint64_t bytes() const { return bytes_ + buffer_.size(); }

 private:
  static constexpr size_t k_capacity = 1 << 20;
  std::FILE* out_;
  std::string buffer_;
  uint64_t bytes_ = 0;
};

bool is_weekend(int32_t day) { return weekday_from_days(day) >= 5; }

int32_t previous_weekday(int32_t day) {
  do --day;
  while (is_weekend(day));
  return day;
}

/// "dd/mm/yyyy", recomputed only when the day changes.
struct DateText {
  int32_t day = INT32_MIN;
  char text[10] = {};

  std::string_view format(int32_t new_day) {
    if (new_day != day) {
      day = new_day;
      const CivilDate c = civil_from_days(day);
      const int y = c.year, m = c.month, d = c.day;
      const int parts[] = {d / 10, d % 10, m / 10, m % 10, y / 1000, y / 100 % 10, y / 10 % 10, y % 10};
      const int slots[] = {0, 1, 3, 4, 6, 7, 8, 9};
      for (int i = 0; i < 8; ++i) text[slots[i]] = static_cast<char>('0' + parts[i]);
      text[2] = text[5] = '/';
    }
    return {text, sizeof text};
  }
};

int64_t draw_amount(const MerchantSpec& spec, Rng& rng) {
  const uint64_t steps = static_cast<uint64_t>((spec.max_pence - spec.min_pence) / spec.step_pence) + 1;
  // The smaller of two uniform draws: small amounts common, large ones rare.
  const uint64_t k = std::min(rng.below(steps), rng.below(steps));
  return spec.min_pence + static_cast<int64_t>(k) * spec.step_pence;
}

const std::string& draw_name(const PreparedMerchant& m, Rng& rng) {
  // The first spelling is twice as common as each other one (as "Amazon UK Marketpl" is).
  const size_t i = static_cast<size_t>(rng.below(m.names.size() + 1));
  return m.names[i == m.names.size() ? 0 : i];
}

}  // namespace

void CsvGeneratorParams::validate() const {
  auto fail = [](const std::string& field, const std::string& value, const char* rule) {
    throw InvalidInput("csv generator: " + field + " = " + value + " is invalid: " + rule);
  };
  if (rows == 0 || rows > 2'000'000'000ULL) fail("rows", std::to_string(rows), "must be 1..2000000000");
  if (years < 1 || years > 500) fail("years", std::to_string(years), "must be 1..500");
  if (end_year < 1900 || end_year > 9999) fail("end_year", std::to_string(end_year), "must be 1900..9999");
  if (end_month < 1 || end_month > 12) fail("end_month", std::to_string(end_month), "must be 1..12");
  if (!is_valid_civil(end_year, end_month, end_day))
    fail("end_day", std::to_string(end_day), "is not a day of that month");
  if (end_year - years < 1000) fail("years", std::to_string(years), "reaches before year 1000 from end_year");
}

CsvGeneratorStats write_moneyvis_csv(const CsvGeneratorParams& params, std::FILE* out) {
  params.validate();
  static const Tables tables;
  Rng rng(params.seed);
  Writer writer(out);
  DateText date;
  CsvGeneratorStats stats;

  int32_t day = days_from_civil(params.end_year, params.end_month, params.end_day);
  while (is_weekend(day)) --day;
  stats.last_day = day;
  // Chance (out of 2^32) that the next-older row moves to the previous weekday, so the rows
  // spread over about `years` of weekdays.
  const uint64_t weekdays = static_cast<uint64_t>(params.years) * 261;
  const uint64_t move_threshold = weekdays >= params.rows ? (1ULL << 32) : (weekdays << 32) / params.rows;
  constexpr int64_t k_balance_cap = 95'000'00;  // MoneyVis peaks near £94k
  int64_t balance = 500'00 + static_cast<int64_t>(rng.below(4500'00));

  writer.put(k_moneyvis_header);
  for (uint64_t row = 1; row <= params.rows; ++row) {
    // Rows run newest first, so `balance` is this row's balance and the older row's balance
    // is balance + debit - credit; keep that within [0, cap].
    size_t id = tables.any.pick(rng);
    int64_t amount = draw_amount(*tables.merchants[id].spec, rng);
    const bool credit = tables.merchants[id].spec->side == Side::Credit;
    if (credit ? balance - amount < 0 : balance + amount > k_balance_cap) {
      id = credit ? tables.debit_ids[tables.debit.pick(rng)] : tables.credit_ids[tables.credit.pick(rng)];
      amount = draw_amount(*tables.merchants[id].spec, rng);
    }
    const PreparedMerchant& m = tables.merchants[id];
    const PreparedPlace& place = tables.places[tables.place.pick(rng)];
    const bool is_credit = m.spec->side == Side::Credit;

    writer.put("\r\n");
    writer.put_uint(row);
    writer.put(',');
    writer.put(date.format(day));
    writer.put(',');
    writer.put(m.type);
    writer.put(',');
    writer.put(draw_name(m, rng));
    writer.put(',');
    if (!is_credit) writer.put_money(amount);
    writer.put(',');
    if (is_credit) writer.put_money(amount);
    writer.put(',');
    writer.put_money(balance);
    writer.put(',');
    writer.put(m.category);
    writer.put(',');
    writer.put(place.city);
    writer.put(',');
    writer.put(place.country);

    (is_credit ? stats.credits : stats.debits) += 1;
    balance += is_credit ? -amount : amount;
    stats.first_day = day;
    if ((rng.next() >> 32) < move_threshold) day = previous_weekday(day);
  }
  if (params.final_newline) writer.put("\r\n");
  writer.flush();
  stats.rows = params.rows;
  stats.bytes = writer.bytes();
  return stats;
}

CsvGeneratorStats write_moneyvis_csv_file(const CsvGeneratorParams& params, const std::string& path) {
  params.validate();
  // Removes the temporary file unless it was renamed into place.
  struct TempFile {
    std::string path;
    bool kept = false;
    ~TempFile() {
      if (!kept) std::remove(path.c_str());
    }
  } tmp{path + ".tmp-" + std::to_string(::getpid())};
  auto fail = [](const std::string& what) { throw IoError("generate CSV: " + what + ": " + std::strerror(errno)); };
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(tmp.path.c_str(), "wb"), &std::fclose);
  if (!out) fail("cannot create " + tmp.path);
  const CsvGeneratorStats stats = write_moneyvis_csv(params, out.get());
  if (std::fclose(out.release()) != 0) fail("cannot write " + tmp.path);
  if (std::rename(tmp.path.c_str(), path.c_str()) != 0) fail("cannot rename " + tmp.path + " to " + path);
  tmp.kept = true;
  return stats;
}

}  // namespace fincoach::bench
