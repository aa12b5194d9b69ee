// Seeded properties of ingest on both backends: whatever split, repetition and order a
// chain of 500 entries arrives in, HQ holds each entry exactly once and its mark is the
// longest gapless prefix it received; two connections ingesting one terminal at once
// still apply every entry once.
#include <algorithm>
#include <random>
#include <set>
#include <thread>

#include "hq_store_backends.h"
#include "hq_store_test_support.h"

using namespace loyalty;
using namespace loyalty::hq;
using namespace loyalty::hq::test;
using loyalty::testing::WireChain;

namespace {

// Random batches drawn from the chain: pieces of it, with repeats, shuffled, some entries
// held back; each batch respects the cap.
std::vector<std::vector<wire::WireEntry>> randomDeliveries(const std::vector<wire::WireEntry>& chain,
                                                           std::mt19937_64& random) {
  std::vector<std::vector<wire::WireEntry>> batches;
  const std::size_t count = 3 + random() % 12;
  for (std::size_t b = 0; b < count; ++b) {
    std::vector<wire::WireEntry> batch;
    const std::size_t from = random() % chain.size();
    const std::size_t length = 1 + random() % 120;
    for (std::size_t i = from; i < std::min(chain.size(), from + length); ++i) {
      if (random() % 10 == 0) continue;                   // lost on the way
      batch.push_back(chain[i]);
      if (random() % 8 == 0) batch.push_back(chain[i]);   // repeated
    }
    std::shuffle(batch.begin(), batch.end(), random);
    if (batch.size() > wire::kMaxBatchEntries) batch.resize(wire::kMaxBatchEntries);
    batches.push_back(std::move(batch));
  }
  return batches;
}

}  // namespace

TEMPLATE_TEST_CASE("ingest property: any split, repeat and order holds each entry once up to the gapless prefix",
                   "[hqstore][property]", SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const std::string terminal = "till-p" + std::to_string(seed);
    registerOk(*store, terminal);
    const auto chain = WireChain(terminal, seed).take(500);
    std::mt19937_64 random(seed * 7919);
    std::int64_t prefix = 0;  // the model: HQ keeps nothing past a gap, so a batch extends
    std::int64_t applied = 0;  // the prefix by the run of sequences it holds from prefix + 1
    for (const auto& batch : randomDeliveries(chain, random)) {
      const auto answer = ingestOk(*store, terminal, batch);
      applied += answer.applied;
      std::set<std::int64_t> sequences;
      for (const auto& e : batch) sequences.insert(e.sequence);
      const std::int64_t before = prefix;
      while (sequences.count(prefix + 1) != 0) ++prefix;
      INFO("seed " << seed);
      REQUIRE(answer.acknowledgedThrough == prefix);
      REQUIRE(answer.applied == prefix - before);
      for (const auto& refused : answer.refused) CHECK(refused.reason == wire::RefusalReason::sequence_gap);
    }
    const auto held = heldEntries(*store, terminal);
    REQUIRE(static_cast<std::int64_t>(held.size()) == applied);
    REQUIRE(held == slice(chain, 0, held.size()));  // each once, in order, unchanged
    // The rest, resent in full, completes the chain.
    for (std::size_t from = 0; from < chain.size(); from += wire::kMaxBatchEntries) {
      ingestOk(*store, terminal, slice(chain, from, std::min(chain.size(), from + wire::kMaxBatchEntries)));
    }
    REQUIRE(heldEntries(*store, terminal) == chain);
    REQUIRE(store->acknowledgedThrough(terminal).value() == 500);
  }
  CHECK(store->alerts(0, 10).value().empty());
}

TEMPLATE_TEST_CASE("ingest: two connections ingesting one terminal at once apply every entry once", "[hqstore]",
                   SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto first = backend.open();
  auto second = backend.open();  // its own connection to the same database
  registerOk(*first, "till-c");
  const auto chain = WireChain("till-c", 99).take(600);
  // Both senders push overlapping batches of the whole chain, in different cuts, as two
  // agent processes (or a retry racing the original) would.
  auto sender = [&chain](HqStore& store, std::size_t step, std::int64_t& applied, std::string& failure) {
    for (int round = 0; round < 3; ++round) {
      for (std::size_t from = 0; from < chain.size(); from += step) {
        const std::vector<wire::WireEntry> batch(chain.begin() + static_cast<std::ptrdiff_t>(from),
                                                 chain.begin() + static_cast<std::ptrdiff_t>(std::min(chain.size(), from + step)));
        auto answer = store.ingest("till-c", batch, kNow);
        if (!answer) {
          failure = answer.error().reason + ": " + answer.error().message;
          return;
        }
        applied += answer->applied;
      }
    }
  };
  std::int64_t appliedA = 0;
  std::int64_t appliedB = 0;
  std::string failureA;
  std::string failureB;
  std::thread a([&] { sender(*first, 37, appliedA, failureA); });
  std::thread b([&] { sender(*second, 53, appliedB, failureB); });
  a.join();
  b.join();
  INFO(failureA << failureB);
  REQUIRE(failureA.empty());
  REQUIRE(failureB.empty());
  CHECK(appliedA + appliedB == 600);
  CHECK(heldEntries(*first, "till-c") == chain);
  CHECK(first->acknowledgedThrough("till-c").value() == 600);
  CHECK(first->alerts(0, 10).value().empty());
}
