#pragma once
// Data-quality report over a Ledger: completeness, duplicates, outliers, category cleaning,
// running-balance reconciliation, date coverage, totals and what fell into `other`.
// It only reports: nothing here changes or drops rows. Definitions and thresholds are in
// docs/validate.md.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fincoach/common/category.hpp"
#include "fincoach/common/ledger.hpp"
#include "fincoach/common/params.hpp"

namespace fincoach::validate {

struct QualityParams {
  /// A row is an outlier when its robust z = |x − median| / (1.4826·MAD) exceeds this,
  /// x being the row's absolute amount within its (user, app category, direction) group.
  /// 1.4826·MAD estimates the standard deviation of normal data, so 5 flags only values
  /// about five standard deviations out: rare for real spending, certain for typos.
  double outlier_z_threshold = 5.0;
  /// Groups with fewer rows than this are not scanned for outliers (a median of a handful
  /// of rows says little). At least 3.
  uint64_t outlier_min_group_size = 10;
  /// The scale never falls below this share of the group's median amount: a regular payment
  /// that moved by a few percent (a bill that went up) is not an outlier, however tightly
  /// the rest of its group agrees. In [0, 1).
  double outlier_min_relative_scale = 0.05;
  /// A gap is listed when more than this many consecutive calendar days without a row
  /// lie between two active days of the same user. At least 1.
  int gap_threshold_days = 14;
  /// Most items listed in any one list of the report (groups, outliers, breaks, gaps,
  /// labels, per-user coverage). Counts are always exact. At least 1.
  uint64_t max_listed = 50;
  /// Extra merges for category cleaning, applied after trim, case fold and space collapse:
  /// label → canonical label (both compared in that normalised form). A target may not
  /// itself be mapped to another label, so one lookup is final.
  std::map<std::string, std::string> category_aliases;

  /// Throws InvalidInput naming the field and the bad value.
  void validate() const;
};

/// Binds every field to config keys under the "validate" section; the alias map is the
/// sub-table [validate.category_aliases] (or the flag --category-aliases "a=b,c=d").
ParamSet quality_param_set(QualityParams& params);

/// Where a row came from.
struct SourceRef {
  std::string file;   ///< path as ingested; empty when not from a file
  uint32_t line = 0;  ///< 1-based physical line (0: not from a file)
};

struct YearMonth {
  int year = 1970;
  int month = 1;  ///< 1..12

  bool operator==(const YearMonth&) const = default;
};

/// Debits and credits of a set of rows, kept apart. Amounts are exact minor units; debits
/// are stored as a positive magnitude.
struct FlowTotals {
  uint64_t debit_rows = 0;
  uint64_t credit_rows = 0;
  uint64_t zero_rows = 0;  ///< rows with amount 0 (neither side)
  int64_t debits = 0;      ///< sum of |amount| over debit rows
  int64_t credits = 0;     ///< sum of amount over credit rows

  uint64_t rows() const { return debit_rows + credit_rows + zero_rows; }
  int64_t net() const { return credits - debits; }
};

// ---- completeness --------------------------------------------------------------------

struct FieldCompleteness {
  std::string field;  ///< "time", "balance", "raw_category", "type", "description", …
  uint64_t present = 0;
  uint64_t missing = 0;
  double fraction = 0.0;  ///< present / rows; 0 when the ledger is empty
};

struct CompletenessSection {
  uint64_t rows = 0;
  /// In a fixed order: time, balance, raw_category, type, description, merchant, city, country.
  std::vector<FieldCompleteness> fields;
};

// ---- duplicates ----------------------------------------------------------------------

struct DuplicateGroup {
  std::string user;
  int32_t day = 0;
  int64_t amount = 0;
  std::string description;
  uint64_t size = 0;            ///< rows in the group (exact)
  std::vector<SourceRef> rows;  ///< the first max_listed of them, in ledger order
};

struct DuplicateSection {
  uint64_t groups = 0;  ///< groups of two or more rows
  uint64_t rows = 0;    ///< rows that belong to a group
  /// Groups in ledger order of their first row; at most max_listed.
  std::vector<DuplicateGroup> listed;

