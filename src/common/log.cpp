#include "fincoach/common/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <fmt/format.h>

#include "fincoach/common/error.hpp"

namespace fincoach {

void init_logging(std::string_view level) {
  const spdlog::level::level_enum parsed = spdlog::level::from_str(std::string(level));
  // spdlog maps unknown names to "off"; only accept "off" when asked for.
  if (parsed == spdlog::level::off && level != "off")
    throw InvalidInput(fmt::format("--log-level: '{}' is not one of trace, debug, info, warn, error, off", level));
  auto logger = spdlog::stderr_color_mt("fincoach");
  logger->set_pattern("%^[%H:%M:%S.%e %l]%$ %v");
  logger->set_level(parsed);
  spdlog::set_default_logger(logger);
}

}  // namespace fincoach
