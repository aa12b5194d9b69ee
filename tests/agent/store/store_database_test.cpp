// Opening the terminal's database: file modes, WAL, forward-only migrations (a version 1
// file written by hand is migrated; a newer file is refused), foreign files, terminal id.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>

#include "store/ledger_chain.h"
#include "store/schema_migrations.h"
#include "store/sqlite_ledger.h"
#include "store/sqlite_presented_codes.h"
#include "store/sqlite_snapshot_store.h"
#include "store_test_support.h"

using namespace loyalty;
using namespace loyalty::store;
using namespace loyalty::store::test;

namespace {

unsigned modeOf(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777U;
}

// Schema version 1 exactly as released (schema_migrations.cpp must never change it: a
// terminal in the field may hold such a file).
constexpr const char* kFrozenVersion1 = R"sql(
CREATE TABLE terminal (id INTEGER PRIMARY KEY CHECK (id = 1), terminal_id TEXT NOT NULL);
CREATE TABLE snapshot_state (id INTEGER PRIMARY KEY CHECK (id = 1), active_generation INTEGER NOT NULL,
  next_generation INTEGER NOT NULL);
INSERT INTO snapshot_state (id, active_generation, next_generation) VALUES (1, 0, 1);
CREATE TABLE snapshot_generations (generation INTEGER PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('loading', 'active', 'retired')), version INTEGER NOT NULL,
  store_id TEXT NOT NULL, created_at INTEGER NOT NULL, bundle_text TEXT NOT NULL, bundle_hash TEXT NOT NULL,
  bundle_version INTEGER NOT NULL, ledger_included_through INTEGER NOT NULL, member_count INTEGER NOT NULL DEFAULT 0);
CREATE TABLE members (generation INTEGER NOT NULL, member_id TEXT NOT NULL, program_id TEXT NOT NULL,
  status TEXT NOT NULL, display_name TEXT NOT NULL, tier TEXT NOT NULL, view TEXT NOT NULL,
  PRIMARY KEY (generation, member_id));
CREATE TABLE cards (generation INTEGER NOT NULL, card_id TEXT NOT NULL, member_id TEXT NOT NULL,
  PRIMARY KEY (generation, card_id));
CREATE TABLE card_keys (generation INTEGER NOT NULL, key_id TEXT NOT NULL,
  public_key BLOB NOT NULL CHECK (length(public_key) = 32), valid_from INTEGER, valid_until INTEGER,
  PRIMARY KEY (generation, key_id));
CREATE TABLE device_keys (generation INTEGER NOT NULL, key_id TEXT NOT NULL, member_id TEXT NOT NULL,
  public_key BLOB NOT NULL CHECK (length(public_key) = 32), revoked INTEGER NOT NULL, PRIMARY KEY (generation, key_id));
CREATE TABLE revoked_cards (generation INTEGER NOT NULL, card_id TEXT NOT NULL, PRIMARY KEY (generation, card_id));
CREATE TABLE campaign_usage (generation INTEGER NOT NULL, campaign_id TEXT NOT NULL, redemptions INTEGER NOT NULL,
  discount_total INTEGER NOT NULL, order_value_total INTEGER NOT NULL, PRIMARY KEY (generation, campaign_id));
CREATE TABLE used_vouchers (generation INTEGER NOT NULL, code TEXT NOT NULL, PRIMARY KEY (generation, code));
CREATE TABLE disabled_campaigns (generation INTEGER NOT NULL, campaign_id TEXT NOT NULL,
  PRIMARY KEY (generation, campaign_id));
CREATE TABLE offline_allowances (generation INTEGER NOT NULL, member_id TEXT NOT NULL, points INTEGER NOT NULL,
  PRIMARY KEY (generation, member_id));
CREATE TABLE ledger_entries (sequence INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, terminal_id TEXT NOT NULL,
  kind TEXT NOT NULL, sale_ref TEXT NOT NULL, member_id TEXT NOT NULL, wall_time_ms INTEGER NOT NULL,
  monotonic_ns INTEGER NOT NULL, bundle_hash TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL);
