#include "fincoach/segment/pca.hpp"

#include <fmt/format.h>

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "fincoach/common/error.hpp"

namespace fincoach::segment {

std::vector<double> Pca::explained_ratio() const {
  std::vector<double> ratio(variance.size(), 0.0);
  if (total_variance > 0.0)
    for (size_t c = 0; c < variance.size(); ++c) ratio[c] = variance[c] / total_variance;
  return ratio;
}

void Pca::project(std::span<const double> row, std::span<double> out) const {
  FINCOACH_ASSERT(row.size() == mean.size() && out.size() == count());
  for (size_t c = 0; c < count(); ++c) {
    const double* axis = components.row(c);
    double s = 0.0;
    for (size_t j = 0; j < mean.size(); ++j) s += (row[j] - mean[j]) * axis[j];
    out[c] = s;
  }
}

Matrix Pca::project(MatrixView x) const {
  Matrix out(x.rows, count());
  for (size_t r = 0; r < x.rows; ++r) project(x.row_span(r), {out.row(r), count()});
  return out;
}

void Pca::reconstruct(std::span<const double> coordinates, std::span<double> out) const {
  FINCOACH_ASSERT(coordinates.size() == count() && out.size() == mean.size());
  for (size_t j = 0; j < mean.size(); ++j) out[j] = mean[j];
  for (size_t c = 0; c < count(); ++c) {
    const double* axis = components.row(c);
    for (size_t j = 0; j < mean.size(); ++j) out[j] += coordinates[c] * axis[j];
  }
}

nlohmann::json Pca::to_json() const {
  nlohmann::json comps = nlohmann::json::array();
  for (size_t c = 0; c < count(); ++c)
    comps.push_back(std::vector<double>(components.row(c), components.row(c) + components.cols));
  return {{"mean", mean},
          {"components", comps},
          {"variance", variance},
          {"explained_variance_ratio", explained_ratio()},
          {"total_variance", total_variance}};
}

Pca fit_pca(MatrixView x, size_t components) {
  if (x.rows == 0) throw InvalidInput("PCA: the matrix has no rows");
  if (components == 0 || components > x.cols)
    throw InvalidInput(fmt::format("PCA: {} components asked of {} columns", components, x.cols));
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const RowMajor> data(x.data, static_cast<Eigen::Index>(x.rows), static_cast<Eigen::Index>(x.cols));
  const Eigen::RowVectorXd mean = data.colwise().mean();
  const RowMajor centred = data.rowwise() - mean;
  const Eigen::MatrixXd cov = (centred.transpose() * centred) / static_cast<double>(x.rows);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(cov);
  if (solver.info() != Eigen::Success) throw Internal("PCA: the eigen-decomposition did not converge");

  Pca pca;
  pca.mean.assign(mean.data(), mean.data() + x.cols);
  pca.total_variance = cov.trace();
  pca.components = Matrix(components, x.cols);
  const auto d = static_cast<Eigen::Index>(x.cols);
  for (size_t c = 0; c < components; ++c) {
    const Eigen::Index col = d - 1 - static_cast<Eigen::Index>(c);  // eigenvalues ascend
    Eigen::VectorXd axis = solver.eigenvectors().col(col);
    Eigen::Index top = 0;
    axis.cwiseAbs().maxCoeff(&top);
    if (axis[top] < 0) axis = -axis;
    for (Eigen::Index j = 0; j < d; ++j) pca.components.at(c, static_cast<size_t>(j)) = axis[j];
    pca.variance.push_back(std::max(0.0, solver.eigenvalues()[col]));
  }
  return pca;
}

}  // namespace fincoach::segment
