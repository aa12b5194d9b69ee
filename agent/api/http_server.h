// The local HTTP/1.1 API server for the POS (docs/api.md). One I/O thread accepts and
// reads/writes every connection asynchronously (Boost.Beast) with a deadline on every
// step; handlers run on a fixed pool of lanes (lane_pool.h). The server checks the
// bearer token, sizes, deadlines, routes, methods and body media types before a handler
// sees a request, and turns every failure into a JSON error (api_response.h).
//
// Lifecycle: construct, start(), ... stop() (or the destructor). stop() stops accepting,
// closes idle connections, lets requests in flight finish within limits.drainTimeout,
// then closes what is left and joins every thread; no exception leaves a thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "api/bearer_token.h"
#include "api/router.h"
#include "api/server_limits.h"
#include "engine/result.h"
#include "log/json_logger.h"

namespace loyalty::api {

namespace detail {
class ServerCore;
class ServerRuntime;
}  // namespace detail

struct HttpServerOptions {
  std::string address = "127.0.0.1";  // an IP literal
  std::uint16_t port = 0;             // 0: an ephemeral port (see HttpServer::port())
  bool allowNonLoopback = false;      // refuse to listen on a non-loopback address unless set
  std::size_t lanes = 4;              // handler threads
  ServerLimits limits;
};

class HttpServer {
 public:
  // The logger must outlive the server. Routes are fixed from here on.
  HttpServer(HttpServerOptions options, Router router, BearerToken token, log::JsonLogger& logger);
  ~HttpServer();  // stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the threads; returns the bound port. Errors: invalid_input
  // "invalid_address", "non_loopback_address"; io_error "address_in_use", "bind_failed";
  // rejected "already_started".
  [[nodiscard]] Result<std::uint16_t> start();

  [[nodiscard]] std::uint16_t port() const noexcept;

  // Live changes (SIGHUP): limits apply to requests that begin afterwards; the token to
  // requests authenticated afterwards. Thread-safe.
  void updateLimits(const ServerLimits& limits);
  void setBearerToken(BearerToken token);

  // Graceful stop, blocking; idempotent. Must not be called from a handler (throws
  // std::logic_error: it would wait for itself).
  void stop();

 private:
  HttpServerOptions options_;
  std::shared_ptr<detail::ServerCore> core_;
  std::mutex lifecycleMutex_;  // start() and stop() from different threads
  std::unique_ptr<detail::ServerRuntime> runtime_;
  std::atomic<std::uint16_t> port_{0};
  bool stopped_ = false;
};

}  // namespace loyalty::api
