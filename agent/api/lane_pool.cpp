#include "api/lane_pool.h"

#include <pthread.h>

#include <algorithm>
#include <string>
#include <utility>

namespace loyalty::api {

LanePool::LanePool(std::size_t lanes, FailureHandler onFailure)
    : size_(std::max<std::size_t>(lanes, 1)), onFailure_(std::move(onFailure)) {}

LanePool::~LanePool() { shutdown(false); }

void LanePool::start() {
  const std::lock_guard lock(mutex_);
  if (!threads_.empty() || !accepting_) return;
  threads_.reserve(size_);
  for (std::size_t i = 0; i < size_; ++i) {
    threads_.emplace_back([this, i] { runLane(i); });
    const std::string name = "api-lane-" + std::to_string(i);
    pthread_setname_np(threads_.back().native_handle(), name.substr(0, 15).c_str());
  }
}

bool LanePool::trySubmit(Job job, std::size_t maxQueued) {
  {
    const std::lock_guard lock(mutex_);
    if (!accepting_ || queue_.size() >= maxQueued) return false;
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void LanePool::shutdown(bool runQueued) {
  std::deque<Job> dropped;
  std::vector<std::thread> threads;
  {
    const std::lock_guard lock(mutex_);
    accepting_ = false;
    draining_ = true;
    if (!runQueued) dropped.swap(queue_);
    threads.swap(threads_);
  }
  wake_.notify_all();
  dropped.clear();  // outside the lock: a job's captures may take their own locks
  for (std::thread& thread : threads) {
    if (thread.joinable()) thread.join();
  }
}

bool LanePool::onLane() const {
  const std::lock_guard lock(mutex_);
  const auto self = std::this_thread::get_id();
  return std::any_of(threads_.begin(), threads_.end(), [&](const std::thread& t) { return t.get_id() == self; });
}

std::size_t LanePool::queued() const {
  const std::lock_guard lock(mutex_);
  return queue_.size();
}

void LanePool::runLane(std::size_t /*index*/) {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return !queue_.empty() || draining_; });
      if (queue_.empty()) return;  // draining and nothing left
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      job();
    } catch (...) {
      // No exception leaves a lane: the server's jobs catch their own; this is the net.
      if (onFailure_) {
        try {
          onFailure_(std::current_exception());
        } catch (...) {
        }
      }
    }
  }
}

}  // namespace loyalty::api
