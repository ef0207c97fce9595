#include "fincoach/common/progress.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace fincoach {
namespace {

// -1: follow the terminal; 0/1: forced off/on.
std::atomic<int> g_forced{-1};
constexpr auto k_redraw_interval = std::chrono::milliseconds(100);
constexpr int k_bar_width = 30;

bool stderr_is_terminal() {
  const int forced = g_forced.load();
  if (forced >= 0) return forced == 1;
  return ::isatty(STDERR_FILENO) == 1;
}

}  // namespace

void Progress::set_enabled_globally(bool enabled) { g_forced.store(enabled ? 1 : 0); }

Progress::Progress(std::string label, uint64_t total, std::string unit)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      total_(total),
      enabled_(stderr_is_terminal()),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() {
  if (!finished_ && enabled_) std::fputs("\r\033[2K", stderr);  // leave a clean line on exceptions
}

double Progress::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

// Checking the clock on every call would dominate tight loops, so calls are counted and the
// clock is read only every `check_stride_` units, the stride adapting to the call rate.
void Progress::maybe_draw() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ >= k_redraw_interval) {
    last_draw_ = now;
    draw(false);
  } else {
    check_stride_ = std::min<uint64_t>(check_stride_ * 2, 1ULL << 20);
  }
  next_check_ = done_ + check_stride_;
}

void Progress::draw(bool final_line) {
  const double seconds = elapsed_seconds();
  const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0.0;
  std::string line;
  if (total_ > 0) {
    const double fraction = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
    const int filled = static_cast<int>(fraction * k_bar_width);
    line = fmt::format("\r\033[2K{} [{}{}] {:5.1f}% {}/{} {} ({:.0f}/s)", label_, std::string(filled, '#'),
                       std::string(k_bar_width - filled, '.'), fraction * 100.0, done_, total_, unit_, rate);
  } else {
    line = fmt::format("\r\033[2K{} {} {} ({:.0f}/s)", label_, done_, unit_, rate);
  }
  if (final_line) line += "\r\033[2K";
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  if (enabled_) draw(true);
  spdlog::info("{}: {} {} in {:.2f} s", label_, done_, unit_, elapsed_seconds());
}

}  // namespace fincoach
