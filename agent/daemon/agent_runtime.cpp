#include "daemon/agent_runtime.h"

#include <iostream>
#include <memory>

#include "api/http_server.h"
#include "api/signal_watcher.h"
#include "cards/card_verifier.h"
#include "config/agent_config_loader.h"
#include "config/config_reload.h"
#include "daemon/checkout_routes.h"
#include "log/json_logger.h"
#include "service/checkout_service.h"
#include "service/snapshot_card_keys.h"
#include "store/sqlite_ledger.h"
#include "store/sqlite_presented_codes.h"
#include "store/sqlite_snapshot_store.h"
#include "store/store_database.h"

namespace loyalty::daemon {
namespace {

api::ServerLimits serverLimits(const config::LimitsConfig& limits) {
  api::ServerLimits out;
  out.maxBodyBytes = static_cast<std::uint64_t>(limits.maxBodyBytes);
  out.maxHeaderBytes = static_cast<std::uint32_t>(limits.maxHeaderBytes);
  out.requestTimeout = std::chrono::milliseconds(limits.requestTimeoutMs);
  out.idleTimeout = std::chrono::milliseconds(limits.idleTimeoutMs);
  out.drainTimeout = std::chrono::milliseconds(limits.drainTimeoutMs);
  out.maxConnections = static_cast<std::size_t>(limits.maxConnections);
  out.maxQueuedRequests = static_cast<std::size_t>(limits.maxQueuedRequests);
  return out;
}

void logError(log::JsonLogger& logger, std::string_view event, const Error& error) {
  logger.error(event, {{"reason", error.reason}, {"message", error.message}});
}

}  // namespace

int runAgent(const std::string& configPath, bool checkOnly) {
  auto loaded = config::loadAgentConfig(configPath);
  log::JsonLogger logger(2, loaded ? loaded->log.level : log::LogLevel::info);
  if (!loaded) {
    logError(logger, "config_invalid", loaded.error());
    return 2;
  }
  config::AgentConfig config = std::move(loaded.value());

  store::StoreOptions storeOptions;
  storeOptions.path = config.databasePath.string();
  storeOptions.terminalId = config.terminalId;
  storeOptions.maxPageCount = config.database.maxPageCount;
  auto database = store::StoreDatabase::open(storeOptions);
  if (!database) {
    logError(logger, "database_unusable", database.error());
    return 2;
  }
  store::SqliteLedger ledger(*database.value());
  store::SqliteSnapshotStore snapshot(*database.value());
  store::SqlitePresentedCodes presented(*database.value());
  if (auto cleaned = snapshot.cleanupAbandonedImports(); !cleaned) {
    logError(logger, "import_cleanup_failed", cleaned.error());  // harmless: the next import retries it
  }
  service::SnapshotCardKeys cardKeys(snapshot);
  service::StoreReplayGuard replayGuard(presented);
  const cards::CardVerifier verifier(cardKeys, replayGuard);
  const service::SystemClock clock;
  service::CheckoutService checkout(snapshot, ledger, verifier, clock,
                                    service::ServiceOptions{config.terminalId, config.storeId,
                                                            config.databasePath.string(), 30, 10});
  if (auto ready = checkout.reload(); !ready) {
    // Without a snapshot the agent still answers status; pricing says no_snapshot.
    logger.warn("no_rules_yet", {{"reason", ready.error().reason}, {"message", ready.error().message}});
  }
  auto token = api::loadOrCreateTokenFile(config.tokenFile);
  if (!token) {
    logError(logger, "token_file_unusable", token.error());
    return 2;
  }
  if (checkOnly) {
    logger.info("config_ok", {{"terminal", config.terminalId}, {"database", config.databasePath.string()}});
    return 0;
  }

  api::Router router;
  addCheckoutRoutes(router, checkout, logger);
  api::HttpServerOptions serverOptions;
  serverOptions.address = config.listen.address;
  serverOptions.port = config.listen.port;
  serverOptions.allowNonLoopback = config.listen.allowNonLoopback;
  serverOptions.lanes = static_cast<std::size_t>(config.lanes);
  serverOptions.limits = serverLimits(config.limits);
  api::HttpServer server(serverOptions, std::move(router), std::move(token.value()), logger);

  api::SignalWatcher watcher(
      api::SignalWatcher::Handlers{
          [&](int signal) {
            logger.info("agent_stopping", {{"signal", signal}});
            server.stop();  // stop accepting, finish the requests (and commits) in flight
          },
          [&] {
            auto next = config::loadAgentConfig(configPath);
            if (!next) {
              logError(logger, "config_reload_refused", next.error());
            } else {
              const config::ConfigDiff diff = config::reloadableDiff(config, next.value());
              for (const auto& field : diff.restartNeeded) logger.warn("config_restart_needed", {{"field", field}});
              config = diff.effective;
              logger.setLevel(config.log.level);
              server.updateLimits(serverLimits(config.limits));
              for (const auto& field : diff.live) logger.info("config_applied", {{"field", field}});
            }
            // A rotated token file takes effect for requests authenticated from now on.
            if (auto rotated = api::readTokenFile(config.tokenFile); rotated) {
              server.setBearerToken(std::move(rotated.value()));
            } else {
              logError(logger, "token_reload_refused", rotated.error());  // the old token stays
            }
            // A snapshot imported meanwhile (loyaltyctl snapshot import) takes effect now.
            if (auto reloaded = checkout.reload(); reloaded) {
              logger.info("rules_reloaded");
            } else {
              logError(logger, "rules_reload_failed", reloaded.error());
            }
          }},
      logger);
  auto port = server.start();
  if (!port) {
    logError(logger, "api_start_failed", port.error());
    return 1;
  }
  logger.info("agent_ready", {{"terminal", config.terminalId}, {"store", config.storeId}, {"port", port.value()}});
  watcher.run();
  logger.info("agent_stopped");
  return 0;
}

}  // namespace loyalty::daemon
