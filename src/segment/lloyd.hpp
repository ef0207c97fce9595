#pragma once
// Lloyd's iterations from given centres, with the two assignment steps of Assignment. Both
// run the same exact iteration (labels_t = nearest(centres_{t-1}), centres_t = mean of
// labels_t) and finish the same way (centres recomputed exactly from the last labels, then a
// final assignment that gives the labels and the inertia), so they agree on the clustering.

#include <cstdint>
#include <vector>

#include "fincoach/segment/matrix.hpp"

namespace fincoach::segment::detail {

/// What every init of a fit shares: the rows' squared norms (for the Gram kernel), the
/// column means and the total sum of squares about them.
struct DataStats {
  std::vector<double> norms;
  std::vector<double> mean;
  double total_ss = 0.0;
};
DataStats data_stats(MatrixView x);

struct LloydOutcome {
  /// The means of the last labels (from the running sums).
  Matrix centres;
  /// The last step's labels.
  std::vector<int32_t> labels;
  /// Sum of squared distances of the rows to their centre, from the sums:
  /// total_ss − Σ n_j ||c_j − mean||², which needs no pass over the rows. After
  /// finish_exact(), the sum of the final assignment's squared distances.
  double inertia = 0.0;
  int iterations = 0;
  bool converged = false;
  int reseeds = 0;
};

/// Lloyd with the block kernel on every row every iteration; `tol_abs` is the absolute shift
/// tolerance.
LloydOutcome lloyd_blocked(MatrixView x, const DataStats& stats, Matrix centres, int max_iter, double tol_abs);
/// Lloyd with Hamerly's bounds; rows whose bounds fail get their distances from the Gram
/// block kernel.
LloydOutcome lloyd_hamerly(MatrixView x, const DataStats& stats, Matrix centres, int max_iter, double tol_abs);

/// The end of the kept init: centres recomputed exactly from the labels (no drift from running
/// sums), then the final assignment, which gives the labels and the exact inertia.
LloydOutcome finish_exact(MatrixView x, LloydOutcome out);

/// Final labels (nearest centre, lowest index on ties) and inertia for `centres`, by direct
/// distances: the same arithmetic as nearest_centroid, so a served assignment matches.
std::vector<int32_t> final_assignment(MatrixView x, MatrixView centres, double* inertia);

}  // namespace fincoach::segment::detail
