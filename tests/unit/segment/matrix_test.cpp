#include "fincoach/segment/matrix.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fincoach/common/error.hpp"

namespace fincoach::segment {
namespace {

Matrix example() {
  Matrix m(3, 2);
  m.values = {1, 10, 2, 20, 3, 60};
  return m;
}

TEST(Matrix, RowsColumnsAndMoments) {
  const Matrix m = example();
  const std::vector<uint32_t> rows{2, 0};
  EXPECT_EQ(take_rows(m.view(), rows).values, (std::vector<double>{3, 60, 1, 10}));
  const std::vector<uint32_t> cols{1};
  EXPECT_EQ(take_columns(m.view(), cols).values, (std::vector<double>{10, 20, 60}));
  EXPECT_EQ(column_means(m.view()), (std::vector<double>{2, 30}));
  const std::vector<double> var = column_variances(m.view());
  EXPECT_NEAR(var[0], 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(var[1], (400.0 + 100.0 + 900.0) / 3.0, 1e-9);
}

TEST(Matrix, CheckFiniteNamesTheCell) {
  Matrix m = example();
  EXPECT_NO_THROW(check_finite(m.view(), "x"));
  m.at(2, 1) = std::nan("");
  try {
    check_finite(m.view(), "features");
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("features: row 2 column 1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace fincoach::segment
