// Exactly once, end to end: a terminal's SQLite ledger uploaded into HQ's SQLite archive
// through an HqClient that fails before HQ applies, loses HQ's answer after it applied,
// and sends batches twice, at random. At the end HQ holds every entry once, with the
// terminal's ids and hashes, and the terminal has marked exactly those synced.
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "hq/store/hq_store.h"
#include "hq/store/sqlite_hq_store.h"
#include "store/sqlite_ledger.h"
#include "store/store_database.h"
#include "upload/ledger_uploader.h"

using namespace loyalty;

namespace {

constexpr std::int64_t kNow = 1'790'000'000'000;

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "upload-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

// HQ in process, reached through a "network" that fails when told to.
class FlakyHq final : public upload::HqClient {
 public:
  explicit FlakyHq(hq::LedgerArchive& archive) : archive_(archive) {}
  int failBeforePercent = 0;  // the request never reaches HQ
  int loseAnswerPercent = 0;  // HQ applied it, the answer is lost
  int sendTwicePercent = 0;   // a proxy repeats the request
  std::mt19937_64 random{42};
  int calls = 0;

  Result<wire::BatchAnswer> uploadBatch(const wire::LedgerBatch& batch) override {
    ++calls;
    if (roll(failBeforePercent)) return makeError(ErrorCode::io_error, "connect_timeout", "no route (test)");
    if (roll(sendTwicePercent)) (void)archive_.ingest(batch.terminalId, batch.entries, kNow);
    auto answer = archive_.ingest(batch.terminalId, batch.entries, kNow);
    if (roll(loseAnswerPercent)) return makeError(ErrorCode::io_error, "connection_reset", "answer lost (test)");
    return answer;
  }

