#pragma once
// INTEGRATION_GUIDE.md, generated from what a bundle actually holds: its files, data
// fingerprint, feature schema, headline metrics and the steps to verify and load it.

#include <string>
#include <vector>

#include "fincoach/bundle/bundle_writer.hpp"
#include "fincoach/bundle/manifest.hpp"

namespace fincoach::bundle {

inline constexpr const char* k_integration_guide_file = "INTEGRATION_GUIDE.md";

/// The guide's Markdown. `manifest` holds everything but the file list; `files` is every
/// file of the bundle (the guide itself included), in any order.
std::string integration_guide(const Manifest& manifest, const std::vector<StagedFile>& files);

}  // namespace fincoach::bundle