CREATE INDEX ledger_entries_by_member ON ledger_entries (member_id, sequence);
CREATE INDEX ledger_entries_by_sale ON ledger_entries (sale_ref, sequence);
CREATE TABLE ledger_commits (commit_key TEXT PRIMARY KEY, response TEXT NOT NULL, first_sequence INTEGER NOT NULL,
  last_sequence INTEGER NOT NULL, wall_time_ms INTEGER NOT NULL);
CREATE TABLE ledger_state (id INTEGER PRIMARY KEY CHECK (id = 1), synced_through INTEGER NOT NULL,
  pruned_through INTEGER NOT NULL, anchor_hash TEXT NOT NULL);
INSERT INTO ledger_state (id, synced_through, pruned_through, anchor_hash)
  VALUES (1, 0, 0, '0000000000000000000000000000000000000000000000000000000000000000');
PRAGMA user_version = 1;
PRAGMA application_id = 1280920660;
)sql";

Error openError(const StoreOptions& options) {
  auto opened = StoreDatabase::open(options);
  REQUIRE_FALSE(opened.ok());
  return opened.error();
}

}  // namespace

TEST_CASE("store database: a new file and its WAL sidecars are private (0600)", "[store][schema]") {
  ScratchDir dir;
  const std::string path = dir.file("terminal.db");
  auto database = openStore(path);
  CHECK(database->foundSchemaVersion() == 0);
  CHECK(database->terminalId() == std::optional<std::string>("till-1"));
  SqliteLedger ledger(*database);
  REQUIRE(ledger.commit({"sale:1", "ok"}, {NewEntry{EntryKind::accrual, "s1", "m1", "h", "{}"}}, {1, 1}).ok());
  CHECK(modeOf(path) == 0600U);
  CHECK(modeOf(path + "-wal") == 0600U);
  CHECK(modeOf(path + "-shm") == 0600U);
  RawDatabase raw(path);
  CHECK(raw.queryInt("PRAGMA user_version") == kSchemaVersion);
  CHECK(raw.queryInt("PRAGMA application_id") == kApplicationId);
  CHECK(raw.queryInt("SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'") == 1);
}

TEST_CASE("store database: a version 1 file written by hand is migrated and keeps its data", "[store][schema]") {
  ScratchDir dir;
  const std::string path = dir.file("v1.db");
  LedgerEntry first;
  first.id = newEntryId();
  first.terminalId = "till-7";
  first.sequence = 1;
  first.kind = EntryKind::accrual;
  first.saleRef = "sale-1";
  first.memberId = "m-anna";
  first.wallTimeMs = 1'780'000'000'000;
  first.monotonicNs = 42;
  first.bundleHash = std::string(64, 'b');
  first.payload = R"({"earned":120})";
  first.prevHash = std::string(kGenesisHash);
  first.hash = entryHash(first);
  {
    RawDatabase raw(path);
    raw.exec("PRAGMA journal_mode = WAL;");
    raw.exec(kFrozenVersion1);
    raw.exec("INSERT INTO terminal VALUES (1, 'till-7');");
    raw.exec("INSERT INTO ledger_entries VALUES (1, '" + first.id + "', 'till-7', 'accrual', 'sale-1', 'm-anna', " +
             std::to_string(first.wallTimeMs) + ", 42, '" + first.bundleHash + "', '" + first.payload + "', '" +
             first.prevHash + "', '" + first.hash + "');");
    raw.exec("INSERT INTO ledger_commits VALUES ('sale:1', 'approved', 1, 1, " + std::to_string(first.wallTimeMs) + ");");
    raw.exec("INSERT INTO snapshot_generations VALUES (1, 'active', 3, 'berlin-01', 1780000000, '{}', '" +
             std::string(64, 'c') + "', 1, 0, 1);");
    raw.exec("INSERT INTO members VALUES (1, 'm-anna', 'demo-de', 'active', 'Anna B.', 'gold', '{\"id\":\"m-anna\"}');");
    raw.exec("UPDATE snapshot_state SET active_generation = 1, next_generation = 2;");
  }
  auto database = openStore(path, "till-7");
  CHECK(database->foundSchemaVersion() == 1);
  {
    RawDatabase raw(path);
    CHECK(raw.queryInt("PRAGMA user_version") == kSchemaVersion);
  }
  SqliteLedger ledger(*database);
  auto report = ledger.verify();
  REQUIRE(report.ok());
  CHECK(report->ok);
  CHECK(report->checked == 1);
  auto again = ledger.commit({"sale:1", "ignored"}, {}, {0, 0});
  REQUIRE(again.ok());
  CHECK(again->alreadyCommitted);
  CHECK(again->response == "approved");
  REQUIRE(again->entries.size() == 1);
  CHECK(again->entries[0] == first);
  auto next = ledger.commit({"sale:2", "ok"}, {NewEntry{EntryKind::redemption, "sale-2", "m-anna", "h", "{}"}},
                            {first.wallTimeMs + 1, 43});
  REQUIRE(next.ok());
  CHECK(next->entries[0].sequence == 2);
  CHECK(next->entries[0].prevHash == first.hash);

  SqliteSnapshotStore snapshot(*database);
  auto member = snapshot.findMember("m-anna");
  REQUIRE(member.ok());
  REQUIRE(member->has_value());
  CHECK(member->value().tier == "gold");
  // Version 2 added the replay guard: it works on the migrated file.
  SqlitePresentedCodes codes(*database);
  CHECK(codes.recordPresentedCode("digest-1", 200, 100).value());
  CHECK_FALSE(codes.recordPresentedCode("digest-1", 200, 150).value());
}

