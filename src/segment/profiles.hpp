#pragma once

#include "fincoach/features/extract.hpp"
#include "fincoach/segment/segmentation.hpp"

namespace fincoach::segment::detail {

/// Fills the profiles, overall means, profile dimensions, names and the model's segment
/// entries (names, personas, sizes, descriptions) of a segmentation whose labels are set.
void build_profiles(Segmentation& s, const features::FeatureMatrix& raw, const features::FeatureMatrix& scaled,
                    const NamingParams& naming);

/// A feature value for text: no decimals from 100, two from 1, else three.
std::string format_value(double value);

}  // namespace fincoach::segment::detail
