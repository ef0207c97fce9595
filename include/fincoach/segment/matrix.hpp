#pragma once
// The dense row-major matrix the segmentation algorithms work on: one row per user, one
// column per (scaled) feature, doubles. A view borrows; a Matrix owns.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace fincoach::segment {

/// A read-only view of `rows` × `cols` doubles, row-major (row r starts at data + r * cols).
struct MatrixView {
  const double* data = nullptr;
  size_t rows = 0;
  size_t cols = 0;

  const double* row(size_t r) const { return data + r * cols; }
  double at(size_t r, size_t c) const { return data[r * cols + c]; }
  std::span<const double> row_span(size_t r) const { return {row(r), cols}; }
};

/// An owning row-major matrix of doubles.
struct Matrix {
  size_t rows = 0;
  size_t cols = 0;
  std::vector<double> values;  ///< rows × cols

  Matrix() = default;
  /// rows × cols zeros.
  Matrix(size_t row_count, size_t col_count) : rows(row_count), cols(col_count), values(row_count * col_count, 0.0) {}

  MatrixView view() const { return {values.data(), rows, cols}; }
  double* row(size_t r) { return values.data() + r * cols; }
  const double* row(size_t r) const { return values.data() + r * cols; }
  std::span<const double> row_span(size_t r) const { return {row(r), cols}; }
  double& at(size_t r, size_t c) { return values[r * cols + c]; }
  double at(size_t r, size_t c) const { return values[r * cols + c]; }

  bool operator==(const Matrix&) const = default;
};

/// Throws InvalidInput naming `what` and the row and column of the first NaN or infinite
/// cell. Every fit_* entry point calls it: a NaN never reaches a distance computation.
void check_finite(MatrixView x, std::string_view what);

/// The rows `index` of `x`, in the order given.
Matrix take_rows(MatrixView x, std::span<const uint32_t> index);

/// The columns `columns` of every row of `x`, in the order given.
Matrix take_columns(MatrixView x, std::span<const uint32_t> columns);

/// Mean of each column.
std::vector<double> column_means(MatrixView x);

/// Population variance of each column (divides by rows).
std::vector<double> column_variances(MatrixView x);

}  // namespace fincoach::segment
