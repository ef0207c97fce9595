#pragma once
// Synthetic bank export shaped like the MoneyVis CSV (header, dd/mm/yyyy dates newest first,
// split debit/credit columns, consistent running balance, CRLF, no final newline), so ingest
// can be measured at any size without shipping real data. Same params, same bytes.

#include <cstdint>
#include <cstdio>
#include <string>

namespace fincoach::bench {

struct CsvGeneratorParams {
  /// Data rows to write (the header is extra).
  uint64_t rows = 1'000'000;
  /// Seed of the only random stream; the output is a pure function of the params.
  uint64_t seed = 42;
  /// Posting date of the newest (first) row; moved back to a weekday when it is not one.
  int end_year = 2024;
  int end_month = 12;
  int end_day = 31;
  /// Calendar span the rows are spread over (fewer when there are fewer rows than weekdays).
  int years = 25;
  /// MoneyVis ends without a newline after the last row; true writes one.
  bool final_newline = false;

  /// Throws fincoach::InvalidInput naming the field and the bad value.
  void validate() const;
};

struct CsvGeneratorStats {
  uint64_t rows = 0;
  uint64_t bytes = 0;     ///< file size, header included
  uint64_t debits = 0;    ///< rows with the debit column filled
  uint64_t credits = 0;   ///< rows with the credit column filled
  int32_t first_day = 0;  ///< oldest posting day, days since 1970-01-01
  int32_t last_day = 0;   ///< newest posting day
};

/// The header line, without line ending.
extern const char k_moneyvis_header[];

/// Writes the CSV to `out` (binary stream). Throws fincoach::IoError on a write failure.
CsvGeneratorStats write_moneyvis_csv(const CsvGeneratorParams& params, std::FILE* out);

/// Writes the CSV atomically: to "<path>.tmp-<pid>", then renamed over `path`.
CsvGeneratorStats write_moneyvis_csv_file(const CsvGeneratorParams& params, const std::string& path);

}  // namespace fincoach::bench
