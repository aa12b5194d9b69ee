#include "net/long_poll_hub.h"

#include <map>
#include <mutex>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace loyalty::net {
namespace {

using Wake = LongPollHub::Wake;

}  // namespace

struct LongPollHub::Waiter {
  Waiter(boost::asio::any_io_executor executor, Responder responder, Answer answerFunction)
      : timer(std::move(executor)), respond(std::move(responder)), answer(std::move(answerFunction)) {}

  void finish(Wake wake) noexcept {
    try {
      respond(answer(wake));
    } catch (...) {
      try {
        respond(HttpsResponse::error(500, "internal_error", "The server failed while answering a poll."));
      } catch (...) {  // out of memory: the Responder's own destructor answers 500
      }
    }
  }

  boost::asio::steady_timer timer;
  Responder respond;
  Answer answer;
};

struct LongPollHub::State {
  explicit State(boost::asio::any_io_executor io) : executor(std::move(io)) {}
  boost::asio::any_io_executor executor;
  std::mutex mutex;
  std::uint64_t generation = 0;
  std::uint64_t nextId = 0;
  bool closed = false;
  std::map<std::uint64_t, std::shared_ptr<Waiter>> waiters;
};

LongPollHub::LongPollHub(boost::asio::any_io_executor executor) : state_(std::make_shared<State>(std::move(executor))) {}

LongPollHub::~LongPollHub() { close(); }

std::uint64_t LongPollHub::generation() const {
  const std::lock_guard lock(state_->mutex);
  return state_->generation;
}

std::size_t LongPollHub::parkedCount() const {
  const std::lock_guard lock(state_->mutex);
  return state_->waiters.size();
}

void LongPollHub::park(std::uint64_t seenGeneration, std::chrono::milliseconds wait, Responder respond,
                       Answer answer) {
  auto waiter = std::make_shared<Waiter>(state_->executor, std::move(respond), std::move(answer));
  const std::lock_guard lock(state_->mutex);
  if (state_->closed || state_->generation != seenGeneration) {
    const Wake wake = state_->closed ? Wake::closing : Wake::notified;
    // Answered on an I/O thread like every other answer, never under the lock.
    boost::asio::post(state_->executor, [waiter, wake] { waiter->finish(wake); });
    return;
  }
  const std::uint64_t id = state_->nextId++;
  state_->waiters.emplace(id, waiter);
  // Armed under the lock, so notifyAll() cannot cancel the timer before it is set; the
  // handler takes the waiter out only if notifyAll() or close() did not take it first.
  waiter->timer.expires_after(wait);
  waiter->timer.async_wait([state = state_, id](boost::system::error_code ec) {
    if (ec) return;  // cancelled: notifyAll() or close() took it
    std::shared_ptr<Waiter> mine;
    {
      const std::lock_guard inner(state->mutex);
      const auto found = state->waiters.find(id);
      if (found == state->waiters.end()) return;
      mine = std::move(found->second);
      state->waiters.erase(found);
    }
    mine->finish(Wake::timedOut);
  });
}

void LongPollHub::notifyAll() {
  std::map<std::uint64_t, std::shared_ptr<Waiter>> woken;
  {
    const std::lock_guard lock(state_->mutex);
    ++state_->generation;
    woken.swap(state_->waiters);
  }
  for (auto& [id, waiter] : woken) {
    boost::asio::post(state_->executor, [waiter = std::move(waiter)] {
      waiter->timer.cancel();
      waiter->finish(Wake::notified);
    });
  }
}

void LongPollHub::close() {
  std::map<std::uint64_t, std::shared_ptr<Waiter>> left;
  {
    const std::lock_guard lock(state_->mutex);
    state_->closed = true;
    left.swap(state_->waiters);
  }
  // Answered on the caller's thread: the I/O threads may be about to stop.
  for (auto& [id, waiter] : left) {
    waiter->timer.cancel();
    waiter->finish(Wake::closing);
  }
}

}  // namespace loyalty::net
