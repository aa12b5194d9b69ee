// The terminal agent's configuration (docs/agent-config.md). Plain values with their
// defaults; the JSON edge is agent_config_loader.h. config/agent.default.json spells out
// exactly these defaults (tested).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "log/log_level.h"

namespace loyalty::config {

inline constexpr std::int64_t kSupportedConfigFormat = 1;

struct ListenConfig {
  std::string address = "127.0.0.1";  // an IP literal; loopback unless allowNonLoopback
  std::uint16_t port = 8420;          // 0: any free port (the "api_listening" log line names it)
  // The POS talks to the agent on the same machine; listening elsewhere exposes the
  // ledger to the store network, so it needs this explicit opt-in.
  bool allowNonLoopback = false;

  bool operator==(const ListenConfig&) const = default;
};

// Request limits of the local API. All of them can change live (SIGHUP).
struct LimitsConfig {
  std::int64_t maxBodyBytes = 1024 * 1024;   // larger bodies: 413
  std::int64_t maxHeaderBytes = 16 * 1024;   // request line + headers; larger: 431
  std::int64_t requestTimeoutMs = 10'000;    // first byte to complete body; and each response write
  std::int64_t idleTimeoutMs = 60'000;       // keep-alive connection with no request
  std::int64_t drainTimeoutMs = 10'000;      // on stop: wait this long for requests in flight
  std::int64_t maxConnections = 64;          // more: 503 and close
  std::int64_t maxQueuedRequests = 32;       // requests waiting for a lane; more: 503

  bool operator==(const LimitsConfig&) const = default;
};

struct LogConfig {
  log::LogLevel level = log::LogLevel::info;

  bool operator==(const LogConfig&) const = default;
};

// The store database. Changes need a restart (the store is opened once).
struct DatabaseConfig {
  // > 0: the database may not grow past this many pages (SQLite max_page_count, 4096-byte
  // pages); a commit that would need more fails "not_durable" exactly as on a full disk.
  // Bounds the agent's share of a disk it shares with the POS. 0: no limit.
  std::int64_t maxPageCount = 0;

  bool operator==(const DatabaseConfig&) const = default;
};

// Offline behaviour of the terminal. Reserved: no field is defined yet, so the object
// must be empty; the checkout service adds its settings here (live on SIGHUP).
struct OfflineConfig {
  bool operator==(const OfflineConfig&) const = default;
};

// Contact with headquarters. Reserved for the sync layer, same rules as OfflineConfig
// (changes need a restart).
struct HqConfig {
  bool operator==(const HqConfig&) const = default;
};

struct AgentConfig {
  std::string terminalId;                // [A-Za-z0-9._-], 1..64: goes into ledger ids
  std::string storeId;                   // same alphabet; the snapshot must be for this store
  std::filesystem::path databasePath;    // absolute once loaded (relative: to the config file)
  std::filesystem::path tokenFile;       // the API bearer token, 0600; created if absent
  ListenConfig listen;
  std::int64_t lanes = 4;                // threads running API handlers
  LimitsConfig limits;
  DatabaseConfig database;
  LogConfig log;
  OfflineConfig offline;
  HqConfig hq;

  bool operator==(const AgentConfig&) const = default;
};

}  // namespace loyalty::config
