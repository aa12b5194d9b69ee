// A checkout service over a real database file in a temporary directory, loaded with the
// example bundle and members (config/examples), and a clock the test sets.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "cards/memory_card_keys.h"
#include "codec/member_codec.h"
#include "service/checkout_service.h"
#include "store/sqlite_ledger.h"
#include "store/sqlite_snapshot_store.h"
#include "store/store_database.h"

namespace loyalty::service::test {

inline std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t wallMs) : wallMs_(wallMs) {}
  [[nodiscard]] std::int64_t wallMs() const override { return wallMs_; }
  [[nodiscard]] std::int64_t monotonicNs() const override { return ++monotonic_; }
  void set(std::int64_t wallMs) { wallMs_ = wallMs; }

 private:
  std::int64_t wallMs_;
  mutable std::int64_t monotonic_ = 1;
};

// 2026-11-23 (a Monday) 10:00 UTC = 11:00 in Berlin.
inline constexpr std::int64_t kMonday10Utc = 1795428000;

struct ServiceFixture {
  std::filesystem::path dir;
  std::unique_ptr<store::StoreDatabase> database;
  std::unique_ptr<store::SqliteLedger> ledger;
  std::unique_ptr<store::SqliteSnapshotStore> snapshot;
  cards::MemoryCardKeyDirectory keys;
  cards::MemoryReplayGuard replays;
  std::unique_ptr<cards::CardVerifier> verifier;
  FixedClock clock{kMonday10Utc * 1000};
  std::unique_ptr<CheckoutService> service;

  explicit ServiceFixture(std::int64_t snapshotCreatedAt = kMonday10Utc - 3600) {
    std::random_device random;
    dir = std::filesystem::temp_directory_path() / ("service-test-" + std::to_string(random()));
    std::filesystem::create_directories(dir);
    store::StoreOptions options;
    options.path = (dir / "agent.db").string();
    options.terminalId = "t-01";
    auto opened = store::StoreDatabase::open(options);
    REQUIRE(opened.ok());
    database = std::move(opened.value());
    ledger = std::make_unique<store::SqliteLedger>(*database);
    snapshot = std::make_unique<store::SqliteSnapshotStore>(*database);
    importExamples(1, snapshotCreatedAt);
    verifier = std::make_unique<cards::CardVerifier>(keys, replays);
    service = std::make_unique<CheckoutService>(*snapshot, *ledger, *verifier, clock,
                                                ServiceOptions{"t-01", "berlin-01", options.path, 30, 10});
    REQUIRE(service->reload().ok());
  }
  ~ServiceFixture() {
    service.reset();
    database.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }

  void importExamples(std::int64_t version, std::int64_t createdAt, std::int64_t includedThrough = 0) {
    const std::filesystem::path examples = std::filesystem::path(LOYALTY_SOURCE_DIR) / "config/examples";
    store::SnapshotMeta meta;
    meta.version = version;
    meta.storeId = "berlin-01";
    meta.createdAt = createdAt;
    meta.bundleText = readText(examples / "bundle.json");
    meta.bundleHash = std::string(64, 'a');
    meta.bundleVersion = 1;
    meta.ledgerIncludedThrough = includedThrough;
    auto import = snapshot->beginSnapshotImport(meta);
    if (!import) FAIL(import.error().reason << ": " << import.error().message);
    for (const auto& entry : std::filesystem::directory_iterator(examples / "members")) {
      const std::string text = readText(entry.path());
      auto member = codec::parseMember(text);
      REQUIRE(member.ok());
      REQUIRE(import.value()
                  ->addMember(store::MemberRecord{member->id, member->programId, member->status, member->displayName,
                                                  member->tier, text})
                  .ok());
      REQUIRE(import.value()->addCard(store::CardRecord{"card-" + member->id, member->id}).ok());
    }
    REQUIRE(import.value()->commit().ok());
  }
};

inline engine::BasketLine line(std::int64_t no, std::string sku, std::string category, std::int64_t quantity,
                               engine::Money price) {
  return engine::BasketLine{no, std::move(sku), {std::move(category)}, quantity, price};
}

}  // namespace loyalty::service::test
