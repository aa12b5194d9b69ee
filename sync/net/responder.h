// The completion callback a TlsServer handler answers through. A handler may answer at
// once or later, from any thread (a long-poll parks its Responder and answers when an
// update is published or its wait ends): the I/O thread is never blocked by a waiting
// request, so one thread serves any number of parked polls.
//
// Only the first call counts; calls after the connection is gone do nothing. If every
// copy is destroyed unanswered, the client gets 500 "no_answer" rather than a hang.
#pragma once

#include <cstdint>
#include <memory>

#include "net/https_message.h"

namespace loyalty::net {

namespace detail {
class TlsSession;
}

class Responder {
 public:
  // Sends the response (thread-safe; never throws).
  void operator()(HttpsResponse response) const noexcept;
  // True once a response was handed over (by this or another copy).
  [[nodiscard]] bool answered() const noexcept;

 private:
  friend class detail::TlsSession;
  struct State;
  explicit Responder(std::shared_ptr<State> state) : state_(std::move(state)) {}
  static Responder make(std::weak_ptr<detail::TlsSession> session, std::uint64_t sequence);

  std::shared_ptr<State> state_;
};

}  // namespace loyalty::net
