#include "store/sqlite_ledger.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "store/ledger_chain.h"
#include "store/ledger_rows.h"
#include "store/ledger_verifier.h"

namespace loyalty::store {
namespace {

const std::string& selectEntries(std::string_view where) {
  // One cached string per call site (the statement cache is keyed by the SQL text).
  thread_local std::unordered_map<std::string_view, std::string> texts;
  auto found = texts.find(where);
  if (found == texts.end()) {
    std::string sql = "SELECT ";
    sql += kEntryColumns;
    sql += ", s.synced_through FROM ledger_entries e, ledger_state s ";
    sql += where;
    found = texts.emplace(where, std::move(sql)).first;
  }
  return found->second;
}

Result<std::vector<LedgerEntry>> collect(Statement& statement) {
  std::vector<LedgerEntry> entries;
  for (;;) {
    auto row = statement.step();
    if (!row) return row.error();
    if (!row.value()) return entries;
    auto entry = readEntryRow(statement, statement.columnInt(12));
    if (!entry) return entry.error();
    entries.push_back(std::move(entry).value());
  }
}

Error invalidEntry(std::string message) {
  return makeError(ErrorCode::invalid_input, "invalid_entry", std::move(message));
}

Result<Done> checkCommit(const CommitRecord& record, const std::vector<NewEntry>& entries) {
  if (record.commitKey.empty() || record.commitKey.size() > kMaxCommitKeyBytes) {
    return invalidEntry("the commit key must have 1 to " + std::to_string(kMaxCommitKeyBytes) + " bytes.");
  }
  if (record.response.size() > kMaxResponseBytes) {
    return invalidEntry("the commit response exceeds " + std::to_string(kMaxResponseBytes) + " bytes.");
  }
  if (entries.size() > kMaxEntriesPerCommit) {
    return invalidEntry("a commit holds at most " + std::to_string(kMaxEntriesPerCommit) + " entries.");
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const NewEntry& entry = entries[i];
    const std::string which = "entry " + std::to_string(i + 1) + ": ";
    if (entry.saleRef.empty() || entry.saleRef.size() > kMaxRefBytes) {
      return invalidEntry(which + "the sale reference must have 1 to " + std::to_string(kMaxRefBytes) + " bytes.");
    }
    if (entry.memberId.size() > kMaxRefBytes || entry.bundleHash.size() > kMaxRefBytes) {
      return invalidEntry(which + "the member id and bundle hash have at most " + std::to_string(kMaxRefBytes) +
                          " bytes.");
    }
    if (entry.payload.size() > kMaxPayloadBytes) {
      return invalidEntry(which + "the payload exceeds " + std::to_string(kMaxPayloadBytes) + " bytes.");
    }
  }
  return Done{};
}

// Every failure of the write transaction means nothing of it reached the disk: the POS must
// not be told "approved". A busy store is said so, as the POS may simply retry.
Error notDurable(const Error& cause) {
  if (cause.reason == "store_busy" || cause.code != ErrorCode::io_error) return cause;
  return makeError(ErrorCode::io_error, "not_durable",
                   "the commit could not be made durable and was not recorded (" + cause.reason + ": " +
                       cause.message + ")");
}

Result<CommitOutcome> storedCommit(SqliteConnection& connection, Statement& found) {
  CommitOutcome outcome;
  outcome.alreadyCommitted = true;
  outcome.response = found.columnText(0);
  const std::int64_t first = found.columnInt(1);
  const std::int64_t last = found.columnInt(2);
  auto range = connection.prepare(selectEntries("WHERE e.sequence BETWEEN ?1 AND ?2 ORDER BY e.sequence"));
  if (!range) return range.error();
  range->bind(1, first).bind(2, last);
  auto entries = collect(range.value());
  if (!entries) return entries.error();
  outcome.entries = std::move(entries).value();
  return outcome;
}

// The last entry's sequence and hash, or the pruning anchor when every entry was pruned.
Result<std::pair<std::int64_t, std::string>> chainHead(SqliteConnection& connection) {
  auto last = connection.prepare("SELECT sequence, hash FROM ledger_entries ORDER BY sequence DESC LIMIT 1");
  if (!last) return last.error();
  auto row = last->step();
  if (!row) return row.error();
  if (row.value()) return std::make_pair(last->columnInt(0), last->columnText(1));
  auto anchor = connection.prepare("SELECT pruned_through, anchor_hash FROM ledger_state WHERE id = 1");
  if (!anchor) return anchor.error();
  auto anchorRow = anchor->step();
  if (!anchorRow) return anchorRow.error();
  if (!anchorRow.value()) {
    return makeError(ErrorCode::io_error, "store_corrupt", "the ledger state row is missing.");
  }
  return std::make_pair(anchor->columnInt(0), anchor->columnText(1));
}

Result<Done> insertEntry(SqliteConnection& connection, const LedgerEntry& entry) {
  auto insert = connection.prepare(
      "INSERT INTO ledger_entries (sequence, id, terminal_id, kind, sale_ref, member_id, wall_time_ms, "
      "monotonic_ns, bundle_hash, payload, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!insert) return insert.error();
  insert->bind(1, entry.sequence)
      .bind(2, entry.id)
      .bind(3, entry.terminalId)
      .bind(4, toString(entry.kind))
      .bind(5, entry.saleRef)
      .bind(6, entry.memberId)
      .bind(7, entry.wallTimeMs)
      .bind(8, entry.monotonicNs)
      .bind(9, entry.bundleHash)
      .bind(10, entry.payload)
      .bind(11, entry.prevHash)
      .bind(12, entry.hash);
  return insert->run();
}

Result<CommitOutcome> appendCommit(SqliteConnection& connection, const std::string& terminalId,
                                   const CommitRecord& record, std::vector<NewEntry>& entries, Timestamps at) {
  auto found = connection.prepare("SELECT response, first_sequence, last_sequence FROM ledger_commits WHERE commit_key = ?1");
  if (!found) return found.error();
  found->bind(1, record.commitKey);
  auto existing = found->step();
  if (!existing) return existing.error();
  if (existing.value()) return storedCommit(connection, found.value());

  auto head = chainHead(connection);
  if (!head) return head.error();
  auto [sequence, prevHash] = std::move(head).value();
  CommitOutcome outcome;
  outcome.response = record.response;
  outcome.entries.reserve(entries.size());
  const std::int64_t first = sequence + 1;
  for (NewEntry& next : entries) {
    LedgerEntry entry;
    entry.id = newEntryId();
    entry.terminalId = terminalId;
    entry.sequence = ++sequence;
    entry.kind = next.kind;
    entry.saleRef = std::move(next.saleRef);
    entry.memberId = std::move(next.memberId);
    entry.wallTimeMs = at.wallMs;
    entry.monotonicNs = at.monotonicNs;
    entry.bundleHash = std::move(next.bundleHash);
    entry.payload = std::move(next.payload);
    entry.prevHash = std::move(prevHash);
    entry.hash = entryHash(entry);
    prevHash = entry.hash;
    if (auto inserted = insertEntry(connection, entry); !inserted) return inserted.error();
    outcome.entries.push_back(std::move(entry));
  }
  auto insert = connection.prepare(
      "INSERT INTO ledger_commits (commit_key, response, first_sequence, last_sequence, wall_time_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert) return insert.error();
  insert->bind(1, record.commitKey).bind(2, record.response).bind(3, first).bind(4, sequence).bind(5, at.wallMs);
  if (auto inserted = insert->run(); !inserted) return inserted.error();
  return outcome;
}

}  // namespace

Result<CommitOutcome> SqliteLedger::commit(const CommitRecord& record, std::vector<NewEntry> entries,
                                           Timestamps at) {
  if (!database_.terminalId()) {
    return makeError(ErrorCode::rejected, "no_terminal_id",
                     "the store database has no terminal id; open it with one before committing.");
  }
  if (auto checked = checkCommit(record, entries); !checked) return checked.error();
  const std::string& terminalId = *database_.terminalId();
  auto outcome = database_.write(Durability::full, [&](SqliteConnection& connection) {
    return appendCommit(connection, terminalId, record, entries, at);
  });
  if (!outcome) return notDurable(outcome.error());
  return outcome;
}

Result<std::optional<CommitOutcome>> SqliteLedger::findCommit(const std::string& commitKey) const {
  auto reader = database_.reader();
  if (!reader) return reader.error();
  SqliteConnection& connection = *reader.value();
  if (auto begun = connection.exec("BEGIN"); !begun) return begun.error();  // record and entries together
  auto found = connection.prepare("SELECT response, first_sequence, last_sequence FROM ledger_commits WHERE commit_key = ?1");
  if (!found) return found.error();
  found->bind(1, commitKey);
  auto row = found->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<CommitOutcome>();
  auto outcome = storedCommit(connection, found.value());
  if (!outcome) return outcome.error();
  return std::optional<CommitOutcome>(std::move(outcome).value());
}

Result<std::vector<LedgerEntry>> SqliteLedger::entriesAfter(std::int64_t afterSequence, std::size_t limit) const {
  auto reader = database_.reader();
  if (!reader) return reader.error();
  auto query = reader.value()->prepare(selectEntries("WHERE e.sequence > ?1 ORDER BY e.sequence LIMIT ?2"));
  if (!query) return query.error();
  const auto bounded = static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX));
  query->bind(1, afterSequence).bind(2, bounded);
  return collect(query.value());
}

Result<std::vector<LedgerEntry>> SqliteLedger::entriesForMember(const std::string& memberId,
                                                                std::int64_t afterSequence) const {
  auto reader = database_.reader();
  if (!reader) return reader.error();
  auto query = reader.value()->prepare(
      selectEntries("WHERE e.member_id = ?1 AND e.sequence > ?2 ORDER BY e.sequence"));
  if (!query) return query.error();
  query->bind(1, memberId).bind(2, afterSequence);
  return collect(query.value());
}

Result<std::vector<LedgerEntry>> SqliteLedger::entriesForSale(const std::string& saleRef) const {
  auto reader = database_.reader();
  if (!reader) return reader.error();
  auto query = reader.value()->prepare(selectEntries("WHERE e.sale_ref = ?1 ORDER BY e.sequence"));
  if (!query) return query.error();
  query->bind(1, saleRef);
  return collect(query.value());
}

Result<LedgerStats> SqliteLedger::stats() const {
  auto reader = database_.reader();
  if (!reader) return reader.error();
  auto query = reader.value()->prepare(
      "SELECT s.synced_through, s.pruned_through, (SELECT max(sequence) FROM ledger_entries), "
      "(SELECT wall_time_ms FROM ledger_entries WHERE sequence > s.synced_through ORDER BY sequence LIMIT 1) "
      "FROM ledger_state s WHERE s.id = 1");
  if (!query) return query.error();
  auto row = query->step();
  if (!row) return row.error();
  if (!row.value()) return makeError(ErrorCode::io_error, "store_corrupt", "the ledger state row is missing.");
  LedgerStats stats;
  stats.syncedThrough = query->columnInt(0);
  stats.prunedThrough = query->columnInt(1);
  stats.lastSequence = query->columnIsNull(2) ? stats.prunedThrough : query->columnInt(2);
  stats.unsyncedCount = std::max<std::int64_t>(0, stats.lastSequence - stats.syncedThrough);
  if (!query->columnIsNull(3)) stats.oldestUnsyncedWallMs = query->columnInt(3);
  return stats;
}

Result<Done> SqliteLedger::markSyncedThrough(std::int64_t sequence) {
  if (sequence < 0) return invalidEntry("a synced-through sequence cannot be negative.");
  return database_.write(Durability::full, [&](SqliteConnection& connection) -> Result<Done> {
    auto head = chainHead(connection);
    if (!head) return head.error();
    if (sequence > head->first) {
      return makeError(ErrorCode::unknown_reference, "unknown_sequence",
                       "HQ acknowledged sequence " + std::to_string(sequence) + " but the ledger ends at " +
                           std::to_string(head->first) + ".");
    }
    auto update = connection.prepare("UPDATE ledger_state SET synced_through = ?1 WHERE id = 1 AND synced_through < ?1");
    if (!update) return update.error();
    return update->bind(1, sequence).run();
  });
}

Result<VerifyReport> SqliteLedger::verify() const {
  auto reader = database_.reader();
  if (!reader) return reader.error();
  return verifyLedger(*reader.value());
}

}  // namespace loyalty::store
