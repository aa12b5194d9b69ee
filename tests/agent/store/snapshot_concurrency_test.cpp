// A snapshot swap under load: readers looping lookups during imports never see a mix of
// two snapshots and never fail, ledger commits go on during a load, a pinned reader keeps
// its snapshot, and an import killed half way leaves the old snapshot active.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "snapshot_fixtures.h"
#include "store/sqlite_ledger.h"
#include "store/sqlite_snapshot_store.h"

using namespace loyalty;
using namespace loyalty::store;
using namespace loyalty::store::test;

namespace {

// Members per version differ, so a count from another snapshot shows up as a mix.
int membersOf(std::int64_t version) { return 2000 + static_cast<int>(version) * 100; }

// One consistent reading: every value must name the same version. Returns it, 0 if none.
std::int64_t readPinned(const SnapshotReader& store, std::string& problem) {
  auto pinned = store.pin();
  if (!pinned) {
    problem = pinned.error().message;
    return -1;
  }
  const SnapshotReader& view = *pinned.value();
  auto info = view.info();
  if (!info || !info->has_value()) {
    problem = "no info";
    return -1;
  }
  const std::int64_t version = info->value().version;
  const std::string tag = "v" + std::to_string(version);
  auto member = view.findMember(memberId(1234));
  auto card = view.findCard("c-1234");
  auto usage = view.campaignUsage();
  auto count = view.memberCount();
  auto key = view.cardKey("hq-" + tag);
  if (!member || !card || !usage || !count || !key) {
    problem = "lookup failed";
    return -1;
  }
  if (!member->has_value() || member->value().displayName != tag || !card->has_value() ||
      usage->size() != 1 || usage->front().redemptions != version || count.value() != membersOf(version) ||
      !key->has_value() || info->value().memberCount != membersOf(version)) {
    problem = "snapshot " + tag + " read a value of another snapshot";
    return -1;
  }
  return version;
}

}  // namespace

TEST_CASE("snapshot concurrency: readers never see a mix and commits go on during imports",
          "[store][snapshot][concurrency]") {
  ScratchDir dir;
  auto database = openStore(dir.file("s.db"));
  SqliteSnapshotStore store(*database, 500);
  SqliteLedger ledger(*database);
  importVersion(store, 1, membersOf(1));

  std::atomic<bool> done{false};
  std::atomic<bool> importing{false};
  std::atomic<int> readings{0};
  std::atomic<int> commitsDuringImport{0};
  std::vector<std::string> problems(4);
  std::vector<std::int64_t> lastSeen(3, 0);
  std::vector<std::thread> threads;
  for (std::size_t r = 0; r < 3; ++r) {
    threads.emplace_back([&, r] {
      while (!done && problems[r].empty()) {
        const std::int64_t version = readPinned(store, problems[r]);
        if (version < lastSeen[r]) problems[r] = "went back from v" + std::to_string(lastSeen[r]);
        lastSeen[r] = std::max(lastSeen[r], version);
        // Unpinned single lookups never fail and always find the member (in one snapshot or the next).
        auto member = store.findMember(memberId(7));
        if (!member || !member->has_value()) problems[r] = "unpinned lookup found nothing";
        ++readings;
      }
    });
  }
  threads.emplace_back([&] {
    int sale = 0;
    while (!done && problems[3].empty()) {
      const bool duringImport = importing;
      auto outcome = ledger.commit({"sale:" + std::to_string(++sale), "ok"},
                                   {NewEntry{EntryKind::accrual, std::to_string(sale), "m-1", "h", "{}"}},
                                   {sale, sale});
      if (!outcome) problems[3] = "commit failed: " + outcome.error().message;
      if (duringImport && importing) ++commitsDuringImport;
    }
  });
  for (std::int64_t version = 2; version <= 5; ++version) {
    auto import = store.beginSnapshotImport(sampleMeta(version));
    REQUIRE(import.ok());
    importing = true;
    REQUIRE(addVersionedRows(*import.value(), version, membersOf(version)).ok());
    REQUIRE(import.value()->commit().ok());
    importing = false;
  }
  done = true;
  for (auto& thread : threads) thread.join();
  for (const std::string& problem : problems) CHECK(problem.empty());
  CHECK(readings > 0);
  CHECK(commitsDuringImport > 0);
  CHECK(store.info().value()->version == 5);
  CHECK(ledger.verify().value().ok);
}

TEST_CASE("snapshot concurrency: a pinned reader keeps its snapshot across a swap", "[store][snapshot]") {
  ScratchDir dir;
  auto database = openStore(dir.file("s.db"));
  SqliteSnapshotStore store(*database);
  importVersion(store, 1, 10);
  auto pinned = store.pin();
  REQUIRE(pinned.ok());
  CHECK(pinned.value()->findMember(memberId(3)).value()->displayName == "v1");
  importVersion(store, 2, 4);
  CHECK(store.findMember(memberId(3)).value()->displayName == "v2");
  CHECK(store.findMember(memberId(8)).value() == std::nullopt);
  // The pinned reader still sees version 1 whole, although its rows were deleted since.
  CHECK(pinned.value()->info().value()->version == 1);
  CHECK(pinned.value()->findMember(memberId(8)).value()->displayName == "v1");
  CHECK(pinned.value()->memberCount().value() == 10);
}

TEST_CASE("snapshot concurrency: an import killed half way leaves the old snapshot active", "[store][snapshot]") {
  ScratchDir dir;
  const std::string path = dir.file("s.db");
  {
    auto database = openStore(path);
    SqliteSnapshotStore store(*database);
    importVersion(store, 1, 7);
  }
  // The child writes part of version 2 in committed chunks, then dies without a word
  // (no destructor, no rollback), as a process killed by a power cut or kill -9 would.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    StoreOptions options;
    options.path = path;
    options.terminalId = "till-1";
    auto opened = StoreDatabase::open(options);
    if (!opened) ::_exit(3);
    SqliteSnapshotStore store(*opened.value(), 100);
    auto import = store.beginSnapshotImport(sampleMeta(2));
    if (!import) ::_exit(4);
    if (!addVersionedRows(*import.value(), 2, 1000)) ::_exit(5);
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);

  auto database = openStore(path);
  SqliteSnapshotStore store(*database);
  CHECK(store.info().value()->version == 1);
  CHECK(store.findMember(memberId(500)).value() == std::nullopt);
  CHECK(store.findMember(memberId(6)).value()->displayName == "v1");
  RawDatabase raw(path);
  CHECK(raw.queryInt("SELECT count(*) FROM members") > 7);  // the dead import's rows are there...
  auto cleaned = store.cleanupAbandonedImports();
  REQUIRE(cleaned.ok());
  CHECK(cleaned.value() > 0);
  CHECK(raw.queryInt("SELECT count(*) FROM members") == 7);  // ...until the cleanup at start
  CHECK(raw.queryInt("SELECT count(*) FROM snapshot_generations") == 1);
  importVersion(store, 2, 3);
  CHECK(store.info().value()->version == 2);
}
