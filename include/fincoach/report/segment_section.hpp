#pragma once
// The report's segmentation section, drawn from a Segmentation: headline facts, the curves
// behind the choice of k (elbow, silhouette, gap statistic), the PCA scatter coloured by
// segment, the profile heat map and comparison table, bootstrap stability, and each
// segment's persona text.

#include "fincoach/report/document.hpp"
#include "fincoach/segment/segmentation.hpp"

namespace fincoach::report {

/// `truth` (may be null) adds the comparison with the simulator's true personas.
Section segmentation_section(const segment::Segmentation& segmentation, const segment::TruthComparison* truth);

}  // namespace fincoach::report
