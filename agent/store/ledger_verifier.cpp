#include "store/ledger_verifier.h"

#include <algorithm>
#include <string>

#include "store/ledger_chain.h"
#include "store/ledger_rows.h"

namespace loyalty::store {
namespace {

VerifyReport broken(VerifyReport report, std::int64_t sequence, VerifyProblem problem, std::string message) {
  report.ok = false;
  report.brokenSequence = sequence;
  report.problem = problem;
  report.message = std::move(message);
  return report;
}

struct ChainStart {
  std::int64_t prunedThrough = 0;
  std::int64_t syncedThrough = 0;
  std::string anchorHash;
  std::string terminalId;
};

Result<ChainStart> readStart(SqliteConnection& connection) {
  auto state = connection.prepare(
      "SELECT s.pruned_through, s.synced_through, s.anchor_hash, "
      "(SELECT terminal_id FROM terminal WHERE id = 1) FROM ledger_state s WHERE s.id = 1");
  if (!state) return state.error();
  auto row = state->step();
  if (!row) return row.error();
  if (!row.value()) return makeError(ErrorCode::io_error, "store_corrupt", "the ledger state row is missing.");
  return ChainStart{state->columnInt(0), state->columnInt(1), state->columnText(2), state->columnText(3)};
}

// Checks one entry against the chain so far; the problem, if any.
std::optional<std::pair<VerifyProblem, std::string>> checkEntry(const Statement& row, std::int64_t expected,
                                                                const std::string& prevHash,
                                                                const std::string& terminalId) {
  const std::int64_t sequence = row.columnInt(0);
  if (sequence != expected) {
    return std::make_pair(VerifyProblem::gap, "entry " + std::to_string(expected) + " is missing (the next one held is " +
                                                  std::to_string(sequence) + ").");
  }
  auto entry = readEntryRow(row, 0);
  if (!entry) return std::make_pair(VerifyProblem::bad_field, entry.error().message);
  if (!terminalId.empty() && entry->terminalId != terminalId) {
    return std::make_pair(VerifyProblem::terminal_mismatch,
                          "entry " + std::to_string(sequence) + " names terminal \"" + entry->terminalId +
                              "\", but the ledger belongs to \"" + terminalId + "\".");
  }
  if (entry->prevHash != prevHash) {
    return std::make_pair(VerifyProblem::prev_mismatch,
                          "entry " + std::to_string(sequence) + " names previous hash " + entry->prevHash +
                              ", but the entry before it hashes to " + prevHash + ".");
  }
  const std::string recomputed = entryHash(entry.value());
  if (recomputed != entry->hash) {
    return std::make_pair(VerifyProblem::hash_mismatch,
                          "entry " + std::to_string(sequence) + " was altered: its content hashes to " + recomputed +
                              ", but it records " + entry->hash + ".");
  }
  return std::nullopt;
}

Result<std::int64_t> highestCommitted(SqliteConnection& connection) {
  return connection.queryInt("SELECT coalesce(max(last_sequence), 0) FROM ledger_commits");
}

}  // namespace

Result<VerifyReport> verifyLedger(SqliteConnection& connection) {
  if (auto begun = connection.exec("BEGIN"); !begun) return begun.error();
  auto start = readStart(connection);
  if (!start) return start.error();
  VerifyReport report;
  std::int64_t expected = start->prunedThrough + 1;
  std::string prevHash = start->anchorHash;
  auto entries = connection.prepare(std::string("SELECT ") + std::string(kEntryColumns) +
                                    " FROM ledger_entries e ORDER BY e.sequence");
  if (!entries) return entries.error();
  for (;;) {
    auto row = entries->step();
    if (!row) return row.error();
    if (!row.value()) break;
    if (report.checked == 0) report.firstSequence = expected;
    if (auto problem = checkEntry(entries.value(), expected, prevHash, start->terminalId)) {
      return broken(report, expected, problem->first, std::move(problem->second));
    }
    prevHash = entries->columnText(11);
    report.lastSequence = expected;
    ++report.checked;
    ++expected;
  }
  const std::int64_t last = expected - 1;
  auto committed = highestCommitted(connection);
  if (!committed) return committed.error();
  if (committed.value() > last || start->syncedThrough > last) {
    const std::int64_t claimed = std::max(committed.value(), start->syncedThrough);
    return broken(report, last + 1, VerifyProblem::missing_tail,
                  "entries " + std::to_string(last + 1) + " to " + std::to_string(claimed) +
                      " were committed but are missing from the ledger.");
  }
  report.lastSequence = last;
  return report;
}

}  // namespace loyalty::store
