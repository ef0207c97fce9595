#pragma once
// The binary columnar ledger file: versioned, each section checksummed (XXH3-64), loaded
// with one read per column. Format in docs/ledger.md.

#include <cstdint>
#include <string>

#include "fincoach/common/ledger.hpp"

namespace fincoach {

constexpr uint32_t k_ledger_file_version = 1;

/// Writes atomically: to "<path>.tmp-<pid>" then rename, so a reader never sees half a file.
/// Throws IoError naming the path.
void save_ledger(const Ledger& ledger, const std::string& path);

/// Throws InvalidInput naming the path on a bad magic, a newer version, a checksum mismatch
/// or a truncated file; IoError when it cannot be read.
Ledger load_ledger(const std::string& path);

/// sha256-free fingerprint of a ledger's content (XXH3-64 over every column), hex.
std::string ledger_fingerprint(const Ledger& ledger);

}  // namespace fincoach
