// Exactly-once ingest through HqStore, on both backends: resends, reordering, repeats,
// overlaps, and each refusal (id reuse, sequence reuse, gap, bad hash, broken chain).
#include <algorithm>
#include <random>

#include "hq_store_backends.h"
#include "hq_store_test_support.h"

using namespace loyalty;
using namespace loyalty::hq;
using namespace loyalty::hq::test;
using loyalty::testing::WireChain;
using wire::RefusalReason;

#define HQ_BACKENDS SqliteBackend, PostgresBackend

TEMPLATE_TEST_CASE("ingest: a batch applies once and resending it changes nothing", "[hqstore]", HQ_BACKENDS) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  registerOk(*store, "till-1");
  const auto chain = WireChain("till-1", 1).take(20);

  const auto first = ingestOk(*store, "till-1", chain);
  CHECK(first.applied == 20);
  CHECK(first.duplicates == 0);
  CHECK(first.acknowledgedThrough == 20);
  CHECK(first.terminalId == "till-1");
  CHECK(first.refused.empty());

  const auto again = ingestOk(*store, "till-1", chain, kNow + 5);
  CHECK(again.applied == 0);
  CHECK(again.duplicates == 20);
  CHECK(again.acknowledgedThrough == 20);
  CHECK(heldEntries(*store, "till-1") == chain);
  CHECK(store->acknowledgedThrough("till-1").value() == 20);
  CHECK(store->alerts(0, 100).value().empty());
}

TEMPLATE_TEST_CASE("ingest: reordered and repeated entries inside a batch apply once", "[hqstore]", HQ_BACKENDS) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  registerOk(*store, "till-1");
  const auto chain = WireChain("till-1", 2).take(30);
  auto batch = chain;
  batch.push_back(chain[3]);
  batch.push_back(chain[29]);
  batch.push_back(chain[0]);
  std::shuffle(batch.begin(), batch.end(), std::mt19937_64(7));

  const auto answer = ingestOk(*store, "till-1", batch);
  CHECK(answer.applied == 30);
  CHECK(answer.duplicates == 3);
  CHECK(answer.acknowledgedThrough == 30);
  CHECK(heldEntries(*store, "till-1") == chain);
}

TEMPLATE_TEST_CASE("ingest: overlapping batches apply the new part only", "[hqstore]", HQ_BACKENDS) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  registerOk(*store, "till-1");
  const auto chain = WireChain("till-1", 3).take(50);
  CHECK(ingestOk(*store, "till-1", slice(chain, 0, 20)).applied == 20);
  const auto overlap = ingestOk(*store, "till-1", slice(chain, 10, 35));
  CHECK(overlap.duplicates == 10);
  CHECK(overlap.applied == 15);
  CHECK(overlap.acknowledgedThrough == 35);
  const auto rest = ingestOk(*store, "till-1", slice(chain, 0, 50));
  CHECK(rest.duplicates == 35);
  CHECK(rest.applied == 15);
  CHECK(heldEntries(*store, "till-1") == chain);
}

TEMPLATE_TEST_CASE("ingest: a gap is reported with the expected sequence and nothing after it applies", "[hqstore]",
                   HQ_BACKENDS) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  registerOk(*store, "till-1");
  const auto chain = WireChain("till-1", 4).take(20);
  CHECK(ingestOk(*store, "till-1", slice(chain, 0, 5)).acknowledgedThrough == 5);

  const auto gapped = ingestOk(*store, "till-1", slice(chain, 7, 12));  // 6 and 7 missing
  CHECK(gapped.applied == 0);
  CHECK(gapped.acknowledgedThrough == 5);
  REQUIRE(gapped.refused.size() == 1);
  CHECK(gapped.refused[0].reason == RefusalReason::sequence_gap);
  CHECK(gapped.refused[0].sequence == 8);
  CHECK(gapped.refused[0].expectedSequence == 6);
  CHECK(gapped.refused[0].id == chain[7].id);
  CHECK(gapped.notApplied == 4);
  CHECK(heldEntries(*store, "till-1").size() == 5);
  CHECK(store->alerts(0, 10).value().empty());  // a gap is reported, not alerted

  const auto filled = ingestOk(*store, "till-1", slice(chain, 5, 20));
  CHECK(filled.applied == 15);
  CHECK(filled.acknowledgedThrough == 20);
  CHECK(heldEntries(*store, "till-1") == chain);
}

