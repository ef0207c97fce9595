// Orchestration: ids and ledger order, users simulated in blocks by worker threads, blocks
// merged in order into one canonical Population. Every draw of a user comes from that user's
// own streams, so the result is byte-identical for any thread count.

#include "fincoach/simulate/simulator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <numeric>
#include <thread>

#include "fincoach/common/date.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/progress.hpp"
#include "simulate/merge.hpp"
#include "simulate/user_sim.hpp"

namespace fincoach::simulate {
namespace {

// Users per block: small enough to balance the threads, large enough to amortise a block.
// The block size never changes the output.
uint64_t block_users(uint64_t users, int threads) {
  return std::clamp<uint64_t>(users / (8 * static_cast<uint64_t>(threads)), 16, 256);
}

struct Blocks {
  std::vector<detail::Chunk> chunks;
  uint64_t users = 0;
};

/// Runs `work(i)` for i in [0, count) on `threads` worker threads while this thread calls
/// `collect(i)` in index order as soon as item i is done (and reports progress). The first
/// exception stops everything and is rethrown after every thread has stopped.
template <typename Work, typename Collect>
void run_ordered(size_t count, int threads, Progress& progress, const std::atomic<uint64_t>& done, Work work,
                 Collect collect) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  const std::unique_ptr<std::atomic<bool>[]> ready(new std::atomic<bool>[count]);
  for (size_t i = 0; i < count; ++i) ready[i].store(false);
  std::exception_ptr error;
  std::mutex error_mutex;
  auto fail = [&] {
    const std::lock_guard<std::mutex> lock(error_mutex);
    if (!error) error = std::current_exception();
    failed = true;
  };
  auto worker = [&] {
    try {
      for (size_t i = next++; i < count && !failed; i = next++) {
        work(i);
        ready[i].store(true, std::memory_order_release);
      }
    } catch (...) {
      fail();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  try {
    for (size_t collected = 0; collected < count && !failed;) {
      if (ready[collected].load(std::memory_order_acquire)) {
        collect(collected++);
        continue;
      }
      progress.set(done.load());
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  } catch (...) {
    fail();
  }
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace

std::string user_uuid(uint64_t seed, uint64_t index) {
  uint64_t state = stream_seed(seed, index, detail::k_stream_id);
  uint64_t hi = splitmix64(state);
  uint64_t lo = splitmix64(state);
  hi = (hi & ~0xF000ULL) | 0x4000ULL;                         // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10xx
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF, hi & 0xFFFF, lo >> 48,
                     lo & 0xFFFFFFFFFFFFULL);
}

int resolve_threads(int requested) {
  if (requested > 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

SimulationResult simulate(const SimulationParams& params) {
  params.validate();
  const LoggingPolicy policy(params.epsilon);
  return simulate(params, policy);
}

SimulationResult simulate(const SimulationParams& params, const CoachingPolicy& policy) {
  params.validate();
  const auto started = std::chrono::steady_clock::now();
  const detail::Calendar calendar(parse_iso_date(params.start_date, "simulate.start_date"), params.months);
  const auto n = static_cast<uint64_t>(params.users);

  // Ledger order: users sorted by id, as a LedgerBuilder would number them.
  std::vector<std::string> ids(n);
  for (uint64_t i = 0; i < n; ++i) ids[i] = user_uuid(params.seed, i);
  std::vector<uint64_t> order(n);
  std::iota(order.begin(), order.end(), uint64_t{0});
  std::sort(order.begin(), order.end(), [&](uint64_t a, uint64_t b) { return ids[a] < ids[b]; });
  std::vector<std::string> sorted_ids(n);
  for (uint64_t u = 0; u < n; ++u) sorted_ids[u] = std::move(ids[order[u]]);
  for (uint64_t u = 1; u < n; ++u)
    if (sorted_ids[u] == sorted_ids[u - 1]) throw Internal(fmt::format("duplicate user id {}", sorted_ids[u]));

  (void)detail::Pools::instance();  // built before the workers start
  const uint64_t per_block = block_users(n, resolve_threads(params.threads));
  const size_t block_count = (n + per_block - 1) / per_block;
  const int threads = std::max(1, std::min<int>(resolve_threads(params.threads), static_cast<int>(block_count)));
  // About 2.45 rows per user-day; the margin is reserved address space, never touched.
  const double rows_per_user = calendar.days() * 2.9;
  detail::Merger merger(sorted_ids, static_cast<size_t>(static_cast<double>(n) * rows_per_user));
  std::vector<detail::Chunk> chunks(block_count);
  std::atomic<uint64_t> done{0};
  Progress progress("simulate", n, "users");
  run_ordered(
      block_count, threads, progress, done,
      [&](size_t b) {
        thread_local detail::Scratch scratch;
        detail::UserSimulation sim(params, calendar, &policy, scratch);
        detail::Chunk& chunk = chunks[b];
        const uint64_t begin = b * per_block;
        const uint64_t end = std::min<uint64_t>(n, begin + per_block);
        chunk.reserve(static_cast<size_t>(static_cast<double>(end - begin) * rows_per_user));
        for (uint64_t u = begin; u < end; ++u) {
          sim.run(static_cast<uint32_t>(u), order[u], sorted_ids[u], chunk);
          ++done;
        }
      },
      [&](size_t b) { merger.append(chunks[b]); });
  progress.set(done.load());
  progress.finish();

  const auto simulated = std::chrono::steady_clock::now();
  SimulationResult result;
  merger.finish(result.population, result.truth);
  result.truth.policy = std::string(policy.name());
  result.stats.users = n;
  result.stats.rows = result.population.ledger.rows();
  result.stats.recommendations = result.population.recommendations.size();
  result.stats.threads = threads;
  result.stats.first_day = calendar.first_day();
  result.stats.end_day = calendar.end_day();
  const auto finished = std::chrono::steady_clock::now();
  result.stats.seconds = std::chrono::duration<double>(finished - started).count();
  result.stats.seconds_users = std::chrono::duration<double>(simulated - started).count();
  result.stats.seconds_merge = std::chrono::duration<double>(finished - simulated).count();
  return result;
}

}  // namespace fincoach::simulate
