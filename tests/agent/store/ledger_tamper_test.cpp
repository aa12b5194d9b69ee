// Tampering with the ledger by raw SQL (as someone with the file and a sqlite3 shell
// could) is caught by verify(), which names the first broken sequence and why.
#include <catch2/catch.hpp>

#include "store/ledger_chain.h"
#include "store/sqlite_ledger.h"
#include "store_test_support.h"

using namespace loyalty;
using namespace loyalty::store;
using namespace loyalty::store::test;

namespace {

// Ten entries in five commits; returns the database path.
void fill(Ledger& ledger) {
  for (int i = 1; i <= 5; ++i) {
    const std::string sale = "sale-" + std::to_string(i);
    REQUIRE(ledger
                .commit({"sale:" + std::to_string(i), "ok"},
                        {NewEntry{EntryKind::redemption, sale, "m-1", std::string(64, 'b'), R"({"burn":100})"},
                         NewEntry{EntryKind::accrual, sale, "m-1", std::string(64, 'b'), R"({"earned":25})"}},
                        {i * 1000, i})
                .ok());
  }
}

VerifyReport verifyAfter(const std::string& sql) {
  ScratchDir dir;
  const std::string path = dir.file("ledger.db");
  auto database = openStore(path);
  SqliteLedger ledger(*database);
  fill(ledger);
  REQUIRE(ledger.verify().value().ok);
  RawDatabase raw(path);
  raw.exec(sql);
  auto report = ledger.verify();
  REQUIRE(report.ok());
  return report.value();
}

}  // namespace

TEST_CASE("ledger tampering: an edited payload or amount breaks that entry's hash", "[store][ledger][tamper]") {
  auto report = verifyAfter(R"(UPDATE ledger_entries SET payload = '{"earned":2500}' WHERE sequence = 4)");
  CHECK_FALSE(report.ok);
  CHECK(report.brokenSequence == 4);
  CHECK(report.problem == VerifyProblem::hash_mismatch);
  CHECK(report.checked == 3);
  CHECK(report.message.find("entry 4") != std::string::npos);

  report = verifyAfter("UPDATE ledger_entries SET member_id = 'm-2' WHERE sequence = 9");
  CHECK(report.brokenSequence == 9);
  CHECK(report.problem == VerifyProblem::hash_mismatch);

  report = verifyAfter("UPDATE ledger_entries SET wall_time_ms = wall_time_ms + 1 WHERE sequence = 1");
  CHECK(report.brokenSequence == 1);
  CHECK(report.problem == VerifyProblem::hash_mismatch);
}

TEST_CASE("ledger tampering: a replaced hash or a re-hashed entry breaks the chain", "[store][ledger][tamper]") {
  auto report = verifyAfter("UPDATE ledger_entries SET hash = '" + std::string(64, 'f') + "' WHERE sequence = 6");
  CHECK(report.brokenSequence == 6);
  CHECK(report.problem == VerifyProblem::hash_mismatch);

  // Edit entry 3 and store the hash of its new content: entry 4 still names the old hash.
  ScratchDir dir;
  const std::string path = dir.file("ledger.db");
  auto database = openStore(path);
  SqliteLedger ledger(*database);
  fill(ledger);
  auto third = ledger.entriesAfter(2, 1).value().front();
  third.payload = R"({"burn":1})";
  RawDatabase raw(path);
  raw.exec("UPDATE ledger_entries SET payload = '" + third.payload + "', hash = '" + entryHash(third) +
           "' WHERE sequence = 3");
  auto rehashed = ledger.verify().value();
  CHECK(rehashed.brokenSequence == 4);
  CHECK(rehashed.problem == VerifyProblem::prev_mismatch);

  report = verifyAfter("UPDATE ledger_entries SET prev_hash = '" + std::string(64, '0') + "' WHERE sequence = 2");
  CHECK(report.brokenSequence == 2);
  CHECK(report.problem == VerifyProblem::prev_mismatch);
}

TEST_CASE("ledger tampering: deleted and reordered entries are found", "[store][ledger][tamper]") {
  auto report = verifyAfter("DELETE FROM ledger_entries WHERE sequence = 5");
  CHECK(report.brokenSequence == 5);
  CHECK(report.problem == VerifyProblem::gap);

  report = verifyAfter("DELETE FROM ledger_entries WHERE sequence >= 9");
  CHECK(report.brokenSequence == 9);
  CHECK(report.problem == VerifyProblem::missing_tail);

  report = verifyAfter("DELETE FROM ledger_entries WHERE sequence = 1");
  CHECK(report.brokenSequence == 1);
  CHECK(report.problem == VerifyProblem::gap);

  // Swap the contents of entries 2 and 3 (keeping their sequence numbers).
  report = verifyAfter(
      "UPDATE ledger_entries SET sequence = -2 WHERE sequence = 2;"
      "UPDATE ledger_entries SET sequence = 2 WHERE sequence = 3;"
      "UPDATE ledger_entries SET sequence = 3 WHERE sequence = -2;");
  CHECK(report.brokenSequence == 2);
  CHECK(report.problem == VerifyProblem::prev_mismatch);

  // Faking the pruning anchor to hide deleted entries still fails: the anchor is not theirs.
  report = verifyAfter(
      "DELETE FROM ledger_entries WHERE sequence <= 4;"
      "UPDATE ledger_state SET pruned_through = 4, synced_through = 4;");
  CHECK(report.brokenSequence == 5);
  CHECK(report.problem == VerifyProblem::prev_mismatch);
}

TEST_CASE("ledger tampering: another terminal's id or an unknown kind is found", "[store][ledger][tamper]") {
  auto report = verifyAfter("UPDATE ledger_entries SET terminal_id = 'till-2' WHERE sequence = 7");
  CHECK(report.brokenSequence == 7);
  CHECK(report.problem == VerifyProblem::terminal_mismatch);

  report = verifyAfter("UPDATE ledger_entries SET kind = 'gift' WHERE sequence = 8");
  CHECK(report.brokenSequence == 8);
  CHECK(report.problem == VerifyProblem::bad_field);
}
