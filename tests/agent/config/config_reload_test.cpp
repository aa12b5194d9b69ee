// What a SIGHUP may change: a seeded property test over random configs and random sets of
// changed fields, checking the live and restart lists and the effective config.
#include <functional>
#include <random>

#include <catch2/catch.hpp>

#include "config/config_reload.h"

namespace loyalty::config {
namespace {

struct Mutation {
  const char* pointer;
  bool live;
  std::function<void(AgentConfig&, std::mt19937_64&)> apply;  // always changes the field
};

std::int64_t other(std::int64_t value, std::mt19937_64& random) {
  return value + 1 + static_cast<std::int64_t>(random() % 1000);
}

// Every field of AgentConfig, in document order. A new field gets a line here.
const std::vector<Mutation>& mutations() {
  static const std::vector<Mutation> list = {
      {"/terminalId", false, [](AgentConfig& c, std::mt19937_64& r) { c.terminalId += "x" + std::to_string(r() % 9); }},
      {"/storeId", false, [](AgentConfig& c, std::mt19937_64&) { c.storeId += "-2"; }},
      {"/databasePath", false, [](AgentConfig& c, std::mt19937_64&) { c.databasePath /= "other.db"; }},
      {"/tokenFile", false, [](AgentConfig& c, std::mt19937_64&) { c.tokenFile += ".new"; }},
      {"/listen/address", false, [](AgentConfig& c, std::mt19937_64&) { c.listen.address += "0"; }},
      {"/listen/port", false,
       [](AgentConfig& c, std::mt19937_64& r) { c.listen.port = static_cast<std::uint16_t>(c.listen.port + 1 + r() % 100); }},
      {"/listen/allowNonLoopback", false, [](AgentConfig& c, std::mt19937_64&) { c.listen.allowNonLoopback ^= true; }},
      {"/lanes", false, [](AgentConfig& c, std::mt19937_64& r) { c.lanes = other(c.lanes, r); }},
      {"/limits/maxBodyBytes", true, [](AgentConfig& c, std::mt19937_64& r) { c.limits.maxBodyBytes = other(c.limits.maxBodyBytes, r); }},
      {"/limits/maxHeaderBytes", true,
       [](AgentConfig& c, std::mt19937_64& r) { c.limits.maxHeaderBytes = other(c.limits.maxHeaderBytes, r); }},
      {"/limits/requestTimeoutMs", true,
       [](AgentConfig& c, std::mt19937_64& r) { c.limits.requestTimeoutMs = other(c.limits.requestTimeoutMs, r); }},
      {"/limits/idleTimeoutMs", true,
       [](AgentConfig& c, std::mt19937_64& r) { c.limits.idleTimeoutMs = other(c.limits.idleTimeoutMs, r); }},
      {"/limits/drainTimeoutMs", true,
       [](AgentConfig& c, std::mt19937_64& r) { c.limits.drainTimeoutMs = other(c.limits.drainTimeoutMs, r); }},
      {"/limits/maxConnections", true,
       [](AgentConfig& c, std::mt19937_64& r) { c.limits.maxConnections = other(c.limits.maxConnections, r); }},
      {"/limits/maxQueuedRequests", true,
       [](AgentConfig& c, std::mt19937_64& r) { c.limits.maxQueuedRequests = other(c.limits.maxQueuedRequests, r); }},
      {"/database/maxPageCount", false,
       [](AgentConfig& c, std::mt19937_64& r) { c.database.maxPageCount = other(c.database.maxPageCount, r); }},
      {"/log/level", true,
       [](AgentConfig& c, std::mt19937_64& r) {
         c.log.level = static_cast<log::LogLevel>((static_cast<int>(c.log.level) + 1 + static_cast<int>(r() % 3)) % 4);
       }},
      // OfflineConfig and HqConfig have no field yet: nothing can differ in them.
  };
  return list;
}

AgentConfig randomConfig(std::mt19937_64& random) {
  AgentConfig config;
  config.terminalId = "till-" + std::to_string(random() % 100);
  config.storeId = "store-" + std::to_string(random() % 100);
  config.databasePath = "/var/lib/loyalty/" + std::to_string(random() % 10) + ".db";
  config.tokenFile = "/var/lib/loyalty/token";
  for (const Mutation& mutation : mutations()) {
    if (random() % 2) mutation.apply(config, random);
  }
  return config;
}

TEST_CASE("an unchanged config reloads to nothing", "[config][reload]") {
  std::mt19937_64 random(20260316);
  for (int i = 0; i < 50; ++i) {
    const AgentConfig config = randomConfig(random);
    const ConfigDiff diff = reloadableDiff(config, config);
    CHECK_FALSE(diff.changed());
    CHECK(diff.effective == config);
  }
}

TEST_CASE("reload applies live fields and keeps the others, naming each", "[config][reload][property]") {
  std::mt19937_64 random(0x5eed);
  for (int round = 0; round < 500; ++round) {
    const AgentConfig current = randomConfig(random);
    AgentConfig next = current;
    AgentConfig expected = current;
    std::vector<std::string> live;
    std::vector<std::string> restart;
    for (const Mutation& mutation : mutations()) {
      if (random() % 3 != 0) continue;
      std::mt19937_64 copy = random;  // the same change for next and for expected
      mutation.apply(next, random);
      if (mutation.live) {
        mutation.apply(expected, copy);
        live.emplace_back(mutation.pointer);
      } else {
        restart.emplace_back(mutation.pointer);
      }
    }
    const ConfigDiff diff = reloadableDiff(current, next);
    CHECK(diff.live == live);
    CHECK(diff.restartNeeded == restart);
    CHECK(diff.effective == expected);
    CHECK(diff.changed() == (current != next));
    // Reloading the effective config again changes nothing live.
    CHECK(reloadableDiff(diff.effective, next).live.empty());
  }
}

TEST_CASE("the live set is the log level, the limits and the offline settings", "[config][reload]") {
  AgentConfig current;
  AgentConfig next;
  next.log.level = log::LogLevel::debug;
  next.limits.requestTimeoutMs = 5000;
  next.listen.port = 9000;
  next.lanes = 8;
  const ConfigDiff diff = reloadableDiff(current, next);
  CHECK(diff.live == std::vector<std::string>{"/limits/requestTimeoutMs", "/log/level"});
  CHECK(diff.restartNeeded == std::vector<std::string>{"/listen/port", "/lanes"});
  CHECK(diff.effective.log.level == log::LogLevel::debug);
  CHECK(diff.effective.listen.port == 8420);
  CHECK(diff.effective.lanes == 4);
}

}  // namespace
}  // namespace loyalty::config
