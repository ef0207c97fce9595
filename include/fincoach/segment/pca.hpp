#pragma once
// Principal components of the clustered space: the 2-D coordinates of the report's scatter
// and the rotation behind the gap statistic's reference box.

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <vector>

#include "fincoach/segment/matrix.hpp"

namespace fincoach::segment {

struct Pca {
  /// Column means of the fitted rows.
  std::vector<double> mean;
  /// components × cols, unit rows, by decreasing variance. Each component's sign makes its
  /// largest-magnitude loading positive, so a refit gives the same axes.
  Matrix components;
  /// Variance along each component (population variance of the projections).
  std::vector<double> variance;
  /// Total variance of the fitted rows (the sum over all columns).
  double total_variance = 0.0;

  size_t count() const { return components.rows; }
  /// Share of the total variance each component explains.
  std::vector<double> explained_ratio() const;
  /// Coordinates of one row (out.size() == count()).
  void project(std::span<const double> row, std::span<double> out) const;
  /// Coordinates of every row (rows × count()).
  Matrix project(MatrixView x) const;
  /// Back from coordinates (count()) to a row (cols).
  void reconstruct(std::span<const double> coordinates, std::span<double> out) const;

  nlohmann::json to_json() const;
};

/// The first `components` principal components of the rows of `x` (eigen-decomposition of
/// the covariance). Throws InvalidInput when x has no rows or components is 0 or exceeds
/// the columns.
Pca fit_pca(MatrixView x, size_t components);

}  // namespace fincoach::segment
