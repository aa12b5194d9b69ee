// Parked long-poll requests (GET /v1/updates?wait=) and how they are woken. A handler
// that finds nothing new parks its Responder here instead of blocking a thread; when HQ
// publishes, notifyAll() wakes every parked request, each answered on the I/O threads by
// its own `answer` function (which reads what is new for that request).
//
// The lost-wake-up race (publish between the handler's "nothing new" check and park) is
// closed with a generation counter: the handler reads generation() BEFORE checking for
// news and passes it to park(); if a notify happened since, park() answers at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include <boost/asio/any_io_executor.hpp>

#include "net/https_message.h"
#include "net/responder.h"

namespace loyalty::net {

class LongPollHub {
 public:
  enum class Wake {
    notified,  // notifyAll() since the generation passed to park()
    timedOut,  // the wait elapsed with nothing new
    closing,   // close(): the server is stopping
  };
  // Builds the answer of a parked request; runs on an I/O thread, must not throw (a
  // throw is answered 500 internal_error).
  using Answer = std::function<HttpsResponse(Wake wake)>;

  // Timers run on `executor` (TlsServer::executor()).
  explicit LongPollHub(boost::asio::any_io_executor executor);
  ~LongPollHub();  // close()
  LongPollHub(const LongPollHub&) = delete;
  LongPollHub& operator=(const LongPollHub&) = delete;

  [[nodiscard]] std::uint64_t generation() const;

  // Parks `respond` for at most `wait`; `answer` is called exactly once. After close()
  // it answers at once with Wake::closing.
  void park(std::uint64_t seenGeneration, std::chrono::milliseconds wait, Responder respond, Answer answer);

  // Bumps the generation and wakes every parked request. Thread-safe, never blocks on
  // the answers (they run on the I/O threads).
  void notifyAll();

  // Answers every parked request (Wake::closing) and refuses new parks the same way; call
  // before TlsServer::stop() so its drain does not wait for the longest poll.
  void close();

  [[nodiscard]] std::size_t parkedCount() const;

 private:
  struct Waiter;
  struct State;  // shared with pending timer handlers, which may outlive the hub
  std::shared_ptr<State> state_;
};

}  // namespace loyalty::net
