#pragma once
// App categories are a function of the raw label alone, so they are assigned after the ledger
// is built: each distinct raw label (one dictionary id) is normalised and looked up once, and
// the per-row pass is a table lookup by id.

#include "fincoach/common/ledger.hpp"
#include "fincoach/ingest/csv_ingest.hpp"
#include "fincoach/ingest/profile.hpp"

namespace fincoach::ingest::detail {

/// Sets ledger.category from ledger.raw_category through the profile's map, and counts the
/// empty and unmapped labels into `stats`.
void assign_app_categories(Ledger& ledger, const SourceProfile& profile, IngestStats& stats);

}  // namespace fincoach::ingest::detail
