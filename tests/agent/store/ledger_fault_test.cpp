// Failures while committing: a full disk, and every single I/O call of a commit failing
// once (through a fault-injecting VFS). A failed commit is never reported as done, leaves
// no half entry, and the next commit works.
#include <catch2/catch.hpp>

#include "fault_vfs.h"
#include "store/sqlite_ledger.h"
#include "store_test_support.h"

using namespace loyalty;
using namespace loyalty::store;
using namespace loyalty::store::test;

namespace {

std::vector<NewEntry> saleEntries(const std::string& sale, std::size_t payloadBytes) {
  return {NewEntry{EntryKind::redemption, sale, "m-1", std::string(64, 'b'), std::string(payloadBytes, 'r')},
          NewEntry{EntryKind::accrual, sale, "m-1", std::string(64, 'b'), std::string(payloadBytes, 'a')}};
}

std::int64_t entryCount(const Ledger& ledger) {
  return static_cast<std::int64_t>(ledger.entriesAfter(0, 1'000'000).value().size());
}

std::int64_t integrityOk(const std::string& path) {
  RawDatabase raw(path);
  return raw.queryInt("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'");
}

}  // namespace

TEST_CASE("ledger faults: a full disk fails the commit as not_durable and commits resume with space",
          "[store][ledger][fault]") {
  ScratchDir dir;
  const std::string path = dir.file("small.db");
  std::int64_t pages = 0;
  {
    auto database = openStore(path);
    RawDatabase raw(path);
    pages = raw.queryInt("PRAGMA page_count");
  }
  StoreOptions options;
  options.maxPageCount = pages + 12;  // room for a few commits only
  auto database = openStore(path, "till-1", options);
  SqliteLedger ledger(*database);
  int committed = 0;
  Result<CommitOutcome> outcome = Error{};
  for (int i = 0; i < 100; ++i) {
    outcome = ledger.commit({"sale:" + std::to_string(i), "ok"}, saleEntries(std::to_string(i), 3000), {i, i});
    if (!outcome.ok()) break;
    ++committed;
  }
  REQUIRE_FALSE(outcome.ok());
  CHECK(committed > 0);
  CHECK(outcome.error().reason == "not_durable");
  CHECK(outcome.error().code == ErrorCode::io_error);
  CHECK(outcome.error().message.find("disk_full") != std::string::npos);
  const std::string failedKey = "sale:" + std::to_string(committed);
  CHECK(ledger.findCommit(failedKey).value() == std::nullopt);
  CHECK(entryCount(ledger) == 2 * committed);
  CHECK(ledger.verify().value().ok);
  // Still full: it fails again, cleanly.
  CHECK(ledger.commit({failedKey, "ok"}, saleEntries("x", 3000), {0, 0}).error().reason == "not_durable");

  // HQ acknowledges and old entries are pruned: their pages are free again.
  REQUIRE(ledger.markSyncedThrough(2 * committed).ok());
  REQUIRE(ledger.pruneSynced(1'000'000).value() == 2 * committed);
  auto retried = ledger.commit({failedKey, "ok"}, saleEntries("retry", 3000), {500, 500});
  REQUIRE(retried.ok());
  CHECK_FALSE(retried->alreadyCommitted);
  CHECK(retried->entries.front().sequence == 2 * committed + 1);
  CHECK(ledger.verify().value().ok);
  database.reset();
  CHECK(integrityOk(path) == 1);
}

TEST_CASE("ledger faults: each I/O call of a commit failing once leaves no half commit", "[store][ledger][fault]") {
  const auto mode = GENERATE(FaultVfs::WriteFailure::io_error, FaultVfs::WriteFailure::disk_full);
  FaultVfs vfs(mode == FaultVfs::WriteFailure::io_error ? "fault-io" : "fault-full");
  ScratchDir dir;
  const std::string path = dir.file("faults.db");
  StoreOptions options;
  options.vfs = vfs.name();
  auto database = openStore(path, "till-1", options);
  SqliteLedger ledger(*database);
  // Some history first, so commits touch existing pages, indexes and the WAL.
  for (int i = 0; i < 20; ++i) {
    REQUIRE(ledger.commit({"warm:" + std::to_string(i), "ok"}, saleEntries("w" + std::to_string(i), 200), {i, i}).ok());
  }
  std::int64_t expectedEntries = 40;
  int failed = 0;
  int nth = 1;
  for (;; ++nth) {
    const std::string key = "sale:" + std::to_string(nth);
    vfs.arm(nth, mode);
    auto outcome = ledger.commit({key, "ok"}, saleEntries(key, 1500), {1000 + nth, nth});
    vfs.disarm();
    INFO("failing I/O call " << nth);
    if (!vfs.fired()) {
      REQUIRE(outcome.ok());  // every call of the commit was tried: done
      expectedEntries += 2;
      break;
    }
    if (outcome.ok()) {
      expectedEntries += 2;  // the failed call did not matter to the commit (e.g. a read retried)
      CHECK(ledger.findCommit(key).value().has_value());
    } else {
      ++failed;
      CHECK((outcome.error().reason == "not_durable" || outcome.error().reason == "store_busy"));
      auto found = ledger.findCommit(key);
      REQUIRE(found.ok());
      CHECK_FALSE(found->has_value());
    }
    REQUIRE(entryCount(ledger) == expectedEntries);
    auto report = ledger.verify();
    REQUIRE(report.ok());
    REQUIRE(report->ok);
    // The next commit, without a fault, works and continues the sequence.
    auto next = ledger.commit({"after:" + std::to_string(nth), "ok"}, saleEntries("after", 100), {2000 + nth, nth});
    REQUIRE(next.ok());
    expectedEntries += 2;
    REQUIRE(next->entries.back().sequence == expectedEntries);
  }
  CHECK(failed > 0);
  CHECK(nth > 3);
  database.reset();
  // After closing (and again after a fresh open, which recovers the WAL) all is intact.
  auto reopened = openStore(path, "till-1");
  SqliteLedger again(*reopened);
  CHECK(again.verify().value().ok);
  CHECK(entryCount(again) == expectedEntries);
  reopened.reset();
  CHECK(integrityOk(path) == 1);
}

TEST_CASE("ledger: a commit costs exactly one fsync", "[store][ledger][fault]") {
  FaultVfs vfs("fault-count");
  ScratchDir dir;
  StoreOptions options;
  options.vfs = vfs.name();
  auto database = openStore(dir.file("syncs.db"), "till-1", options);
  SqliteLedger ledger(*database);
  for (int i = 0; i < 5; ++i) {
    REQUIRE(ledger.commit({"warm:" + std::to_string(i), "ok"}, saleEntries("w", 300), {i, i}).ok());
  }
  for (int i = 0; i < 30; ++i) {
    const int before = vfs.syncs();
    REQUIRE(ledger.commit({"sale:" + std::to_string(i), "ok"}, saleEntries("s", 300), {i, i}).ok());
    INFO("commit " << i);
    CHECK(vfs.syncs() - before == 1);
  }
  // A retried commit key writes nothing and so syncs nothing.
  const int before = vfs.syncs();
  REQUIRE(ledger.commit({"sale:3", "ok"}, saleEntries("s", 300), {0, 0}).value().alreadyCommitted);
  CHECK(vfs.syncs() == before);
}
