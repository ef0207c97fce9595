// fincoach_gen_csv: writes a MoneyVis-shaped CSV of any size for the ingest benchmarks.
//   fincoach_gen_csv --rows 1000000 --seed 42 --out build/bench-data/moneyvis_1000000_s42.csv

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include "csv_generator.hpp"
#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"

namespace {

constexpr const char* k_usage =
    "usage: fincoach_gen_csv --out FILE [--rows N] [--seed S] [--years Y]\n"
    "                        [--end-date YYYY-MM-DD] [--final-newline]\n"
    "Writes a synthetic MoneyVis-shaped bank CSV (newest first, CRLF). Same flags, same bytes.\n";

template <typename Int>
Int parse_int(std::string_view flag, std::string_view text) {
  Int value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    throw fincoach::InvalidInput("fincoach_gen_csv: " + std::string(flag) + " = '" + std::string(text) +
                                 "' is not a whole number");
  return value;
}

struct Options {
  fincoach::bench::CsvGeneratorParams params;
  std::string out;
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::fputs(k_usage, stdout);
      std::exit(0);
    }
    if (flag == "--final-newline") {
      options.params.final_newline = true;
      continue;
    }
    const bool takes_value =
        flag == "--rows" || flag == "--seed" || flag == "--years" || flag == "--out" || flag == "--end-date";
    if (!takes_value)
      throw fincoach::InvalidInput("fincoach_gen_csv: unknown flag '" + std::string(flag) + "'\n" + k_usage);
    if (i + 1 >= argc)
      throw fincoach::InvalidInput("fincoach_gen_csv: " + std::string(flag) + " needs a value\n" + k_usage);
    const std::string_view value = argv[++i];
    if (flag == "--rows") {
      options.params.rows = parse_int<uint64_t>(flag, value);
    } else if (flag == "--seed") {
      options.params.seed = parse_int<uint64_t>(flag, value);
    } else if (flag == "--years") {
      options.params.years = parse_int<int>(flag, value);
    } else if (flag == "--out") {
      options.out = value;
    } else {  // --end-date
      if (value.size() != 10 || value[4] != '-' || value[7] != '-')
        throw fincoach::InvalidInput("fincoach_gen_csv: --end-date = '" + std::string(value) + "' is not YYYY-MM-DD");
      options.params.end_year = parse_int<int>(flag, value.substr(0, 4));
      options.params.end_month = parse_int<int>(flag, value.substr(5, 2));
      options.params.end_day = parse_int<int>(flag, value.substr(8, 2));
    }
  }
  if (options.out.empty()) throw fincoach::InvalidInput(std::string("fincoach_gen_csv: --out is required\n") + k_usage);
  options.params.validate();
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_options(argc, argv);
    const auto stats = fincoach::bench::write_moneyvis_csv_file(options.params, options.out);
    std::printf("wrote %s: %llu rows, %llu bytes, %llu debits, %llu credits, %s..%s\n", options.out.c_str(),
                static_cast<unsigned long long>(stats.rows), static_cast<unsigned long long>(stats.bytes),
                static_cast<unsigned long long>(stats.debits), static_cast<unsigned long long>(stats.credits),
                fincoach::format_iso_date(stats.first_day).c_str(), fincoach::format_iso_date(stats.last_day).c_str());
    return 0;
  } catch (const fincoach::InvalidInput& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
