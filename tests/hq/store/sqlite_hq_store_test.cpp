// What only the SQLite store has: its file (mode 0600, survives a reopen) and its schema
// version (a newer one is refused).
#include <sys/stat.h>

#include <sqlite3.h>

#include "hq_store_backends.h"
#include "hq_store_test_support.h"

using namespace loyalty;
using namespace loyalty::hq;
using namespace loyalty::hq::test;

TEST_CASE("sqlite hq store: the file is private and the data survives a reopen", "[hqstore][sqlite]") {
  SqliteBackend backend;
  const auto chain = loyalty::testing::WireChain("till-1", 1).take(5);
  {
    auto store = backend.open();
    registerOk(*store, "till-1");
    ingestOk(*store, "till-1", chain);
  }
  struct stat info {};
  REQUIRE(::stat((backend.dir / "hq.db").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  auto store = backend.open();
  CHECK(heldEntries(*store, "till-1") == chain);
  CHECK(ingestOk(*store, "till-1", chain).duplicates == 5);
}

TEST_CASE("sqlite hq store: a database from a newer HQ is refused", "[hqstore][sqlite]") {
  SqliteBackend backend;
  { auto store = backend.open(); }
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open((backend.dir / "hq.db").c_str(), &raw) == SQLITE_OK);
  REQUIRE(sqlite3_exec(raw, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(raw);
  auto reopened = SqliteHqStore::open((backend.dir / "hq.db").string());
  REQUIRE_FALSE(reopened.ok());
  CHECK(reopened.error().reason == "schema_too_new");
}

TEST_CASE("sqlite hq store: an unusable path is an error, not a crash", "[hqstore][sqlite]") {
  auto store = SqliteHqStore::open("/nonexistent-dir/hq.db");
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().reason == "store_failed");
}
