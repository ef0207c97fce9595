#pragma once
// Planted Gaussian blobs: the known answer of the segmentation's tests.

#include <cstdint>
#include <random>
#include <vector>

#include "fincoach/segment/matrix.hpp"

namespace fincoach::segment::testing {

struct Blobs {
  Matrix x;
  std::vector<int32_t> truth;
  Matrix centres;
};

/// `per_blob` rows around each of k centres drawn N(0, separation²) per column, with unit
/// noise. Rows are interleaved (row i belongs to blob i % k).
inline Blobs make_blobs(size_t k, size_t per_blob, size_t cols, double separation, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  Blobs b;
  b.centres = Matrix(k, cols);
  for (double& v : b.centres.values) v = separation * normal(rng);
  b.x = Matrix(k * per_blob, cols);
  b.truth.resize(k * per_blob);
  for (size_t i = 0; i < b.x.rows; ++i) {
    const size_t c = i % k;
    b.truth[i] = static_cast<int32_t>(c);
    for (size_t j = 0; j < cols; ++j) b.x.at(i, j) = b.centres.at(c, j) + normal(rng);
  }
  return b;
}

/// Rows uniform in [0, 1)^cols: no cluster structure.
inline Matrix make_uniform(size_t rows, size_t cols, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Matrix x(rows, cols);
  for (double& v : x.values) v = u(rng);
  return x;
}

}  // namespace fincoach::segment::testing
