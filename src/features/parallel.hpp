#pragma once
// Per-user parallelism over std::thread. Work is handed out in fixed chunks from an atomic
// counter; each item writes only its own output slots, so the result never depends on the
// thread count or on which thread ran what.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace fincoach::features::detail {

/// Calls fn(item, worker) for item in [0, count) on `threads` workers (worker < threads).
/// The first exception thrown by any item is rethrown after all workers stop.
template <typename Fn>
void parallel_for(uint64_t count, int threads, Fn&& fn) {
  constexpr uint64_t k_chunk = 256;
  const int workers = static_cast<int>(std::max<uint64_t>(1, std::min<uint64_t>(threads, (count + k_chunk - 1) / k_chunk)));
  std::atomic<uint64_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&](int worker) {
    try {
      while (!failed.load(std::memory_order_relaxed)) {
        const uint64_t begin = next.fetch_add(k_chunk, std::memory_order_relaxed);
        if (begin >= count) break;
        const uint64_t end = std::min(count, begin + k_chunk);
        for (uint64_t i = begin; i < end; ++i) fn(i, worker);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
      failed = true;
    }
  };
  if (workers == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(static_cast<size_t>(workers - 1));
    for (int w = 1; w < workers; ++w) pool.emplace_back(work, w);
    work(0);
    for (std::thread& t : pool) t.join();
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace fincoach::features::detail
