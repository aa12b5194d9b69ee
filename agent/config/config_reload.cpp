#include "config/config_reload.h"

#include <functional>

namespace loyalty::config {
namespace {

// One reloadable unit of the config: its pointer, whether it may change live, and how
// to compare and copy it. A new config field needs one line in fieldsOf() and one
// mutation in tests/agent/config/config_reload_test.cpp.
struct Field {
  const char* pointer;
  bool live;
  std::function<bool(const AgentConfig&, const AgentConfig&)> same;
  std::function<void(AgentConfig&, const AgentConfig&)> copy;
};

template <typename T>
Field field(const char* pointer, bool live, T AgentConfig::*member) {
  return Field{pointer, live, [member](const AgentConfig& a, const AgentConfig& b) { return a.*member == b.*member; },
               [member](AgentConfig& to, const AgentConfig& from) { to.*member = from.*member; }};
}

template <typename Group, typename T>
Field field(const char* pointer, bool live, Group AgentConfig::*group, T Group::*member) {
  return Field{pointer, live,
               [group, member](const AgentConfig& a, const AgentConfig& b) { return a.*group.*member == b.*group.*member; },
               [group, member](AgentConfig& to, const AgentConfig& from) { to.*group.*member = from.*group.*member; }};
}

const std::vector<Field>& fieldsOf() {
  constexpr bool kLive = true;
  constexpr bool kRestart = false;
  static const std::vector<Field> fields = {
      field("/terminalId", kRestart, &AgentConfig::terminalId),
      field("/storeId", kRestart, &AgentConfig::storeId),
      field("/databasePath", kRestart, &AgentConfig::databasePath),
      field("/tokenFile", kRestart, &AgentConfig::tokenFile),
      field("/listen/address", kRestart, &AgentConfig::listen, &ListenConfig::address),
      field("/listen/port", kRestart, &AgentConfig::listen, &ListenConfig::port),
      field("/listen/allowNonLoopback", kRestart, &AgentConfig::listen, &ListenConfig::allowNonLoopback),
      field("/lanes", kRestart, &AgentConfig::lanes),
      field("/limits/maxBodyBytes", kLive, &AgentConfig::limits, &LimitsConfig::maxBodyBytes),
      field("/limits/maxHeaderBytes", kLive, &AgentConfig::limits, &LimitsConfig::maxHeaderBytes),
      field("/limits/requestTimeoutMs", kLive, &AgentConfig::limits, &LimitsConfig::requestTimeoutMs),
      field("/limits/idleTimeoutMs", kLive, &AgentConfig::limits, &LimitsConfig::idleTimeoutMs),
      field("/limits/drainTimeoutMs", kLive, &AgentConfig::limits, &LimitsConfig::drainTimeoutMs),
      field("/limits/maxConnections", kLive, &AgentConfig::limits, &LimitsConfig::maxConnections),
      field("/limits/maxQueuedRequests", kLive, &AgentConfig::limits, &LimitsConfig::maxQueuedRequests),
      field("/database/maxPageCount", kRestart, &AgentConfig::database, &DatabaseConfig::maxPageCount),
      field("/log/level", kLive, &AgentConfig::log, &LogConfig::level),
      field("/offline", kLive, &AgentConfig::offline),
      field("/hq", kRestart, &AgentConfig::hq),
  };
  return fields;
}

}  // namespace

ConfigDiff reloadableDiff(const AgentConfig& current, const AgentConfig& next) {
  ConfigDiff diff;
  diff.effective = current;
  for (const Field& f : fieldsOf()) {
    if (f.same(current, next)) continue;
    if (f.live) {
      f.copy(diff.effective, next);
      diff.live.emplace_back(f.pointer);
    } else {
      diff.restartNeeded.emplace_back(f.pointer);
    }
  }
  return diff;
}

}  // namespace loyalty::config
