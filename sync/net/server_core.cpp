#include "net/server_core.h"

namespace loyalty::net::detail {

RouteMatch ServerCore::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  for (const Route& route : routes_) {
    if (route.path != path) continue;
    if (route.method == method) {
      result.route = &route;
      return result;
    }
    result.pathKnown = true;
    if (!result.allowed.empty()) result.allowed += ", ";
    result.allowed += route.method;
  }
  return result;
}

void ServerCore::addSession(const std::shared_ptr<TlsSession>& session) {
  const std::lock_guard lock(sessionsMutex_);
  sessions_.emplace(session.get(), session);
}

void ServerCore::removeSession(const TlsSession* session) {
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

std::vector<std::shared_ptr<TlsSession>> ServerCore::liveSessions() const {
  std::vector<std::shared_ptr<TlsSession>> live;
  const std::lock_guard lock(sessionsMutex_);
  for (const auto& [key, weak] : sessions_) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  return live;
}

bool ServerCore::waitForNoSessions(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(sessionsMutex_);
  return sessionsChanged_.wait_until(lock, deadline, [this] { return sessions_.empty(); });
}

void ServerCore::event(std::string_view name, std::string_view detail) const noexcept {
  if (!options_.onEvent) return;
  try {
    options_.onEvent(name, detail);
  } catch (...) {  // a diagnostics sink must not take a connection down
  }
}

}  // namespace loyalty::net::detail
