#pragma once
// Two-stage pipelines for bulk load and export: the calling thread fills batches, one worker
// thread consumes them in the order they were submitted. Two batches circulate, so filling one
// overlaps consuming the other on a second core, and the result is the same as consuming on
// the calling thread (one consumer, batches in order).

#include <array>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace fincoach::db {

/// `Batch` needs a clear() member. An exception thrown by the consumer stops the pipeline and
/// is rethrown to the caller by the next batch(), drain() or wait.
template <typename Batch>
class BatchPipeline {
 public:
  explicit BatchPipeline(std::function<void(Batch&)> consume) : consume_(std::move(consume)) {
    for (Batch& batch : batches_) free_.push_back(&batch);
    thread_ = std::thread([this] { run(); });
  }
  /// Stops the worker; batches not consumed yet are dropped.
  ~BatchPipeline() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  BatchPipeline(const BatchPipeline&) = delete;
  BatchPipeline& operator=(const BatchPipeline&) = delete;

  /// The batch being filled; a cleared one when none is (waits while both are in use).
  Batch& batch() {
    if (filling_ == nullptr) {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return !free_.empty() || error_; });
      rethrow_error();
      filling_ = free_.front();
      free_.pop_front();
      filling_->clear();
    }
    return *filling_;
  }
  /// The batch being filled, or null.
  const Batch* filling() const { return filling_; }
  /// Hands the batch being filled (if any) to the worker.
  void submit() {
    if (filling_ == nullptr) return;
    {
      const std::lock_guard lock(mutex_);
      full_.push_back(filling_);
    }
    filling_ = nullptr;
    changed_.notify_all();
  }
  /// Submits the batch being filled and waits until every batch is consumed.
  void drain() {
    submit();
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return (full_.empty() && !busy_) || error_; });
    rethrow_error();
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (true) {
      changed_.wait(lock, [&] { return stop_ || !full_.empty(); });
      if (stop_ || error_) return;
      Batch* batch = full_.front();
      full_.pop_front();
      busy_ = true;
      lock.unlock();
      std::exception_ptr error;
      try {
        consume_(*batch);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      busy_ = false;
      error_ = error;
      free_.push_back(batch);
      changed_.notify_all();
    }
  }
  void rethrow_error() const {
    if (error_) std::rethrow_exception(error_);
  }

  std::function<void(Batch&)> consume_;
  std::array<Batch, 2> batches_;
  std::deque<Batch*> free_;
  std::deque<Batch*> full_;
  Batch* filling_ = nullptr;
  bool busy_ = false;
  bool stop_ = false;
  std::exception_ptr error_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::thread thread_;
};

}  // namespace fincoach::db
