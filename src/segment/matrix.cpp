#include "fincoach/segment/matrix.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

#include "fincoach/common/error.hpp"

namespace fincoach::segment {

void check_finite(MatrixView x, std::string_view what) {
  const size_t cells = x.rows * x.cols;
  for (size_t i = 0; i < cells; ++i) {
    if (std::isfinite(x.data[i])) continue;
    throw InvalidInput(fmt::format("{}: row {} column {} is {} (impute or drop it before segmenting)", what, i / x.cols,
                                   i % x.cols, x.data[i]));
  }
}

Matrix take_rows(MatrixView x, std::span<const uint32_t> index) {
  Matrix out(index.size(), x.cols);
  for (size_t r = 0; r < index.size(); ++r) {
    FINCOACH_ASSERT(index[r] < x.rows);
    std::memcpy(out.row(r), x.row(index[r]), x.cols * sizeof(double));
  }
  return out;
}

Matrix take_columns(MatrixView x, std::span<const uint32_t> columns) {
  Matrix out(x.rows, columns.size());
  for (uint32_t c : columns) FINCOACH_ASSERT(c < x.cols);
  for (size_t r = 0; r < x.rows; ++r) {
    const double* in = x.row(r);
    double* o = out.row(r);
    for (size_t j = 0; j < columns.size(); ++j) o[j] = in[columns[j]];
  }
  return out;
}

std::vector<double> column_means(MatrixView x) {
  std::vector<double> mean(x.cols, 0.0);
  for (size_t r = 0; r < x.rows; ++r) {
    const double* row = x.row(r);
    for (size_t c = 0; c < x.cols; ++c) mean[c] += row[c];
  }
  if (x.rows > 0)
    for (double& m : mean) m /= static_cast<double>(x.rows);
  return mean;
}

std::vector<double> column_variances(MatrixView x) {
  const std::vector<double> mean = column_means(x);
  std::vector<double> var(x.cols, 0.0);
  for (size_t r = 0; r < x.rows; ++r) {
    const double* row = x.row(r);
    for (size_t c = 0; c < x.cols; ++c) {
      const double d = row[c] - mean[c];
      var[c] += d * d;
    }
  }
  if (x.rows > 0)
    for (double& v : var) v /= static_cast<double>(x.rows);
  return var;
}

}  // namespace fincoach::segment
