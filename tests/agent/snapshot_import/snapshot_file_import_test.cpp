// Loading snapshot files into a real terminal database: every record kind by hand, a
// generated 20,000-member file checked member by member against the generator, and bad
// files that must leave the active snapshot as it was.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "codec/bundle_loader.h"
#include "codec/canonical_json.h"
#include "codec/member_codec.h"
#include "codec/snapshot_codec.h"
#include "ed25519_key.h"
#include "member_generator.h"
#include "snapshot_generator.h"
#include "snapshot_import/snapshot_file_import.h"
#include "store/sqlite_snapshot_store.h"
#include "store/store_database.h"

using namespace loyalty;
using namespace loyalty::snapshot_import;

namespace {

class Scratch {
 public:
  Scratch() {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::path(LOYALTY_BINARY_DIR) / "snapshot_import_test_files" /
           (std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  [[nodiscard]] std::string file(const std::string& name) const { return (dir_ / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream out(file(name), std::ios::binary);
    out << text;
    return file(name);
  }

 private:
  std::filesystem::path dir_;
};

std::string bundlePath() { return std::string(LOYALTY_SOURCE_DIR) + "/config/examples/bundle.json"; }

nlohmann::json bundleDocument() {
  std::ifstream in(bundlePath());
  return nlohmann::json::parse(in);
}

std::unique_ptr<store::StoreDatabase> openDatabase(const std::string& path) {
  store::StoreOptions options;
  options.path = path;
  options.terminalId = "till-1";
  auto opened = store::StoreDatabase::open(options);
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

const std::string kAnna =
    R"({"id":"m-anna","program":"demo-de","display_name":"Anna B.","tier":"gold","status":"suspended"})";

std::string handMadeFile(std::int64_t version, const std::vector<std::string>& extra = {}) {
  codec::PublicKeyBytes key{};
  key.fill(7);
  std::string text = codec::snapshotHeaderLine(version, "berlin-01", 1'780'000'000, {{"till-1", 17}, {"till-2", 99}},
                                               bundleDocument()) + "\n";
  std::vector<std::string> lines = {
      R"({"type":"member","member":)" + kAnna + "}",
      codec::snapshotRecordLine(codec::SnapshotCard{"C-1", "m-anna"}),
      codec::snapshotRecordLine(codec::SnapshotCardKey{"hq-1", key, 1'700'000'000, std::nullopt}),
      codec::snapshotRecordLine(codec::SnapshotDeviceKey{"dk-1", "m-anna", key, false}),
      codec::snapshotRecordLine(codec::SnapshotRevokedCard{"C-0"}),
      codec::snapshotRecordLine(engine::CampaignUsage{"welcome500", 12, 600, 24000}),
      codec::snapshotRecordLine(codec::SnapshotUsedVoucher{"GIFT-1234"}),
      codec::snapshotRecordLine(codec::SnapshotDisabledCampaign{"spring-sale"}),
      codec::snapshotRecordLine(codec::SnapshotOfflineAllowance{"m-anna", 900})};
  lines.insert(lines.end(), extra.begin(), extra.end());
  for (const std::string& line : lines) text += line + "\n";
  return text + codec::snapshotEndLine(static_cast<std::int64_t>(lines.size())) + "\n";
}

}  // namespace

TEST_CASE("snapshot file import: every record kind reaches the store", "[snapshot_import]") {
  Scratch scratch;
  auto database = openDatabase(scratch.file("t.db"));
  store::SqliteSnapshotStore store(*database);
  auto summary = importSnapshotFile(store, scratch.write("s.ndjson", handMadeFile(4)), {"till-1", "berlin-01"});
  REQUIRE(summary.ok());
  CHECK(summary->version == 4);
  CHECK(summary->ledgerIncludedThrough == 17);
  CHECK(summary->lines == 11);
  CHECK(summary->counts == store::SnapshotCounts{1, 1, 1, 1, 1, 1, 1, 1, 1});

  auto meta = store.meta().value();
  REQUIRE(meta.has_value());
  CHECK(meta->ledgerIncludedThrough == 17);
  CHECK(meta->bundleHash == codec::bundleHash(bundleDocument()));
  CHECK(codec::loadBundle(meta->bundleText).bundle->hash == meta->bundleHash);
  auto anna = store.findMember("m-anna").value();
  REQUIRE(anna.has_value());
  CHECK(anna->status == engine::MemberStatus::suspended);
  CHECK(anna->tier == "gold");
  CHECK(codec::parseMember(anna->viewText).value() == codec::parseMember(kAnna).value());
  CHECK(store.findCard("C-1").value()->memberId == "m-anna");
  CHECK(store.cardKey("hq-1").value()->validFrom == std::optional<std::int64_t>(1'700'000'000));
  CHECK(store.isCardRevoked("C-0").value());
  CHECK(store.isVoucherUsed("GIFT-1234").value());
  CHECK(store.disabledCampaigns().value() == std::vector<std::string>{"spring-sale"});
  CHECK(store.offlineAllowance("m-anna").value() == std::optional<std::int64_t>(900));
  // Another terminal's file entry is its own; a terminal the header does not name gets 0.
  auto other = openDatabase(scratch.file("other.db"));
  store::SqliteSnapshotStore otherStore(*other);
  CHECK(importSnapshotFile(otherStore, scratch.file("s.ndjson"), {"till-3", std::nullopt}).value().ledgerIncludedThrough == 0);
}

TEST_CASE("snapshot file import: a bad file changes nothing", "[snapshot_import]") {
  Scratch scratch;
  auto database = openDatabase(scratch.file("t.db"));
  store::SqliteSnapshotStore store(*database, 2);  // tiny chunks: bad lines arrive after rows were written
  REQUIRE(importSnapshotFile(store, scratch.write("v1.ndjson", handMadeFile(1)), {"till-1", std::nullopt}).ok());

  auto refused = [&](const std::string& text) {
    auto result = importSnapshotFile(store, scratch.write("bad.ndjson", text), {"till-1", std::nullopt});
    REQUIRE_FALSE(result.ok());
    CHECK(store.info().value()->version == 1);
    CHECK(store.memberCount().value() == 1);
    return result.error();
  };
  const std::string good = handMadeFile(2);
  const Error truncated = refused(good.substr(0, good.rfind("{\"records\"")));
  CHECK(truncated.reason == "truncated");
  const Error badLine = refused(handMadeFile(2, {R"({"type":"card","card":"C-2"})"}));
  CHECK(badLine.reason == "missing_field");
  CHECK(badLine.message.rfind("line 11: /member: ", 0) == 0);
  CHECK(refused(handMadeFile(2, {codec::snapshotRecordLine(codec::SnapshotCard{"C-1", "m-anna"})})).reason ==
        "duplicate_record");
  CHECK(refused(handMadeFile(2, {codec::snapshotRecordLine(codec::SnapshotCard{"C-9", "m-ghost"})})).reason ==
        "unknown_member");
  CHECK(refused(handMadeFile(1)).reason == "snapshot_not_newer");
  auto wrongStore = importSnapshotFile(store, scratch.file("v1.ndjson"), {"till-1", std::string("vienna-01")});
  CHECK(wrongStore.error().reason == "wrong_store");
  CHECK(importSnapshotFile(store, scratch.file("absent.ndjson"), {"till-1", std::nullopt}).error().reason ==
        "file_not_found");
  CHECK(importSnapshotFile(store, scratch.file(""), {"till-1", std::nullopt}).error().reason == "not_a_file");
  // None of the refused imports left rows behind.
  auto info = store.info().value();
  REQUIRE(info.has_value());
  CHECK(info->memberCount == 1);
  REQUIRE(importSnapshotFile(store, scratch.write("v2.ndjson", handMadeFile(2)), {"till-1", std::nullopt}).ok());
  CHECK(store.info().value()->version == 2);
}

TEST_CASE("snapshot file import: a generated 20,000-member snapshot loads member for member",
          "[snapshot_import][generator]") {
  Scratch scratch;
  ctl::SnapshotGeneratorOptions options;
  options.members = 20'000;
  options.bundlePath = bundlePath();
  options.storeId = "berlin-01";
  options.outPath = scratch.file("s.ndjson");
  options.seed = 42;
  options.createdAt = 1'772'337'600;  // 2026-03-01T04:00:00Z
  auto generated = ctl::generateSnapshot(options);
  REQUIRE(generated.ok());
  CHECK(generated->members == 20'000);
  CHECK(generated->cards > 20'000);  // B2B accounts hold several
  CHECK(generated->deviceKeys > 0);
  CHECK(generated->revokedCards > 0);
  CHECK(generated->offlineAllowances > 0);

  auto database = openDatabase(scratch.file("t.db"));
  store::SqliteSnapshotStore store(*database);
  auto summary = importSnapshotFile(store, options.outPath, {"till-1", std::string("berlin-01")});
  REQUIRE(summary.ok());
  CHECK(summary->counts.members == 20'000);
  CHECK(summary->counts.cards == generated->cards);
  CHECK(summary->counts.deviceKeys == generated->deviceKeys);
  CHECK(summary->counts.revokedCards == generated->revokedCards);
  CHECK(store.memberCount().value() == 20'000);

  auto bundle = codec::loadBundle(codec::canonicalJson(bundleDocument()));
  REQUIRE(bundle.ok());
  const ctl::MemberGenerator generator(*bundle.bundle, bundle.bundle->stores.front(), options.seed,
                                       engine::LocalDate{2026, 3, 1});
  int statuses[3] = {0, 0, 0};
  for (std::int64_t i = 0; i < 20'000; i += 97) {
    const ctl::GeneratedMember expected = generator.generate(i);
    auto record = store.findMember(expected.view.id).value();
    REQUIRE(record.has_value());
    CHECK(codec::parseMember(record->viewText).value() == expected.view);
    CHECK(record->tier == expected.view.tier);
    ++statuses[static_cast<int>(record->status)];
    for (const std::string& card : expected.cards) CHECK(store.findCard(card).value()->memberId == expected.view.id);
    if (expected.deviceKey) {
      auto key = store.deviceKey(expected.deviceKey->keyId).value();
      REQUIRE(key.has_value());
      CHECK(key->publicKey == ctl::derivedPublicKey(ctl::MemberGenerator::kDeviceKeyLabel, 42, key->keyId));
    }
  }
  CHECK(statuses[0] > statuses[1]);  // mostly active members
  auto cardKey = store.cardKey("hq-card-1").value();
  REQUIRE(cardKey.has_value());
  CHECK(codec::encodePublicKey(cardKey->publicKey) == generated->cardPublicKey);
}