TEMPLATE_TEST_CASE("ingest: an id reused with other content is refused and raises one alert", "[hqstore]",
                   HQ_BACKENDS) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  registerOk(*store, "till-1");
  registerOk(*store, "till-2");
  const auto chain = WireChain("till-1", 5).take(10);
  CHECK(ingestOk(*store, "till-1", chain).applied == 10);

  // The same id, sequence and chain position, other payload (re-hashed: a rewritten entry).
  auto forged = chain[4];
  forged.payload += " ";
  WireChain::rehash(forged);
  auto answer = ingestOk(*store, "till-1", {forged});
  REQUIRE(answer.refused.size() == 1);
  CHECK(answer.refused[0].reason == RefusalReason::id_reused_with_other_content);
  CHECK(answer.acknowledgedThrough == 10);
  // Sent again: refused again, still one alert.
  answer = ingestOk(*store, "till-1", {forged});
  CHECK(answer.refused.size() == 1);

  // Another terminal's entry carrying an id HQ already holds.
  auto other = WireChain("till-2", 6).take(2);
  other[1].id = chain[0].id;
  WireChain::rehash(other[1]);
  const auto crossed = ingestOk(*store, "till-2", other);
  CHECK(crossed.applied == 1);
  REQUIRE(crossed.refused.size() == 1);
  CHECK(crossed.refused[0].reason == RefusalReason::id_reused_with_other_content);
  CHECK(crossed.acknowledgedThrough == 1);

  const auto alerts = store->alerts(0, 10).value();
  REQUIRE(alerts.size() == 2);
  CHECK(alerts[0].kind == "id_reused_with_other_content");
  CHECK(alerts[0].terminalId == "till-1");
  CHECK(alerts[0].entryId == chain[4].id);
  CHECK(alerts[0].sequence == 5);
  CHECK(alerts[1].terminalId == "till-2");
  CHECK(store->alerts(alerts[0].id, 10).value().size() == 1);
  CHECK(heldEntries(*store, "till-1") == chain);
}

TEMPLATE_TEST_CASE("ingest: another entry at an applied sequence is refused (a terminal restarted its chain)",
                   "[hqstore]", HQ_BACKENDS) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  registerOk(*store, "till-1");
  const auto chain = WireChain("till-1", 7).take(5);
  CHECK(ingestOk(*store, "till-1", chain).applied == 5);
  const auto restarted = WireChain("till-1", 8).take(3);  // sequences 1..3 again, new ids
  const auto answer = ingestOk(*store, "till-1", restarted);
  CHECK(answer.applied == 0);
  REQUIRE(answer.refused.size() == 3);
  for (const auto& refused : answer.refused) CHECK(refused.reason == RefusalReason::sequence_reused);
  CHECK(store->alerts(0, 10).value().size() == 3);
  CHECK(heldEntries(*store, "till-1") == chain);
}

TEMPLATE_TEST_CASE("ingest: a bad hash is refused and stops the chain at that entry", "[hqstore]", HQ_BACKENDS) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  registerOk(*store, "till-1");
  auto chain = WireChain("till-1", 9).take(10);
  auto batch = chain;
  batch[3].saleRef += "-edited";  // content changed, hash not recomputed
  const auto answer = ingestOk(*store, "till-1", batch);
  CHECK(answer.applied == 3);
  CHECK(answer.acknowledgedThrough == 3);
  REQUIRE(answer.refused.size() == 1);
  CHECK(answer.refused[0].reason == RefusalReason::bad_hash);
  CHECK(answer.refused[0].sequence == 4);
  CHECK(answer.notApplied == 6);
  CHECK(store->alerts(0, 10).value().at(0).kind == "bad_hash");
  // The genuine entries still go in afterwards.
  CHECK(ingestOk(*store, "till-1", chain).applied == 7);
  CHECK(heldEntries(*store, "till-1") == chain);
}

TEMPLATE_TEST_CASE("ingest: an entry that does not link to the previous applied one is refused", "[hqstore]",
                   HQ_BACKENDS) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  registerOk(*store, "till-1");
  const auto chain = WireChain("till-1", 10).take(6);
  CHECK(ingestOk(*store, "till-1", slice(chain, 0, 3)).applied == 3);
  auto relinked = slice(chain, 3, 6);
  relinked[0].prevHash = std::string(64, 'e');  // consistent hash, wrong link
  WireChain::rehash(relinked[0]);
  const auto answer = ingestOk(*store, "till-1", relinked);
  CHECK(answer.applied == 0);
  REQUIRE(answer.refused.size() == 1);
  CHECK(answer.refused[0].reason == RefusalReason::broken_chain);
  CHECK(answer.refused[0].sequence == 4);
  CHECK(answer.notApplied == 2);
  CHECK(answer.acknowledgedThrough == 3);
  // A first entry must link to the genesis hash.
  registerOk(*store, "till-2");
  auto wrongStart = WireChain("till-2", 11).take(1);
  wrongStart[0].prevHash = std::string(64, '1');
  WireChain::rehash(wrongStart[0]);
  CHECK(ingestOk(*store, "till-2", wrongStart).refused.at(0).reason == RefusalReason::broken_chain);
}

