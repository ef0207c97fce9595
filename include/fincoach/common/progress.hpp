#pragma once
// A small progress bar on stderr: drawn only when stderr is a terminal, redrawn at most
// every 100 ms, and closed with a timing line in the log.

#include <chrono>
#include <cstdint>
#include <string>

namespace fincoach {

class Progress {
 public:
  /// `total` of 0 means unknown (a spinner with a count).
  Progress(std::string label, uint64_t total, std::string unit = "");
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(uint64_t n = 1) { set(done_ + n); }
  void set(uint64_t done) {
    done_ = done;
    if (enabled_ && done_ >= next_check_) maybe_draw();
  }
  /// Clears the bar and logs "<label>: <done> <unit> in <s> s".
  void finish();
  double elapsed_seconds() const;

  /// Overrides terminal detection (tests, --no-progress).
  static void set_enabled_globally(bool enabled);

 private:
  void maybe_draw();
  void draw(bool final_line);

  std::string label_;
  std::string unit_;
  uint64_t total_;
  uint64_t done_ = 0;
  uint64_t next_check_ = 0;
  uint64_t check_stride_ = 1;
  bool enabled_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace fincoach
