#include "net/responder.h"

#include <atomic>

#include "net/tls_session.h"

namespace loyalty::net {

struct Responder::State {
  std::weak_ptr<detail::TlsSession> session;
  std::uint64_t sequence = 0;
  std::atomic<bool> used{false};

  State(std::weak_ptr<detail::TlsSession> owner, std::uint64_t number) : session(std::move(owner)), sequence(number) {}
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  void send(HttpsResponse response) noexcept {
    if (used.exchange(true)) return;
    if (const std::shared_ptr<detail::TlsSession> owner = session.lock()) owner->deliver(sequence, std::move(response));
  }

  ~State() {
    if (used.load()) return;
    try {
      send(HttpsResponse::error(500, "no_answer", "The server dropped this request without answering it."));
    } catch (...) {  // building the body allocates; nothing may leave a destructor
    }
  }
};

Responder Responder::make(std::weak_ptr<detail::TlsSession> session, std::uint64_t sequence) {
  return Responder(std::make_shared<State>(std::move(session), sequence));
}

void Responder::operator()(HttpsResponse response) const noexcept { state_->send(std::move(response)); }

bool Responder::answered() const noexcept { return state_->used.load(); }

}  // namespace loyalty::net
