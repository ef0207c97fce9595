#pragma once
// The report's data-quality section, drawn from the validate stage's QualityReport:
// headline facts, completeness, spending and income by category, monthly totals and rows,
// outliers, and tables of what deserves a look.

#include "fincoach/report/document.hpp"
#include "fincoach/validate/quality.hpp"

namespace fincoach::report {

/// Rows listed in each of the section's tables (the JSON report in the bundle has them all).
constexpr size_t k_quality_table_rows = 10;

Section data_quality_section(const validate::QualityReport& quality);

}  // namespace fincoach::report
