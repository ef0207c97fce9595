#pragma once
// A ledger as CSV in the built-in `fincoach` profile's format (profiles/fincoach.toml: the
// FinCoach `transactions` table), so `fincoach ingest FILE --profile fincoach` reads it back.
// That format has no column for the bank's type code or raw category: the transaction_type
// column says debit/credit and `category` carries the app category, so a re-ingested ledger
// differs from the original in exactly those two columns (and in the source file/line).

#include <string>

#include "fincoach/common/ledger.hpp"

namespace fincoach::simulate {

/// Header line of the format (without the newline).
extern const char* const k_fincoach_csv_header;

/// Writes every row, oldest first per user, atomically (temporary file, then rename),
/// formatting on `threads` threads (0: all cores). Throws IoError naming the path.
void write_fincoach_csv(const Ledger& ledger, const std::string& path, int threads = 0);

}  // namespace fincoach::simulate
