// Snapshot imports and lookups on a real database file: every record kind, versions that
// only go up, duplicate and dangling records, abandoned imports, one import at a time.
#include <catch2/catch.hpp>

#include "snapshot_fixtures.h"
#include "store/sqlite_snapshot_store.h"

using namespace loyalty;
using namespace loyalty::store;
using namespace loyalty::store::test;

TEST_CASE("snapshot store: an empty database has no snapshot and finds nothing", "[store][snapshot]") {
  ScratchDir dir;
  auto database = openStore(dir.file("s.db"));
  SqliteSnapshotStore store(*database);
  CHECK(store.info().value() == std::nullopt);
  CHECK(store.meta().value() == std::nullopt);
  CHECK(store.findMember("m-0").value() == std::nullopt);
  CHECK(store.findCard("c-0").value() == std::nullopt);
  CHECK_FALSE(store.isCardRevoked("c-0").value());
  CHECK(store.campaignUsage().value().empty());
  CHECK(store.memberCount().value() == 0);
}

TEST_CASE("snapshot store: every record kind is imported and found", "[store][snapshot]") {
  ScratchDir dir;
  auto database = openStore(dir.file("s.db"));
  SqliteSnapshotStore store(*database);
  const SnapshotMeta meta = sampleMeta(7, 31);
  auto import = store.beginSnapshotImport(meta);
  REQUIRE(import.ok());
  SnapshotImport& in = *import.value();
  REQUIRE(in.addMember({"m-anna", "demo-de", engine::MemberStatus::active, "Anna B.", "gold", R"({"id":"m-anna"})"}).ok());
  REQUIRE(in.addMember({"acme", "demo-de", engine::MemberStatus::suspended, "ACME GmbH", "silver", "{}"}).ok());
  for (const char* card : {"c-acme-1", "c-acme-2", "c-acme-3"}) REQUIRE(in.addCard({card, "acme"}).ok());
  REQUIRE(in.addCard({"c-anna", "m-anna"}).ok());
  REQUIRE(in.addCardKey({"hq-2026", keyBytes(1), 1'767'225'600, std::nullopt}).ok());
  REQUIRE(in.addCardKey({"hq-old", keyBytes(2), std::nullopt, std::nullopt}).ok());
  REQUIRE(in.addDeviceKey({"dk-anna", "m-anna", keyBytes(3), false}).ok());
  REQUIRE(in.addDeviceKey({"dk-lost", "m-anna", keyBytes(4), true}).ok());
  REQUIRE(in.addRevokedCard("c-acme-3").ok());
  REQUIRE(in.addCampaignUsage({"welcome500", 499, 249'500, 1'873'420}).ok());
  REQUIRE(in.addCampaignUsage({"spring-sale", 3, 300, 9000}).ok());
  REQUIRE(in.addUsedVoucher("GIFT-1234").ok());
  REQUIRE(in.addDisabledCampaign("spring-sale").ok());
  REQUIRE(in.addOfflineAllowance({"m-anna", 750}).ok());
  auto counts = in.commit();
  REQUIRE(counts.ok());
  CHECK(counts.value() == SnapshotCounts{2, 4, 2, 2, 1, 2, 1, 1, 1});

  auto info = store.info().value();
  REQUIRE(info.has_value());
  CHECK(info->version == 7);
  CHECK(info->memberCount == 2);
  CHECK(info->ledgerIncludedThrough == 31);
  CHECK(info->bundleHash == meta.bundleHash);
  CHECK(store.meta().value() == std::optional<SnapshotMeta>(meta));
  CHECK(store.memberCount().value() == 2);

  auto anna = store.findMember("m-anna").value();
  REQUIRE(anna.has_value());
  CHECK(anna.value() == MemberRecord{"m-anna", "demo-de", engine::MemberStatus::active, "Anna B.", "gold",
                                     R"({"id":"m-anna"})"});
  CHECK(store.findMember("acme").value()->status == engine::MemberStatus::suspended);
  CHECK(store.findMember("m-nobody").value() == std::nullopt);
  CHECK(store.findCard("c-acme-2").value() == std::optional<CardRecord>(CardRecord{"c-acme-2", "acme"}));
  CHECK(store.findCard("c-none").value() == std::nullopt);
  CHECK(store.cardKey("hq-2026").value() ==
        std::optional<CardKeyRecord>(CardKeyRecord{"hq-2026", keyBytes(1), 1'767'225'600, std::nullopt}));
  CHECK(store.cardKey("hq-none").value() == std::nullopt);
  CHECK(store.deviceKey("dk-lost").value()->revoked);
  CHECK(store.deviceKey("dk-anna").value()->publicKey == keyBytes(3));
  CHECK(store.isCardRevoked("c-acme-3").value());
  CHECK_FALSE(store.isCardRevoked("c-acme-1").value());
  const std::vector<engine::CampaignUsage> usage = {{"spring-sale", 3, 300, 9000}, {"welcome500", 499, 249'500, 1'873'420}};
  CHECK(store.campaignUsage().value() == usage);
  CHECK(store.isVoucherUsed("GIFT-1234").value());
  CHECK_FALSE(store.isVoucherUsed("GIFT-9999").value());
  CHECK(store.disabledCampaigns().value() == std::vector<std::string>{"spring-sale"});
  CHECK(store.offlineAllowance("m-anna").value() == std::optional<std::int64_t>(750));
  CHECK(store.offlineAllowance("acme").value() == std::nullopt);
}

TEST_CASE("snapshot store: versions only go up", "[store][snapshot]") {
  ScratchDir dir;
  auto database = openStore(dir.file("s.db"));
  SqliteSnapshotStore store(*database);
  importVersion(store, 5, 3);
  for (const std::int64_t version : {5, 4, 1}) {
    auto again = store.beginSnapshotImport(sampleMeta(version));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().reason == "snapshot_not_newer");
  }
  // A newer one flips and replaces every row of the old one.
  importVersion(store, 6, 2);
  CHECK(store.info().value()->version == 6);
  CHECK(store.findMember("m-2").value() == std::nullopt);
  CHECK(store.cardKey("hq-v5").value() == std::nullopt);
  CHECK(store.cardKey("hq-v6").value().has_value());
  RawDatabase raw(database->path());
  CHECK(raw.queryInt("SELECT count(*) FROM members") == 2);
  CHECK(raw.queryInt("SELECT count(*) FROM snapshot_generations") == 1);

  // Two imports racing to the same version: the second to commit is refused.
  auto first = store.beginSnapshotImport(sampleMeta(8));
  REQUIRE(first.ok());
  REQUIRE(first.value()->commit().ok());
  CHECK(store.beginSnapshotImport(sampleMeta(8)).error().reason == "snapshot_not_newer");
}

TEST_CASE("snapshot store: bad records fail the import and leave the active snapshot", "[store][snapshot]") {
  ScratchDir dir;
  auto database = openStore(dir.file("s.db"));
  SqliteSnapshotStore store(*database, 4);  // small chunks: errors surface mid-import
  importVersion(store, 1, 5);

  SECTION("a member listed twice") {
    auto import = store.beginSnapshotImport(sampleMeta(2));
    REQUIRE(import.ok());
    std::optional<Error> error;
    for (int i = 0; i < 10 && !error; ++i) {
      auto added = import.value()->addMember(
          {i == 6 ? "m-2" : memberId(i), "demo-de", engine::MemberStatus::active, "", "", "{}"});
      if (!added) error = added.error();
    }
    if (!error) {
      auto commit = import.value()->commit();
      REQUIRE_FALSE(commit.ok());
      error = commit.error();
    }
    CHECK(error->reason == "duplicate_record");
    CHECK(error->message.find("\"m-2\"") != std::string::npos);
    CHECK(import.value()->commit().error().reason == "duplicate_record");  // failed for good
  }
  SECTION("a card of a member who is not in the snapshot") {
    auto import = store.beginSnapshotImport(sampleMeta(2));
    REQUIRE(import.ok());
    REQUIRE(import.value()->addMember({"m-a", "demo-de", engine::MemberStatus::active, "", "", "{}"}).ok());
    REQUIRE(import.value()->addCard({"c-a", "m-a"}).ok());
    REQUIRE(import.value()->addCard({"c-ghost", "m-ghost"}).ok());
    auto commit = import.value()->commit();
    REQUIRE_FALSE(commit.ok());
    CHECK(commit.error().reason == "unknown_member");
    CHECK(commit.error().message.find("m-ghost") != std::string::npos);
  }
  SECTION("empty keys and negative counts") {
    auto import = store.beginSnapshotImport(sampleMeta(2));
    REQUIRE(import.ok());
    CHECK(import.value()->addCard({"", "m-0"}).error().reason == "invalid_record");
    auto other = store.beginSnapshotImport(sampleMeta(3));
    CHECK(other.error().reason == "import_in_progress");  // the failed one still holds the lock
  }
  SECTION("bad meta") {
    SnapshotMeta meta = sampleMeta(2);
    meta.bundleHash = "nothex";
    CHECK(store.beginSnapshotImport(meta).error().reason == "invalid_meta");
    meta = sampleMeta(2);
    meta.storeId.clear();
    CHECK(store.beginSnapshotImport(meta).error().reason == "invalid_meta");
  }
  CHECK(store.info().value()->version == 1);
  CHECK(store.findMember("m-4").value()->displayName == "v1");
  CHECK(store.memberCount().value() == 5);
  RawDatabase raw(database->path());
  CHECK(raw.queryInt("SELECT count(*) FROM members") == 5);  // the failed import's rows are gone
}

TEST_CASE("snapshot store: one import at a time, and an abandoned one leaves no trace", "[store][snapshot]") {
  ScratchDir dir;
  auto database = openStore(dir.file("s.db"));
  SqliteSnapshotStore store(*database, 10);
  importVersion(store, 1, 3);
  {
    auto import = store.beginSnapshotImport(sampleMeta(2));
    REQUIRE(import.ok());
    REQUIRE(addVersionedRows(*import.value(), 2, 50).ok());
    auto second = store.beginSnapshotImport(sampleMeta(3));
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().reason == "import_in_progress");
    CHECK(store.info().value()->version == 1);  // rows written, not active
  }
  CHECK(store.info().value()->version == 1);
  CHECK(store.findMember("m-40").value() == std::nullopt);
  RawDatabase raw(database->path());
  CHECK(raw.queryInt("SELECT count(*) FROM members") == 3);
  CHECK(raw.queryInt("SELECT count(*) FROM cards") == 3);
  importVersion(store, 2, 4);  // the lock was released
  CHECK(store.info().value()->version == 2);
}
