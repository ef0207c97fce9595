#pragma once

#include <string_view>

namespace fincoach {

/// The software version, from the CMake project version.
std::string_view software_version();

}  // namespace fincoach
