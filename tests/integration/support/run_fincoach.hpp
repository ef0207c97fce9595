#pragma once
// Runs the real `fincoach` binary of this build, for the integration tests.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace fincoach::testing {

struct RunResult {
  int exit_code = -1;
  std::string output;  ///< stdout and stderr together
};

/// `fincoach --no-progress <args>` through the shell; the exit code is -1 when it did not
/// exit normally (a crash).
inline RunResult run_fincoach(const std::string& args) {
  const std::string command = std::string(FINCOACH_BINARY_DIR) + "/fincoach --no-progress " + args + " 2>&1";
  RunResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace fincoach::testing