TEST_CASE("store database: a file from a newer build is refused and left untouched", "[store][schema]") {
  ScratchDir dir;
  const std::string path = dir.file("newer.db");
  { auto database = openStore(path); }
  {
    RawDatabase raw(path);
    raw.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1));
  }
  StoreOptions options;
  options.path = path;
  options.terminalId = "till-1";
  const Error error = openError(options);
  CHECK(error.reason == "schema_too_new");
  CHECK(error.code == ErrorCode::rejected);
  CHECK(error.message.find(std::to_string(kSchemaVersion + 1)) != std::string::npos);
  RawDatabase raw(path);
  CHECK(raw.queryInt("PRAGMA user_version") == kSchemaVersion + 1);
}

TEST_CASE("store database: foreign, corrupt and missing files are refused with a reason", "[store][schema]") {
  ScratchDir dir;
  StoreOptions options;
  options.terminalId = "till-1";

  options.path = dir.file("foreign.db");
  {
    RawDatabase raw(options.path);
    raw.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY, data BLOB);");
  }
  CHECK(openError(options).reason == "not_a_store_file");

  options.path = dir.file("garbage.db");
  {
    std::ofstream out(options.path, std::ios::binary);
    out << std::string(8192, 'x');
  }
  CHECK(openError(options).reason == "store_corrupt");

  options.path = dir.file("absent.db");
  options.create = false;
  CHECK(openError(options).reason == "file_not_found");

  options.path = dir.file("");  // the directory itself
  options.create = true;
  CHECK(openError(options).reason == "not_a_file");

  options.path = dir.file("x.db");
  options.terminalId = "";
  CHECK(openError(options).reason == "invalid_terminal_id");
}

TEST_CASE("store database: the terminal id is recorded once and checked on every open", "[store][schema]") {
  ScratchDir dir;
  const std::string path = dir.file("terminal.db");
  { auto database = openStore(path, "till-1"); }
  StoreOptions options;
  options.path = path;
  options.terminalId = "till-2";
  const Error error = openError(options);
  CHECK(error.reason == "terminal_mismatch");
  CHECK(error.message.find("till-1") != std::string::npos);

  options.terminalId.reset();
  auto any = StoreDatabase::open(options);
  REQUIRE(any.ok());
  CHECK(any.value()->terminalId() == std::optional<std::string>("till-1"));

  // A database opened without a terminal id and none recorded cannot book anything.
  StoreOptions anonymous;
  anonymous.path = dir.file("anonymous.db");
  auto bare = StoreDatabase::open(anonymous);
  REQUIRE(bare.ok());
  SqliteLedger ledger(*bare.value());
  auto refused = ledger.commit({"sale:1", "ok"}, {NewEntry{EntryKind::accrual, "s", "m", "h", "{}"}}, {1, 1});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().reason == "no_terminal_id");
}
