#pragma once
// CSV ingestion through a source profile: bytes → validated, cleaned, columnar Ledger plus
// the rejects list.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fincoach/common/ledger.hpp"
#include "fincoach/common/params.hpp"
#include "fincoach/ingest/profile.hpp"
#include "fincoach/ingest/reject.hpp"

namespace fincoach::ingest {

struct IngestParams {
  /// The run fails (InvalidInput, exit 2) when rejected rows exceed this fraction of all
  /// data rows seen. 0 tolerates none.
  double max_reject_fraction = 0.01;
  /// Show a progress bar for large inputs.
  bool progress = true;

  void validate() const;
};

/// The [ingest] config section: the tunables of IngestParams, declared once.
ParamSet ingest_param_set(IngestParams& params);

struct IngestStats {
  uint64_t files = 0;       ///< input files read
  uint64_t bytes = 0;       ///< input bytes read (as stored, before any transcoding)
  uint64_t rows_total = 0;  ///< data records seen (header excluded)
  uint64_t rows_loaded = 0;
  uint64_t rows_rejected = 0;  ///< records with at least one reject
  uint64_t blank_lines = 0;    ///< empty lines skipped (neither rows nor rejects)
  /// Raw category label (as written) → rows, for labels that fell to unmapped_category.
  std::map<std::string, uint64_t> unmapped_categories;
  /// Loaded rows whose category field was empty or blank, or that had no category column
  /// (mapped to other).
  uint64_t empty_categories = 0;
  double seconds = 0.0;  ///< wall time of ingest_csv

  double reject_fraction() const {
    return rows_total == 0 ? 0.0 : static_cast<double>(rows_rejected) / static_cast<double>(rows_total);
  }
};

struct IngestResult {
  Ledger ledger;
  std::vector<Reject> rejects;
  IngestStats stats;
};

/// Reads every file through `profile`. Never throws for bad rows (they become rejects); throws
/// IoError when a file cannot be read and InvalidInput when the profile is invalid.
IngestResult ingest_csv(const std::vector<std::string>& paths, const SourceProfile& profile,
                        const IngestParams& params = {});

/// Throws InvalidInput with the counts and the first rejects when the result breaks the
/// policy: over max_reject_fraction, or no rows loaded at all.
void enforce_reject_policy(const IngestResult& result, const IngestParams& params);

}  // namespace fincoach::ingest
