#pragma once
// A Population on disk, loadable in milliseconds by later stages: the ledger in the ledger
// file format (DIR/ledger.fcl, docs/ledger.md) and the side tables in a companion file
// (DIR/population.fcp) with the same layout rules: versioned, every section checksummed
// (XXH3-64), written atomically. The companion records the ledger's row and user counts and
// a hash of its user ids, so a mismatched pair is refused.

#include <cstdint>
#include <string>

#include "fincoach/common/population.hpp"

namespace fincoach::simulate {

constexpr uint32_t k_population_file_version = 1;
/// File names inside a population directory.
constexpr const char* k_population_ledger_file = "ledger.fcl";
constexpr const char* k_population_tables_file = "population.fcp";

/// Writes DIR/ledger.fcl and DIR/population.fcp (creating DIR), each atomically.
/// Throws IoError naming the path.
void save_population(const Population& population, const std::string& dir);

/// Reads both files. Throws InvalidInput naming the file on a bad magic, a newer version,
/// a checksum mismatch, a truncated file or side tables that belong to another ledger;
/// IoError when a file cannot be read.
Population load_population(const std::string& dir);

/// The side-table file alone, for callers that keep the ledger elsewhere. Saving records
/// population.ledger's counts and id hash; loading needs population.ledger already in place,
/// checks it against the record and fills the side tables.
void save_population_tables(const Population& population, const std::string& path);
void load_population_tables(const std::string& path, Population& population);

}  // namespace fincoach::simulate
