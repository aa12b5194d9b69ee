// The ledger through its public interface on a real database file: sequences, the hash
// chain, idempotent commit keys, concurrent writers, the sync watermark and pruning.
#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <set>
#include <thread>

#include "store/ledger_chain.h"
#include "store/sqlite_ledger.h"
#include "store_test_support.h"

using namespace loyalty;
using namespace loyalty::store;
using namespace loyalty::store::test;

namespace {

NewEntry entry(EntryKind kind, const std::string& sale, const std::string& member, const std::string& payload = "{}") {
  return NewEntry{kind, sale, member, std::string(64, 'b'), payload};
}

std::vector<LedgerEntry> allEntries(const Ledger& ledger) {
  auto entries = ledger.entriesAfter(0, 1'000'000);
  REQUIRE(entries.ok());
  return std::move(entries).value();
}

void requireChain(const std::vector<LedgerEntry>& entries, std::int64_t firstSequence, const std::string& anchor) {
  std::string prev = anchor;
  std::int64_t expected = firstSequence;
  for (const LedgerEntry& e : entries) {
    REQUIRE(e.sequence == expected++);
    REQUIRE(e.prevHash == prev);
    REQUIRE(e.hash == entryHash(e));
    prev = e.hash;
  }
}

}  // namespace

TEST_CASE("ledger: a commit appends entries with the next sequences and a hash chain", "[store][ledger]") {
  ScratchDir dir;
  auto database = openStore(dir.file("ledger.db"), "till-9");
  SqliteLedger ledger(*database);
  auto outcome = ledger.commit({"sale:A", R"({"approved":true})"},
                               {entry(EntryKind::redemption, "A", "m-1", R"({"burn":500})"),
                                entry(EntryKind::accrual, "A", "m-1", R"({"earned":40})"),
                                entry(EntryKind::accrual, "A", "m-1", R"({"earned":12})")},
                               {1'780'000'000'123, 987'654'321});
  REQUIRE(outcome.ok());
  CHECK_FALSE(outcome->alreadyCommitted);
  CHECK(outcome->response == R"({"approved":true})");
  REQUIRE(outcome->entries.size() == 3);
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> ids;
  for (const LedgerEntry& e : outcome->entries) {
    CHECK(std::regex_match(e.id, uuid));
    ids.insert(e.id);
    CHECK(e.terminalId == "till-9");
    CHECK(e.wallTimeMs == 1'780'000'000'123);
    CHECK(e.monotonicNs == 987'654'321);
    CHECK_FALSE(e.synced);
  }
  CHECK(ids.size() == 3);
  requireChain(outcome->entries, 1, std::string(kGenesisHash));
  CHECK(allEntries(ledger) == outcome->entries);  // what was returned is what was stored

  auto second = ledger.commit({"sale:B", "ok"}, {entry(EntryKind::accrual, "B", "m-2")}, {1'780'000'001'000, 1});
  REQUIRE(second.ok());
  CHECK(second->entries[0].sequence == 4);
  CHECK(second->entries[0].prevHash == outcome->entries[2].hash);

  auto forMember = ledger.entriesForMember("m-1", 0);
  REQUIRE(forMember.ok());
  CHECK(forMember->size() == 3);
  auto afterTwo = ledger.entriesForMember("m-1", 2);
  REQUIRE(afterTwo.ok());
  REQUIRE(afterTwo->size() == 1);
  CHECK(afterTwo->front().sequence == 3);
  auto forSale = ledger.entriesForSale("B");
  REQUIRE(forSale.ok());
  REQUIRE(forSale->size() == 1);
  CHECK(forSale->front().memberId == "m-2");
  auto page = ledger.entriesAfter(1, 2);
  REQUIRE(page.ok());
  REQUIRE(page->size() == 2);
  CHECK(page->front().sequence == 2);

  auto stats = ledger.stats();
  REQUIRE(stats.ok());
  CHECK(stats->lastSequence == 4);
  CHECK(stats->unsyncedCount == 4);
  CHECK(stats->oldestUnsyncedWallMs == std::optional<std::int64_t>(1'780'000'000'123));
  auto report = ledger.verify();
  REQUIRE(report.ok());
  CHECK(report->ok);
  CHECK(report->checked == 4);
  CHECK(report->firstSequence == 1);
  CHECK(report->lastSequence == 4);
}