 private:
  bool roll(int percent) { return std::uniform_int_distribution<int>(1, 100)(random) <= percent; }
  hq::LedgerArchive& archive_;
};

std::unique_ptr<store::StoreDatabase> openTerminal(const std::filesystem::path& dir) {
  store::StoreOptions options;
  options.path = (dir / "till.db").string();
  options.terminalId = "till-1";
  auto opened = store::StoreDatabase::open(options);
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

void commitSale(store::Ledger& ledger, int sale, std::mt19937_64& random) {
  std::vector<store::NewEntry> entries;
  const int count = 1 + static_cast<int>(random() % 2);
  for (int i = 0; i < count; ++i) {
    entries.push_back(store::NewEntry{i == 0 ? store::EntryKind::accrual : store::EntryKind::redemption,
                                      "sale-" + std::to_string(sale), "m-" + std::to_string(random() % 50),
                                      std::string(64, 'b'), std::string(20 + random() % 400, 'p')});
  }
  auto done = ledger.commit(store::CommitRecord{"sale:" + std::to_string(sale), "{}"}, std::move(entries),
                            store::Timestamps{kNow + sale, sale * 1000});
  REQUIRE(done.ok());
}

}  // namespace

TEST_CASE("uploader: lost requests, lost answers and repeated batches end with every entry at HQ once",
          "[sync][upload]") {
  TempDir dir;
  auto terminal = openTerminal(dir.path);
  store::SqliteLedger ledger(*terminal);
  auto archive = hq::SqliteHqStore::open((dir.path / "hq.db").string());
  REQUIRE(archive.ok());
  REQUIRE(archive.value()->registerTerminal("till-1", "berlin-01", kNow).ok());
  FlakyHq hq(*archive.value());
  hq.failBeforePercent = 20;
  hq.loseAnswerPercent = 20;
  hq.sendTwicePercent = 15;
  upload::UploadPolicy policy;
  policy.maxEntries = 7;  // many batches
  upload::LedgerUploader uploader(ledger, hq, "till-1", policy);

  std::mt19937_64 random(2026);
  int sales = 0;
  int failures = 0;
  for (int round = 0; round < 400; ++round) {
    for (int n = static_cast<int>(random() % 4); n > 0; --n) commitSale(ledger, ++sales, random);
    auto done = uploader.uploadOnce();
    if (!done) {
      ++failures;
      CHECK((done.error().reason == "connect_timeout" || done.error().reason == "connection_reset"));
      continue;
    }
    CHECK(done->refused == 0);
    // Never marked past what HQ holds.
    CHECK(ledger.stats().value().syncedThrough <= archive.value()->acknowledgedThrough("till-1").value());
  }
  hq.failBeforePercent = hq.loseAnswerPercent = hq.sendTwicePercent = 0;
  for (int i = 0; i < 1000; ++i) {
    auto done = uploader.uploadOnce();
    REQUIRE(done.ok());
    if (done->caughtUp) break;
  }
  const auto stats = ledger.stats().value();
  CHECK(failures > 50);
  CHECK(stats.syncedThrough == stats.lastSequence);
  CHECK(archive.value()->acknowledgedThrough("till-1").value() == stats.lastSequence);
  const auto local = ledger.entriesAfter(0, 1'000'000).value();
  const auto held = archive.value()->entriesAfter("till-1", 0, 1'000'000).value();
  REQUIRE(held.size() == local.size());  // lost 0, duplicates 0, unexpected 0
  for (std::size_t i = 0; i < local.size(); ++i) {
    CHECK(held[i].entry == upload::toWire(local[i]));
  }
}

TEST_CASE("uploader: an HQ that acknowledges entries this terminal never wrote marks nothing", "[sync][upload]") {
  TempDir dir;
  auto terminal = openTerminal(dir.path);
  store::SqliteLedger ledger(*terminal);
  std::mt19937_64 random(3);
  for (int sale = 1; sale <= 3; ++sale) commitSale(ledger, sale, random);
  struct Boastful final : upload::HqClient {
    Result<wire::BatchAnswer> uploadBatch(const wire::LedgerBatch& batch) override {
      wire::BatchAnswer answer;
      answer.terminalId = batch.terminalId;
      answer.acknowledgedThrough = 1'000;
      return answer;
    }
  } hq;
  upload::LedgerUploader uploader(ledger, hq, "till-1");
  auto done = uploader.uploadOnce();
  REQUIRE_FALSE(done.ok());
  CHECK(done.error().reason == "hq_ahead");
  CHECK(ledger.stats().value().syncedThrough == 0);
}

TEST_CASE("uploader: nothing to send is a caught-up round that asks HQ nothing", "[sync][upload]") {
  TempDir dir;
  auto terminal = openTerminal(dir.path);
  store::SqliteLedger ledger(*terminal);
  struct Unreachable final : upload::HqClient {
    int calls = 0;
    Result<wire::BatchAnswer> uploadBatch(const wire::LedgerBatch&) override {
      ++calls;
      return makeError(ErrorCode::io_error, "connect_timeout", "unreachable (test)");
    }
  } hq;
  upload::LedgerUploader uploader(ledger, hq, "till-1");
  auto done = uploader.uploadOnce();
  REQUIRE(done.ok());
  CHECK(done->caughtUp);
  CHECK(done->sent == 0);
  CHECK(hq.calls == 0);
}

TEST_CASE("uploader: backoff doubles to its cap, jittered within the upper half", "[sync][upload]") {
  upload::UploadPolicy policy;
  policy.firstBackoff = std::chrono::milliseconds(1'000);
  policy.maxBackoff = std::chrono::milliseconds(60'000);
  std::mt19937_64 random(9);
  for (int failures = 1; failures <= 12; ++failures) {
    const std::int64_t cap = std::min<std::int64_t>(1'000LL << (failures - 1), 60'000);
    for (int i = 0; i < 50; ++i) {
      const auto wait = upload::LedgerUploader::backoff(failures, policy, random).count();
      CHECK(wait >= cap / 2);
      CHECK(wait <= cap);
    }
  }
}
