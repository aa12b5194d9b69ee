// `loyaltyctl ledger verify` through the real binary, on ledgers written by the store:
// intact (exit 0), tampered with by raw SQL (exit 1, the broken entry named), bad files (exit 2).
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <cstdio>

#include "process_runner.h"
#include "store/schema_migrations.h"
#include "store/sqlite_ledger.h"
#include "store/store_database.h"

using namespace loyalty;
using namespace loyalty::ctl::test;

namespace {

std::string ledgerWith(const std::string& name, int commits) {
  const std::string path = writeTempFile(name, "");
  std::remove(path.c_str());
  store::StoreOptions options;
  options.path = path;
  options.terminalId = "till-4";
  auto database = store::StoreDatabase::open(options);
  REQUIRE(database.ok());
  store::SqliteLedger ledger(*database.value());
  for (int i = 1; i <= commits; ++i) {
    const std::string sale = "sale-" + std::to_string(i);
    REQUIRE(ledger
                .commit({"sale:" + sale, "ok"},
                        {store::NewEntry{store::EntryKind::accrual, sale, "m-1", std::string(64, 'b'), "{\"earned\":5}"}},
                        {i * 1000, i})
                .ok());
  }
  if (commits > 2) REQUIRE(ledger.markSyncedThrough(2).ok());
  return path;
}

void rawSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace

TEST_CASE("cli ledger verify: an intact ledger exits 0 with a summary", "[cli][ledger]") {
  const std::string path = ledgerWith("intact.db", 6);
  auto run = runCtl({"ledger", "verify", "--db", path});
  INFO(run.err);
  CHECK(run.exitCode == 0);
  CHECK(run.err.empty());
  CHECK(run.out ==
        "ok: ledger of terminal till-4: entries 1 to 6 verified (6), sequence gapless, hash chain intact\n"
        "  synced through 2 (4 unsynced), pruned through 0\n");
  auto empty = runCtl({"ledger", "verify", "--db", ledgerWith("empty.db", 0)});
  CHECK(empty.exitCode == 0);
  CHECK(empty.out.rfind("ok: ledger of terminal till-4 holds no entries", 0) == 0);
}

TEST_CASE("cli ledger verify: a tampered ledger exits 1 and names the entry", "[cli][ledger]") {
  const std::string edited = ledgerWith("edited.db", 6);
  rawSql(edited, "UPDATE ledger_entries SET payload = '{\"earned\":500}' WHERE sequence = 3");
  auto run = runCtl({"ledger", "verify", "--db", edited});
  CHECK(run.exitCode == 1);
  CHECK(run.signal == 0);
  CHECK(run.out.rfind("FAILED: ledger of terminal till-4: entry 3: hash_mismatch: ", 0) == 0);
  CHECK(run.out.find("2 entries before it verified") != std::string::npos);

  const std::string gap = ledgerWith("gap.db", 6);
  rawSql(gap, "DELETE FROM ledger_entries WHERE sequence = 4");
  auto gapRun = runCtl({"ledger", "verify", "--db", gap});
  CHECK(gapRun.exitCode == 1);
  CHECK(gapRun.out.rfind("FAILED: ledger of terminal till-4: entry 4: gap: ", 0) == 0);
}

TEST_CASE("cli ledger verify: missing, foreign and newer files exit 2", "[cli][ledger][bad_input]") {
  auto missing = runCtl({"ledger", "verify", "--db", "/nonexistent/terminal.db"});
  CHECK(missing.exitCode == 2);
  CHECK(missing.err.rfind("error: file_not_found: ", 0) == 0);
  auto notSqlite = runCtl({"ledger", "verify", "--db", writeTempFile("text.db", std::string(5000, 'x'))});
  CHECK(notSqlite.exitCode == 2);
  CHECK(notSqlite.err.rfind("error: store_corrupt: ", 0) == 0);
  const std::string newer = ledgerWith("newer.db", 1);
  rawSql(newer, "PRAGMA user_version = " + std::to_string(store::kSchemaVersion + 1));
  auto tooNew = runCtl({"ledger", "verify", "--db", newer});
  CHECK(tooNew.exitCode == 2);
  CHECK(tooNew.err.rfind("error: schema_too_new: ", 0) == 0);
  auto usage = runCtl({"ledger", "verify"});
  CHECK(usage.exitCode == 2);
  CHECK(usage.err.rfind("error: usage: ", 0) == 0);
}
