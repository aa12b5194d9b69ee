#include "api/server_core.h"

#include <exception>

namespace loyalty::api::detail {

ServerCore::ServerCore(Router router, BearerToken token, ServerLimits limits, std::size_t lanes,
                       log::JsonLogger& logger)
    : router_(std::move(router)),
      logger_(logger),
      lanes_(lanes,
             [&logger](std::exception_ptr failure) {
               std::string what = "unknown exception";
               try {
                 std::rethrow_exception(std::move(failure));
               } catch (const std::exception& e) {
                 what = e.what();
               } catch (...) {
               }
               logger.error("api_lane_exception", {{"what", what}});
             }),
      limits_(limits),
      token_(std::make_shared<const BearerToken>(std::move(token))) {}

ServerLimits ServerCore::limits() const {
  const std::lock_guard lock(settingsMutex_);
  return limits_;
}

void ServerCore::setLimits(const ServerLimits& limits) {
  const std::lock_guard lock(settingsMutex_);
  limits_ = limits;
}

std::shared_ptr<const BearerToken> ServerCore::token() const {
  const std::lock_guard lock(settingsMutex_);
  return token_;
}

void ServerCore::setToken(BearerToken token) {
  auto next = std::make_shared<const BearerToken>(std::move(token));
  const std::lock_guard lock(settingsMutex_);
  token_ = std::move(next);
}

std::string ServerCore::nextRequestId() {
  return "r-" + std::to_string(requestCounter_.fetch_add(1, std::memory_order_relaxed) + 1);
}

void ServerCore::addSession(const std::shared_ptr<HttpSession>& session) {
  const std::lock_guard lock(sessionsMutex_);
  sessions_.emplace(session.get(), session);
}

void ServerCore::removeSession(const HttpSession* session) noexcept {
  {
    const std::lock_guard lock(sessionsMutex_);
    sessions_.erase(session);
  }
  sessionsChanged_.notify_all();
}

std::size_t ServerCore::sessionCount() const {
  const std::lock_guard lock(sessionsMutex_);
  return sessions_.size();
}

std::vector<std::shared_ptr<HttpSession>> ServerCore::liveSessions() const {
  std::vector<std::shared_ptr<HttpSession>> live;
  const std::lock_guard lock(sessionsMutex_);
  live.reserve(sessions_.size());
  for (const auto& [key, weak] : sessions_) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  return live;
}

bool ServerCore::waitForNoSessions(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(sessionsMutex_);
  return sessionsChanged_.wait_until(lock, deadline, [this] { return sessions_.empty(); });
}

}  // namespace loyalty::api::detail
