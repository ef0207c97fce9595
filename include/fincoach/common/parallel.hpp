#pragma once
// Parallel loops over independent items with std::thread. Work is handed out in fixed chunks
// from an atomic counter; each item writes only its own outputs and any reduction happens
// afterwards in item order, so results never depend on the thread count or on which thread
// ran what.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace fincoach {

/// Calls fn(item, worker) for item in [0, count) on at most `threads` workers
/// (worker < threads), handing out `Chunk` consecutive items at a time (large chunks for
/// many cheap items such as users, 1 for few expensive ones such as k-means inits). The
/// first exception thrown by an item is rethrown once all workers stop.
template <uint64_t Chunk = 1, typename Fn>
void parallel_for(uint64_t count, int threads, Fn&& fn) {
  static_assert(Chunk >= 1);
  const uint64_t chunks = (count + Chunk - 1) / Chunk;
  const int workers =
      static_cast<int>(std::max<uint64_t>(1, std::min<uint64_t>(static_cast<uint64_t>(std::max(threads, 1)), chunks)));
  std::atomic<uint64_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&](int worker) {
    try {
      while (!failed.load(std::memory_order_relaxed)) {
        const uint64_t begin = next.fetch_add(Chunk, std::memory_order_relaxed);
        if (begin >= count) break;
        const uint64_t end = std::min(count, begin + Chunk);
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

}  // namespace fincoach