TEMPLATE_TEST_CASE("ingest: unknown, disabled and mismatched terminals are refused as a whole", "[hqstore]",
                   HQ_BACKENDS) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  const auto chain = WireChain("till-1", 12).take(3);
  auto unknown = store->ingest("till-1", chain, kNow);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().reason == "unknown_terminal");

  registerOk(*store, "till-1");
  REQUIRE(store->setEnabled("till-1", false).ok());
  auto disabled = store->ingest("till-1", chain, kNow);
  REQUIRE_FALSE(disabled.ok());
  CHECK(disabled.error().reason == "terminal_disabled");
  CHECK(heldEntries(*store, "till-1").empty());

  REQUIRE(store->setEnabled("till-1", true).ok());
  registerOk(*store, "till-2");
  auto mismatch = store->ingest("till-2", chain, kNow);
  REQUIRE_FALSE(mismatch.ok());
  CHECK(mismatch.error().reason == "terminal_mismatch");
  CHECK(ingestOk(*store, "till-1", chain).applied == 3);

  auto malformed = chain;
  malformed[1].kind = "gift";
  WireChain::rehash(malformed[1]);
  auto invalid = store->ingest("till-1", malformed, kNow);
  REQUIRE_FALSE(invalid.ok());
  CHECK(invalid.error().reason == "invalid_entry");
  malformed = chain;
  malformed[2].payload = std::string("nul\0inside", 10);
  WireChain::rehash(malformed[2]);
  CHECK(store->ingest("till-1", malformed, kNow).error().reason == "invalid_entry");

  std::vector<wire::WireEntry> tooMany(wire::kMaxBatchEntries + 1, chain[0]);
  auto large = store->ingest("till-1", tooMany, kNow);
  REQUIRE_FALSE(large.ok());
  CHECK(large.error().reason == "batch_too_large");
}

TEMPLATE_TEST_CASE("ingest: sync lag and the receipt cursor follow what was stored", "[hqstore]", HQ_BACKENDS) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  registerOk(*store, "till-a", "store-1");
  registerOk(*store, "till-b", "store-2");
  const auto a = WireChain("till-a", 13).take(4);
  const auto b = WireChain("till-b", 14).take(3);
  ingestOk(*store, "till-a", slice(a, 0, 2), kNow + 10);
  ingestOk(*store, "till-b", b, kNow + 20);
  ingestOk(*store, "till-a", slice(a, 2, 4), kNow + 30);
  ingestOk(*store, "till-a", {}, kNow + 40);  // an empty batch only asks for the mark

  const auto lag = store->syncLag().value();
  REQUIRE(lag.size() == 2);
  CHECK(lag[0].terminalId == "till-a");
  CHECK(lag[0].storeId == "store-1");
  CHECK(lag[0].acknowledgedThrough == 4);
  CHECK(lag[0].lastContactMs == kNow + 40);
  CHECK(lag[0].newestEntryWallMs == a[3].wallTimeMs);
  CHECK(lag[1].acknowledgedThrough == 3);
  REQUIRE(store->recordContact("till-b", kNow + 50).ok());
  REQUIRE(store->recordContact("till-b", kNow + 45).ok());  // never goes back
  CHECK(store->syncLag().value()[1].lastContactMs == kNow + 50);

  const auto all = store->entriesReceivedAfter(0, 100).value();
  REQUIRE(all.size() == 7);
  std::vector<std::string> order;
  for (const auto& stored : all) order.push_back(stored.entry.id);
  CHECK(order == std::vector<std::string>{a[0].id, a[1].id, b[0].id, b[1].id, b[2].id, a[2].id, a[3].id});
  CHECK(all[2].receivedMs == kNow + 20);
  const auto after = store->entriesReceivedAfter(all[4].receipt, 1).value();
  REQUIRE(after.size() == 1);
  CHECK(after[0].entry == a[2]);
  CHECK(store->entriesAfter("till-a", 2, 10).value().size() == 2);
}
