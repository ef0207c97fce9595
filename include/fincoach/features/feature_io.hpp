#pragma once
// Files of `fincoach features`: CSV for people, a checksummed binary for later stages.
// Binary layout: docs/features.md, "Files".

#include <cstdint>
#include <string>
#include <vector>

#include "fincoach/common/ledger.hpp"
#include "fincoach/features/extract.hpp"
#include "fincoach/features/panel.hpp"
#include "fincoach/features/recurring.hpp"
#include "fincoach/features/series.hpp"

namespace fincoach::features {

constexpr uint32_t k_feature_file_version = 1;

/// user_id,as_of,<feature>…: one line per row, numbers as the shortest text that reads back
/// to the same float. `row_user` and `row_day` give each row's user index and day.
void write_matrix_csv(const FeatureMatrix& matrix, const Ledger& ledger, const std::vector<uint32_t>& row_user,
                      const std::vector<int32_t>& row_day, const std::string& path);

/// A matrix with its schema, each row's user index and day: magic "FCFEAT01", version, JSON
/// header, then the values, missing flags, users and days, the whole checksummed (XXH3-64).
/// Written atomically; throws IoError.
void save_matrix(const FeatureMatrix& matrix, const std::vector<uint32_t>& row_user, const std::vector<int32_t>& row_day,
                 const std::string& path);

struct LoadedMatrix {
  FeatureMatrix matrix;
  std::vector<uint32_t> row_user;
  std::vector<int32_t> row_day;
};
/// Throws InvalidInput naming the file on a bad magic, newer version, checksum mismatch or
/// truncation; IoError when unreadable.
LoadedMatrix load_matrix(const std::string& path);

/// user_id,date,<category>…,income: one line per series row.
void write_series_csv(const DailySeries& series, const Ledger& ledger, const std::string& path);
/// The series columns, same container rules as save_matrix (magic "FCSERI01").
void save_series(const DailySeries& series, const std::string& path);
DailySeries load_series(const std::string& path);

/// user_id,counterparty,cadence,category,amount,occurrences,first_date,last_date,next_date,next_amount.
void write_recurring_csv(const RecurringStreamTable& streams, const Ledger& ledger, const std::string& path);

}  // namespace fincoach::features
