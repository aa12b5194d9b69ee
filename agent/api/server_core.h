// Internal: the state an HttpServer shares with its connections (sessions) and lanes.
// Sessions hold it by shared_ptr, so it outlives the last of them whatever the order in
// which threads let go.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/bearer_token.h"
#include "api/lane_pool.h"
#include "api/router.h"
#include "api/server_limits.h"
#include "log/json_logger.h"

namespace loyalty::api::detail {

class HttpSession;

class ServerCore {
 public:
  ServerCore(Router router, BearerToken token, ServerLimits limits, std::size_t lanes, log::JsonLogger& logger);

  [[nodiscard]] const Router& router() const noexcept { return router_; }
  [[nodiscard]] log::JsonLogger& logger() noexcept { return logger_; }
  [[nodiscard]] LanePool& lanes() noexcept { return lanes_; }

  [[nodiscard]] ServerLimits limits() const;
  void setLimits(const ServerLimits& limits);
  [[nodiscard]] std::shared_ptr<const BearerToken> token() const;
  void setToken(BearerToken token);

  [[nodiscard]] bool stopping() const noexcept { return stopping_.load(std::memory_order_acquire); }
  void beginStop() noexcept { stopping_.store(true, std::memory_order_release); }

  // "r-<n>" per server, for requests that bring no usable X-Request-Id.
  [[nodiscard]] std::string nextRequestId();

  // The registry of live sessions: stop() tells each one, and waits for it to empty.
  void addSession(const std::shared_ptr<HttpSession>& session);
  void removeSession(const HttpSession* session) noexcept;
  [[nodiscard]] std::size_t sessionCount() const;
  [[nodiscard]] std::vector<std::shared_ptr<HttpSession>> liveSessions() const;
  // True when no session is left by the deadline.
  [[nodiscard]] bool waitForNoSessions(std::chrono::steady_clock::time_point deadline);

 private:
  Router router_;
  log::JsonLogger& logger_;
  LanePool lanes_;
  mutable std::mutex settingsMutex_;
  ServerLimits limits_;
  std::shared_ptr<const BearerToken> token_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> requestCounter_{0};
  mutable std::mutex sessionsMutex_;
  std::condition_variable sessionsChanged_;
  std::unordered_map<const HttpSession*, std::weak_ptr<HttpSession>> sessions_;
};

}  // namespace loyalty::api::detail
