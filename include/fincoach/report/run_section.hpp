#pragma once
// The report's last section: how the run was configured and where its time went.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fincoach/report/document.hpp"

namespace fincoach::report {

struct StageRun {
  std::string name;
  std::string summary;  ///< one line: what the stage does
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  double seconds = 0.0;
};

struct RunSummary {
  std::string software_version;
  std::string started_at;  ///< UTC, ISO 8601
  uint64_t seed = 0;
  int threads = 0;  ///< as configured (0: all cores)
  std::string data_fingerprint;
  std::string bundle_dir;
  /// The effective config, every section with every value.
  nlohmann::json config = nlohmann::json::object();
  /// Stages in run order, with their wall time.
  std::vector<StageRun> stages;
};

Section run_section(const RunSummary& run);

}  // namespace fincoach::report