  /// Rows beyond the first of each group (what de-duplication would remove).
  uint64_t extra_rows() const { return rows - groups; }
};

// ---- outliers ------------------------------------------------------------------------

struct Outlier {
  std::string user;
  AppCategory category = AppCategory::Other;
  bool credit = false;  ///< the group's direction
  SourceRef source;
  int64_t amount = 0;   ///< signed, as in the ledger
  double median = 0.0;  ///< of the group's absolute amounts, minor units
  double scale = 0.0;   ///< the z denominator, minor units
  double robust_z = 0.0;
};

struct OutlierSection {
  uint64_t groups_checked = 0;    ///< groups with at least outlier_min_group_size rows
  uint64_t groups_too_small = 0;  ///< groups skipped for size
  uint64_t groups_constant = 0;   ///< checked groups whose amounts are all equal (no outlier)
  /// Checked groups whose MAD was 0 and whose scale fell back to 1.2533·(mean absolute
  /// deviation from the median).
  uint64_t groups_mean_deviation = 0;
  uint64_t groups_scale_floored = 0;  ///< checked groups whose scale was raised to the relative floor
  uint64_t rows_checked = 0;
  uint64_t count = 0;  ///< outliers found (exact)
  /// Largest robust z first; at most max_listed.
  std::vector<Outlier> listed;
};

// ---- category cleaning ---------------------------------------------------------------

struct RawLabelCount {
  std::string label;  ///< exactly as the source wrote it
  uint64_t rows = 0;
};

/// Several raw labels that clean to one label.
struct LabelMerge {
  std::string clean;  ///< the normalised (and aliased) label
  uint64_t rows = 0;
  uint64_t label_count = 0;        ///< raw labels merged (exact)
  std::vector<RawLabelCount> raw;  ///< most rows first; at most max_listed
};

struct CategoryCleaningSection {
  uint64_t empty_rows = 0;       ///< rows whose raw category is empty after trimming
  uint64_t distinct_before = 0;  ///< distinct non-empty raw labels in use
  uint64_t distinct_after = 0;   ///< distinct labels after cleaning
  uint64_t aliased_labels = 0;   ///< raw labels rewritten by the alias map
  uint64_t merge_count = 0;      ///< clean labels reached by two or more raw labels
  /// Most rows first; at most max_listed.
  std::vector<LabelMerge> merges;
};

// ---- running balance -----------------------------------------------------------------

struct BalanceBreak {
  std::string user;
  SourceRef previous;  ///< the row whose balance the check started from
  SourceRef source;    ///< the row whose balance disagrees
  int64_t expected = 0;
  int64_t actual = 0;

  int64_t difference() const { return actual - expected; }
};

struct BalanceSection {
  uint64_t rows_with_balance = 0;
  uint64_t rows_without_balance = 0;  ///< skipped; their amounts still count (see docs)
  uint64_t pairs_checked = 0;
  uint64_t breaks = 0;  ///< exact
  /// In ledger order; at most max_listed.
  std::vector<BalanceBreak> listed;
};

// ---- date coverage -------------------------------------------------------------------

struct DateGap {
  std::string user;
  int32_t last_active_day = 0;  ///< the active day before the gap
  int32_t next_active_day = 0;  ///< the active day after it
  int32_t empty_days = 0;       ///< calendar days strictly between the two
};

struct UserCoverage {
  std::string user;
  uint64_t rows = 0;
  int32_t first_day = 0;
  int32_t last_day = 0;
  uint64_t active_days = 0;
  uint64_t months_spanned = 0;                 ///< calendar months from the first to the last, inclusive
  uint64_t empty_months = 0;                   ///< of those, months with no row
  std::vector<YearMonth> empty_months_listed;  ///< at most max_listed
  uint64_t gaps = 0;                           ///< gaps over the threshold
};

struct CoverageSection {
  bool has_rows = false;  ///< the day fields below are meaningful only when true
  int32_t first_day = 0;
  int32_t last_day = 0;
  uint64_t active_days = 0;  ///< distinct days with a row of any user
  uint64_t months_spanned = 0;
  uint64_t empty_months = 0;                   ///< months with no row of any user
  std::vector<YearMonth> empty_months_listed;  ///< at most max_listed
  uint64_t user_count = 0;
  std::vector<UserCoverage> users;  ///< in user order; at most max_listed
  uint64_t gap_count = 0;           ///< over all users (exact)
  std::vector<DateGap> gaps;        ///< longest first; at most max_listed
};

// ---- totals --------------------------------------------------------------------------

struct CategoryTotal {
  AppCategory category = AppCategory::Other;
  FlowTotals totals;
};

struct TypeTotal {
  std::string type;  ///< raw type code as written ("" when the source left it empty)
  FlowTotals totals;
};

struct MonthTotal {
  YearMonth month;
  FlowTotals totals;
};

struct TotalsSection {
  FlowTotals all;
  std::vector<CategoryTotal> by_category;  ///< all 11 app categories, in enum order
  uint64_t type_count = 0;                 ///< distinct type codes in use
  std::vector<TypeTotal> by_type;          ///< most rows first; at most max_listed
  /// Every month that has a row, in calendar order (never truncated: bounded by the data).
  std::vector<MonthTotal> by_month;
};

// ---- other ---------------------------------------------------------------------------

struct OtherLabel {
  std::string label;  ///< raw label as written ("" when empty)
  FlowTotals totals;
};

struct OtherSection {
  FlowTotals totals;               ///< all rows in app category `other`
  uint64_t label_count = 0;        ///< distinct raw labels among them
  std::vector<OtherLabel> labels;  ///< most rows first; at most max_listed
};

// ---- the report ----------------------------------------------------------------------

struct QualityReport {
  QualityParams params;
  std::string currency = "GBP";
  int minor_digits = 2;
  uint64_t rows = 0;
  uint64_t users = 0;

  CompletenessSection completeness;
  DuplicateSection exact_duplicates;      ///< same user and every field equal
  DuplicateSection suspected_duplicates;  ///< same user, day, description and amount
  OutlierSection outliers;
  CategoryCleaningSection category_cleaning;
  BalanceSection balance;
  CoverageSection coverage;
  TotalsSection totals;
  OtherSection other;

  /// Every section, money as exact minor units ("…_minor") plus formatted text. No NaN.
  nlohmann::json to_json() const;
  /// A readable multi-line summary for the terminal.
  std::string summary_text() const;
};

/// Builds the report. Validates `params` first (InvalidInput). O(n log n) at worst.
QualityReport assess_quality(const Ledger& ledger, const QualityParams& params = {});

/// "2022-07".
std::string format_year_month(const YearMonth& month);

}  // namespace fincoach::validate
