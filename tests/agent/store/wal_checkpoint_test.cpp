// Checkpoints happen on the store's own thread, never inside a commit: a commit never syncs
// the database file (only a checkpoint does), waits for one WAL fsync however large the WAL
// has grown (two when it starts the WAL over), and the WAL still gets checkpointed.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include "fault_vfs.h"
#include "store/sqlite_ledger.h"
#include "store_test_support.h"

using namespace loyalty::store;
using namespace loyalty::store::test;

namespace {

std::vector<NewEntry> saleEntries(const std::string& sale) {
  return {NewEntry{EntryKind::redemption, sale, "m-1", std::string(64, 'b'), std::string(3000, 'r')},
          NewEntry{EntryKind::accrual, sale, "m-1", std::string(64, 'b'), std::string(3000, 'a')}};
}

struct CommitSyncs {
  int mostWalSyncs = 0;    // the most WAL syncs one commit waited for
  int databaseSyncs = 0;   // syncs of the database file on the committing thread: checkpoints
};

CommitSyncs commitSyncs(FaultVfs& vfs, SqliteLedger& ledger, const std::string& prefix, int commits) {
  CommitSyncs out;
  const int databaseBefore = vfs.databaseSyncsOnThisThread();
  for (int i = 0; i < commits; ++i) {
    const int before = vfs.syncsOnThisThread() - vfs.databaseSyncsOnThisThread();
    const auto committed = ledger.commit({prefix + std::to_string(i), "ok"}, saleEntries(prefix), {i, i});
    REQUIRE(committed.ok());
    out.mostWalSyncs = std::max(out.mostWalSyncs, vfs.syncsOnThisThread() - vfs.databaseSyncsOnThisThread() - before);
  }
  out.databaseSyncs = vfs.databaseSyncsOnThisThread() - databaseBefore;
  return out;
}

}  // namespace

TEST_CASE("checkpoints: a commit never runs one, the store's own thread does", "[store][ledger][checkpoint]") {
  FaultVfs vfs("fault-checkpoint");
  ScratchDir dir;
  const std::string path = dir.file("checkpoint.db");
  StoreOptions options;
  options.vfs = vfs.name();
  options.checkpointPages = 20;  // about every 5 commits of this size
  auto database = openStore(path, "till-1", options);
  SqliteLedger ledger(*database);
  const auto sizeBefore = std::filesystem::file_size(path);

  const CommitSyncs syncs = commitSyncs(vfs, ledger, "sale:", 120);
  CHECK(syncs.databaseSyncs == 0);  // no checkpoint ran in a commit
  // One WAL sync per commit; the commit that starts the WAL over after the checkpointer
  // copied it all also syncs the new WAL header (how often depends on timing).
  CHECK(syncs.mostWalSyncs >= 1);
  CHECK(syncs.mostWalSyncs <= 2);
  // The checkpointer runs meanwhile; wait for it (bounded) rather than for a time.
  // 120 commits of about 4 pages: some hundreds of frames to copy.
  for (int waited = 0; database->backgroundCheckpointedFrames() < 100 && waited < 400; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(database->backgroundCheckpointedFrames() >= 100);
  CHECK(std::filesystem::file_size(path) > sizeBefore + 100 * 4096);  // the pages reached the file
  auto report = ledger.verify();
  REQUIRE(report.ok());
  CHECK(report->ok);
  CHECK(ledger.entriesAfter(0, 1000).value().size() == 240);
  database.reset();
  RawDatabase raw(path);
  CHECK(raw.queryInt("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") == 1);
  CHECK(raw.queryInt("SELECT count(*) FROM ledger_entries") == 240);
}

TEST_CASE("checkpoints: without the background thread, the commit crossing the threshold pays for one",
          "[store][ledger][checkpoint]") {
  // Why the thread exists: SQLite's automatic checkpoint (1000 pages) runs in the commit.
  FaultVfs vfs("fault-inline-checkpoint");
  ScratchDir dir;
  StoreOptions options;
  options.vfs = vfs.name();
  options.checkpointPages = 0;
  auto database = openStore(dir.file("inline.db"), "till-1", options);
  SqliteLedger ledger(*database);
  CHECK(commitSyncs(vfs, ledger, "sale:", 320).databaseSyncs > 0);
  CHECK(database->backgroundCheckpointedFrames() == 0);
}
