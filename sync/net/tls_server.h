// The HTTPS/1.1 server of the sync protocol (HQ's side), on Boost.Beast over OpenSSL:
// TLS 1.2+ with HQ's certificate; client certificates checked against HQ's CA, per
// route required or not (enrollment is the one route that accepts none); the verified
// peer's CN and serial passed to the handler; authorizePeer lets HQ refuse a disabled
// terminal on every request (not only at connect: keep-alive connections live long).
//
// Threads: `threads` I/O threads run every connection, each connection on its own
// strand. Handlers run on those threads and must not block for long: a handler that
// waits (long-poll) keeps its Responder and answers later (responder.h, long_poll_hub.h).
// Every step has a deadline (handshake, request read, response write, keep-alive idle,
// handler answer). No exception escapes a handler or a thread: a throwing handler is
// answered 500 internal_error.
//
// Refusals (JSON error bodies, docs/sync-protocol.md): 401 client_certificate_required,
// client_certificate_expired, client_certificate_untrusted; the authorizePeer refusal
// (HQ: 403 terminal_disabled); 400 bad_request / invalid_target; 404 not_found;
// 405 method_not_allowed; 413 body_too_large; 431 headers_too_large; 503
// handler_timeout, shutting_down.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>

#include "engine/result.h"
#include "net/https_message.h"
#include "net/responder.h"

namespace loyalty::net {

namespace detail {
class ServerCore;
class ServerRuntime;
}  // namespace detail

enum class ClientCertificate {
  required,  // a verified client certificate or 401 (every route but enrollment)
  optional,  // accepted without one; HttpsRequest::peer is set when a valid one was shown
};

using Handler = std::function<void(HttpsRequest request, Responder respond)>;

struct PeerRefusal {
  int status = 403;
  std::string reason;   // e.g. "terminal_disabled"
  std::string message;
};
// Called for every request on a route that requires a certificate, after the
// certificate verified; a refusal is sent instead of calling the handler. Must be
// thread-safe and quick (it runs on an I/O thread).
using AuthorizePeer = std::function<std::optional<PeerRefusal>(const PeerIdentity& peer)>;
// Diagnostics (handshake failures, handler exceptions, forced stops): event name and a
// detail text. Must be thread-safe; HQ forwards them to its log.
using ServerEventSink = std::function<void(std::string_view event, std::string_view detail)>;

struct TlsServerLimits {
  std::uint32_t maxHeaderBytes = 16 * 1024;
  std::uint64_t maxBodyBytes = 8 * 1024 * 1024;   // a capped ledger batch fits comfortably
  std::chrono::milliseconds handshakeTimeout{10'000};
  std::chrono::milliseconds requestTimeout{30'000};  // first byte to complete body
  std::chrono::milliseconds writeTimeout{30'000};
  std::chrono::milliseconds idleTimeout{60'000};     // keep-alive wait for the next request
  std::chrono::milliseconds handlerTimeout{120'000}; // longer than any long-poll wait
  std::chrono::milliseconds drainTimeout{10'000};    // stop(): requests in flight finish within
  std::size_t maxConnections = 4096;                 // beyond: closed at once
};

struct TlsServerOptions {
  std::string address = "127.0.0.1";  // an IP literal ("0.0.0.0" / "::" for every interface)
  std::uint16_t port = 0;             // 0: ephemeral (see port())
  std::string certificatePem;         // HQ's server certificate (chain) and key
  std::string privateKeyPem;
  std::string clientCaPem;            // the CA that issued terminal certificates
  std::size_t threads = 2;
  TlsServerLimits limits;
  AuthorizePeer authorizePeer;        // optional
  ServerEventSink onEvent;            // optional
};

class TlsServer {
 public:
  explicit TlsServer(TlsServerOptions options);
  ~TlsServer();  // stop()
  TlsServer(const TlsServer&) = delete;
  TlsServer& operator=(const TlsServer&) = delete;

  // Registers a handler for an exact method and path (e.g. "GET", "/v1/updates"). Only
  // before start() (a broken precondition: throws std::logic_error).
  void addRoute(std::string method, std::string path, ClientCertificate certificate, Handler handler);

  // Loads the TLS credentials, binds, listens, starts the threads; returns the bound port.
  // Errors: invalid_input "invalid_address", "invalid_server_credentials",
  // "invalid_client_ca"; io_error "address_in_use", "bind_failed"; rejected "already_started".
  [[nodiscard]] Result<std::uint16_t> start();
  [[nodiscard]] std::uint16_t port() const noexcept;

  // The executor of the I/O threads, for timers of parked requests (LongPollHub).
  [[nodiscard]] boost::asio::any_io_executor executor() const;

  [[nodiscard]] std::size_t connectionCount() const;

  // Clean stop, blocking, idempotent: stops accepting, closes idle connections, lets
  // requests in flight be answered within limits.drainTimeout (answer parked long-polls
  // first, e.g. LongPollHub::close()), then closes the rest and joins the threads. Must
  // not be called from a handler (throws std::logic_error: it would wait for itself).
  void stop();

 private:
  std::shared_ptr<detail::ServerCore> core_;
  std::unique_ptr<detail::ServerRuntime> runtime_;
  std::mutex lifecycleMutex_;
  std::atomic<std::uint16_t> port_{0};
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace loyalty::net