TEST_CASE("ledger: the same commit key commits once and returns the stored outcome", "[store][ledger]") {
  ScratchDir dir;
  auto database = openStore(dir.file("ledger.db"));
  SqliteLedger ledger(*database);
  auto first = ledger.commit({"sale:42", "approved 42"}, {entry(EntryKind::accrual, "42", "m-1")}, {1000, 1});
  REQUIRE(first.ok());
  auto retry = ledger.commit({"sale:42", "something else"},
                             {entry(EntryKind::accrual, "42", "m-1"), entry(EntryKind::accrual, "42", "m-1")},
                             {2000, 2});
  REQUIRE(retry.ok());
  CHECK(retry->alreadyCommitted);
  CHECK(retry->response == "approved 42");
  CHECK(retry->entries == first->entries);
  CHECK(allEntries(ledger).size() == 1);

  auto found = ledger.findCommit("sale:42");
  REQUIRE(found.ok());
  REQUIRE(found->has_value());
  CHECK(found->value().entries == first->entries);
  CHECK(ledger.findCommit("sale:43").value() == std::nullopt);

  // A commit with no entries (an anonymous sale) is still recorded once.
  auto empty = ledger.commit({"sale:anon", "no member"}, {}, {3000, 3});
  REQUIRE(empty.ok());
  CHECK(empty->entries.empty());
  auto emptyAgain = ledger.commit({"sale:anon", "x"}, {}, {3001, 4});
  REQUIRE(emptyAgain.ok());
  CHECK(emptyAgain->alreadyCommitted);
  CHECK(emptyAgain->response == "no member");
  CHECK(ledger.verify().value().ok);
}

TEST_CASE("ledger: invalid commits are refused and write nothing", "[store][ledger]") {
  ScratchDir dir;
  auto database = openStore(dir.file("ledger.db"));
  SqliteLedger ledger(*database);
  auto reasonOf = [&](const CommitRecord& record, std::vector<NewEntry> entries) {
    auto outcome = ledger.commit(record, std::move(entries), {1, 1});
    REQUIRE_FALSE(outcome.ok());
    return outcome.error().reason;
  };
  CHECK(reasonOf({"", "r"}, {entry(EntryKind::accrual, "s", "m")}) == "invalid_entry");
  CHECK(reasonOf({std::string(kMaxCommitKeyBytes + 1, 'k'), "r"}, {}) == "invalid_entry");
  CHECK(reasonOf({"k", "r"}, {entry(EntryKind::accrual, "", "m")}) == "invalid_entry");
  CHECK(reasonOf({"k", "r"}, {entry(EntryKind::accrual, "s", "m", std::string(kMaxPayloadBytes + 1, 'p'))}) ==
        "invalid_entry");
  CHECK(reasonOf({"k", "r"}, std::vector<NewEntry>(kMaxEntriesPerCommit + 1, entry(EntryKind::accrual, "s", "m"))) ==
        "invalid_entry");
  CHECK(allEntries(ledger).empty());
  CHECK(ledger.findCommit("k").value() == std::nullopt);
}

TEST_CASE("ledger: four writer threads get one gapless sequence and an intact chain", "[store][ledger][concurrency]") {
  ScratchDir dir;
  auto database = openStore(dir.file("ledger.db"));
  SqliteLedger ledger(*database);
  constexpr int kThreads = 4;
  constexpr int kCommits = 40;
  std::vector<std::vector<CommitOutcome>> outcomes(kThreads);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCommits; ++i) {
        const std::string sale = "t" + std::to_string(t) + "-" + std::to_string(i);
        std::vector<NewEntry> entries;
        for (int n = 0; n <= (t + i) % 3; ++n) entries.push_back(entry(EntryKind::accrual, sale, "m-" + sale));
        auto outcome = ledger.commit({"sale:" + sale, sale}, std::move(entries), {1000 + i, i});
        if (!outcome.ok()) {
          ++failures;
          continue;
        }
        outcomes[static_cast<std::size_t>(t)].push_back(std::move(outcome).value());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  REQUIRE(failures == 0);
  std::size_t total = 0;
  for (const auto& perThread : outcomes) {
    for (const CommitOutcome& outcome : perThread) {
      // One commit's entries are consecutive: nobody slipped in between.
      for (std::size_t i = 1; i < outcome.entries.size(); ++i) {
        CHECK(outcome.entries[i].sequence == outcome.entries[i - 1].sequence + 1);
      }
      total += outcome.entries.size();
    }
  }
  const auto entries = allEntries(ledger);
  CHECK(entries.size() == total);
  requireChain(entries, 1, std::string(kGenesisHash));
  auto report = ledger.verify();
  REQUIRE(report.ok());
  CHECK(report->ok);
  CHECK(report->lastSequence == static_cast<std::int64_t>(total));
}

