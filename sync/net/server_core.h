// Internal: what every connection of a TlsServer shares: options, routes, the TLS
// context, the registry of live sessions (for stop and the connection limit), and the
// diagnostics sink.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ssl/context.hpp>

#include "net/tls_server.h"

namespace loyalty::net::detail {

class TlsSession;

struct Route {
  std::string method;
  std::string path;
  ClientCertificate certificate = ClientCertificate::required;
  Handler handler;
};

struct RouteMatch {
  const Route* route = nullptr;  // null: see pathKnown
  bool pathKnown = false;        // the path exists with other methods (405, not 404)
  std::string allowed;           // "GET, POST" when pathKnown
};

class ServerCore {
 public:
  explicit ServerCore(TlsServerOptions options) : options_(std::move(options)) {}

  [[nodiscard]] const TlsServerOptions& options() const noexcept { return options_; }
  [[nodiscard]] const TlsServerLimits& limits() const noexcept { return options_.limits; }

  void addRoute(Route route) { routes_.push_back(std::move(route)); }
  [[nodiscard]] RouteMatch match(std::string_view method, std::string_view path) const;

  void setContext(std::shared_ptr<boost::asio::ssl::context> context) { context_ = std::move(context); }
  [[nodiscard]] boost::asio::ssl::context& context() const { return *context_; }

  void addSession(const std::shared_ptr<TlsSession>& session);
  void removeSession(const TlsSession* session);
  [[nodiscard]] std::size_t sessionCount() const;
  [[nodiscard]] std::vector<std::shared_ptr<TlsSession>> liveSessions() const;
  // Waits until no session is left or the deadline passes; true if none is left.
  [[nodiscard]] bool waitForNoSessions(std::chrono::steady_clock::time_point deadline);

  void beginStop() { stopping_.store(true); }
  [[nodiscard]] bool stopping() const noexcept { return stopping_.load(); }

  // Reports a diagnostic through options.onEvent; never throws.
  void event(std::string_view name, std::string_view detail) const noexcept;

 private:
  TlsServerOptions options_;
  std::vector<Route> routes_;  // fixed once the server started
  std::shared_ptr<boost::asio::ssl::context> context_;
  mutable std::mutex sessionsMutex_;
  std::condition_variable sessionsChanged_;
  std::map<const TlsSession*, std::weak_ptr<TlsSession>> sessions_;
  std::atomic<bool> stopping_{false};
};

}  // namespace loyalty::net::detail
