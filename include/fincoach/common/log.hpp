#pragma once
// Logging goes to stderr through spdlog; stdout stays for results.

#include <string_view>

#include <spdlog/spdlog.h>

namespace fincoach {

/// Level names: trace, debug, info, warn, error, off. Throws InvalidInput on others.
void init_logging(std::string_view level);

}  // namespace fincoach