TEST_CASE("ledger: the sync watermark only moves forward and only to committed entries", "[store][ledger]") {
  ScratchDir dir;
  auto database = openStore(dir.file("ledger.db"));
  SqliteLedger ledger(*database);
  for (int i = 1; i <= 5; ++i) {
    REQUIRE(ledger.commit({"sale:" + std::to_string(i), "ok"}, {entry(EntryKind::accrual, std::to_string(i), "m")},
                          {i * 1000, i})
                .ok());
  }
  auto beyond = ledger.markSyncedThrough(6);
  REQUIRE_FALSE(beyond.ok());
  CHECK(beyond.error().reason == "unknown_sequence");
  CHECK(ledger.markSyncedThrough(-1).error().reason == "invalid_entry");
  REQUIRE(ledger.markSyncedThrough(3).ok());
  REQUIRE(ledger.markSyncedThrough(2).ok());  // a late acknowledgement never moves it back
  auto stats = ledger.stats().value();
  CHECK(stats.syncedThrough == 3);
  CHECK(stats.unsyncedCount == 2);
  CHECK(stats.oldestUnsyncedWallMs == std::optional<std::int64_t>(4000));
  const auto entries = allEntries(ledger);
  for (const LedgerEntry& e : entries) CHECK(e.synced == (e.sequence <= 3));
  REQUIRE(ledger.markSyncedThrough(5).ok());
  CHECK(ledger.stats().value().oldestUnsyncedWallMs == std::nullopt);
}

