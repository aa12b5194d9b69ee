// The fixed pool of "lanes": threads that run API handlers, apart from the I/O thread,
// so a slow handler (a commit waiting for fsync) never stalls reading or writing other
// connections. Any free lane takes the oldest waiting job; a connection's requests stay
// in order because a session submits its next request only after answering the last.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace loyalty::api {

class LanePool {
 public:
  using Job = std::function<void()>;
  // Called with a job's exception, on the lane; jobs should catch their own.
  using FailureHandler = std::function<void(std::exception_ptr)>;

  LanePool(std::size_t lanes, FailureHandler onFailure);
  ~LanePool();  // shutdown(false)
  LanePool(const LanePool&) = delete;
  LanePool& operator=(const LanePool&) = delete;

  // Starts the lane threads (named "api-lane-N"). Once only.
  void start();

  // Queues a job unless `maxQueued` jobs are already waiting or the pool is shut down.
  [[nodiscard]] bool trySubmit(Job job, std::size_t maxQueued);

  // Refuses new jobs, runs (runQueued) or drops the waiting ones, lets running jobs
  // finish and joins every lane. Idempotent. Dropped jobs are destroyed, not run.
  void shutdown(bool runQueued);

  // True on one of this pool's lane threads (stopping the server from a handler would
  // wait for itself).
  [[nodiscard]] bool onLane() const;

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] std::size_t queued() const;

 private:
  void runLane(std::size_t index);

  std::size_t size_;
  FailureHandler onFailure_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool accepting_ = true;
  bool draining_ = false;  // lanes exit once the queue is empty
  std::vector<std::thread> threads_;
};

}  // namespace loyalty::api
