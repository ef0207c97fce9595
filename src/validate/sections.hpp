#pragma once
// One function per section of the quality report; assess_quality() calls them in turn.
// Each is a single pass (or a pass plus a sort of a small subset) over the ledger columns.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "fincoach/common/ledger.hpp"
#include "fincoach/validate/quality.hpp"

namespace fincoach::validate::detail {

SourceRef source_of(const Ledger& ledger, size_t row);

/// out = a + b; false (and `out` unspecified) when the sum leaves int64.
inline bool add_in_range(int64_t a, int64_t b, int64_t& out) {
  return !__builtin_add_overflow(a, b, &out);
}
/// Adds one amount to the debit or credit side; throws InvalidInput when a sum leaves int64.
void add_amount(FlowTotals& totals, int64_t amount);
/// Adds `part` into `sum` (same overflow rule).
void add_totals(FlowTotals& sum, const FlowTotals& part);

/// The alias map with keys and targets in normalised form (trimmed, case-folded, spaces
/// collapsed). Throws InvalidInput on an empty key or target, two keys that normalise alike
/// with different targets, or a target that is itself an alias.
std::map<std::string, std::string> normalized_aliases(const QualityParams& params);

/// Month as one number: year·12 + (month − 1), so consecutive months differ by one.
int32_t month_index_of_day(int32_t day);
YearMonth year_month_of_index(int32_t month_index);

CompletenessSection assess_completeness(const Ledger& ledger);
DuplicateSection find_exact_duplicates(const Ledger& ledger, const QualityParams& params);
DuplicateSection find_suspected_duplicates(const Ledger& ledger, const QualityParams& params);
OutlierSection find_outliers(const Ledger& ledger, const QualityParams& params);
CategoryCleaningSection clean_categories(const Ledger& ledger, const QualityParams& params);
BalanceSection reconcile_balances(const Ledger& ledger, const QualityParams& params);
CoverageSection assess_coverage(const Ledger& ledger, const QualityParams& params);
TotalsSection compute_totals(const Ledger& ledger, const QualityParams& params);
OtherSection describe_other(const Ledger& ledger, const QualityParams& params);

}  // namespace fincoach::validate::detail