TEST_CASE("ledger: pruning removes only old synced entries and the chain still verifies", "[store][ledger]") {
  ScratchDir dir;
  auto database = openStore(dir.file("ledger.db"));
  SqliteLedger ledger(*database);
  for (int i = 1; i <= 10; ++i) {
    REQUIRE(ledger.commit({"sale:" + std::to_string(i), "ok"}, {entry(EntryKind::accrual, std::to_string(i), "m")},
                          {i * 1000, i})
                .ok());
  }
  REQUIRE(ledger.markSyncedThrough(6).ok());
  // Older than entry 4's time: entries 1-3 go.
  auto pruned = ledger.pruneSynced(4000);
  REQUIRE(pruned.ok());
  CHECK(pruned.value() == 3);
  auto report = ledger.verify().value();
  CHECK(report.ok);
  CHECK(report.firstSequence == 4);
  CHECK(report.checked == 7);
  CHECK(ledger.findCommit("sale:2").value() == std::nullopt);
  CHECK(ledger.findCommit("sale:5").value().has_value());

  // However old, an unsynced entry is never pruned.
  CHECK(ledger.pruneSynced(1'000'000).value() == 3);
  auto remaining = allEntries(ledger);
  REQUIRE(remaining.size() == 4);
  CHECK(remaining.front().sequence == 7);
  CHECK(ledger.stats().value().prunedThrough == 6);

  // The chain continues from the anchor, even once every entry is gone.
  REQUIRE(ledger.markSyncedThrough(10).ok());
  CHECK(ledger.pruneSynced(1'000'000).value() == 4);
  CHECK(allEntries(ledger).empty());
  auto next = ledger.commit({"sale:11", "ok"}, {entry(EntryKind::accrual, "11", "m")}, {11'000, 11});
  REQUIRE(next.ok());
  CHECK(next->entries[0].sequence == 11);
  CHECK(next->entries[0].prevHash == remaining.back().hash);
  report = ledger.verify().value();
  CHECK(report.ok);
  CHECK(report.firstSequence == 11);
}

TEST_CASE("ledger: seeded random commits, acknowledgements and prunes keep every invariant", "[store][ledger][property]") {
  ScratchDir dir;
  auto database = openStore(dir.file("ledger.db"));
  SqliteLedger ledger(*database);
  std::mt19937_64 random(20260317);
  std::int64_t committed = 0;
  std::int64_t synced = 0;
  std::int64_t clock = 0;
  std::map<std::int64_t, std::string> hashes;
  for (int step = 0; step < 300; ++step) {
    const auto dice = random() % 10;
    clock += static_cast<std::int64_t>(random() % 500);
    if (dice < 7) {
      const auto count = static_cast<int>(random() % 4);
      std::vector<NewEntry> entries;
      for (int n = 0; n < count; ++n) {
        entries.push_back(entry(EntryKind::accrual, "s" + std::to_string(step), "m" + std::to_string(random() % 5),
                                std::string(random() % 300, 'x')));
      }
      auto outcome = ledger.commit({"sale:" + std::to_string(step), "ok"}, std::move(entries), {clock, clock});
      REQUIRE(outcome.ok());
      for (const LedgerEntry& e : outcome->entries) {
        REQUIRE(e.sequence == ++committed);
        hashes[e.sequence] = e.hash;
      }
    } else if (dice < 9) {
      const std::int64_t through = synced + static_cast<std::int64_t>(random() % 10);
      auto marked = ledger.markSyncedThrough(through);
      REQUIRE(marked.ok() == (through <= committed));
      if (marked.ok()) synced = through;
    } else {
      REQUIRE(ledger.pruneSynced(clock - static_cast<std::int64_t>(random() % 3000)).ok());
    }
    const LedgerStats stats = ledger.stats().value();
    REQUIRE(stats.lastSequence == committed);
    REQUIRE(stats.syncedThrough == synced);
    REQUIRE(stats.prunedThrough <= synced);
    const auto held = allEntries(ledger);
    REQUIRE(static_cast<std::int64_t>(held.size()) == committed - stats.prunedThrough);
    for (const LedgerEntry& e : held) REQUIRE(hashes[e.sequence] == e.hash);
    REQUIRE(ledger.verify().value().ok);
  }
}

TEST_CASE("ledger: the canonical text and hash are exactly as docs/ledger-format.md shows", "[store][ledger]") {
  LedgerEntry entry;
  entry.id = "6f1c2a7e-3b5d-4c8e-9a10-2b3c4d5e6f70";
  entry.terminalId = "berlin-01-till-3";
  entry.sequence = 42;
  entry.kind = EntryKind::accrual;
  entry.saleRef = "berlin-01-20260316T163000Z";
  entry.memberId = "m-claudia";
  entry.wallTimeMs = 1'773'678'600'123;
  entry.monotonicNs = 86'400'000'000'123;
  entry.bundleHash = "8b8ef7771759119687ad2908a6d9d17e1e2aecd9238b854f979af46cd3d465f7";
  entry.payload = R"({"earned":[{"rule":"base-reward","points":40}]})";
  entry.prevHash = "3f0a" + std::string(60, '0');
  CHECK(canonicalEntryText(entry) ==
        "loyalty-ledger-entry-v1\n"
        "id=36:6f1c2a7e-3b5d-4c8e-9a10-2b3c4d5e6f70\n"
        "terminal_id=16:berlin-01-till-3\n"
        "sequence=2:42\n"
        "kind=7:accrual\n"
        "sale_ref=26:berlin-01-20260316T163000Z\n"
        "member_id=9:m-claudia\n"
        "wall_time_ms=13:1773678600123\n"
        "monotonic_ns=14:86400000000123\n"
        "bundle_hash=64:8b8ef7771759119687ad2908a6d9d17e1e2aecd9238b854f979af46cd3d465f7\n"
        "payload=47:{\"earned\":[{\"rule\":\"base-reward\",\"points\":40}]}\n"
        "prev_hash=64:3f0a000000000000000000000000000000000000000000000000000000000000\n");
  CHECK(entryHash(entry) == "f6c7e5701a624a12bd334394cb51af6f413083321d59a5cce5d568dcdea2324d");
  // Every field counts: changing any one changes the hash.
  for (int field = 0; field < 11; ++field) {
    LedgerEntry changed = entry;
    switch (field) {
      case 0: changed.id[0] = '7'; break;
      case 1: changed.terminalId += "x"; break;
      case 2: ++changed.sequence; break;
      case 3: changed.kind = EntryKind::reversal; break;
      case 4: changed.saleRef += "x"; break;
      case 5: changed.memberId += "x"; break;
      case 6: ++changed.wallTimeMs; break;
      case 7: ++changed.monotonicNs; break;
      case 8: changed.bundleHash[0] = '9'; break;
      case 9: changed.payload += " "; break;
      default: changed.prevHash[0] = '4'; break;
    }
    CHECK(entryHash(changed) != entryHash(entry));
  }
  // Length prefixes: moving bytes from one field to the next changes the hash too.
  LedgerEntry shifted = entry;
  shifted.saleRef += "m";
  shifted.memberId = "-claudia";
  CHECK(entryHash(shifted) != entryHash(entry));
}

TEST_CASE("ledger: every entry kind is one that HQ's wire format accepts", "[store][ledger]") {
  for (const EntryKind kind : {EntryKind::accrual, EntryKind::redemption, EntryKind::reversal, EntryKind::enrollment,
                               EntryKind::adjustment, EntryKind::voiding}) {
    CHECK(codec::isLedgerEntryKind(toString(kind)));
    CHECK(entryKindFromString(toString(kind)) == kind);
  }
  CHECK(codec::kLedgerEntryKinds.size() == 6);
}
