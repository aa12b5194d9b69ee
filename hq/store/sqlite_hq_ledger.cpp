// SqliteHqStore's ledger of record: the exactly-once ingest (one BEGIN IMMEDIATE
// transaction per batch, so concurrent ingests of one terminal serialise on SQLite's
// write lock) and the reads.
#include <algorithm>

#include "hq/store/ingest_plan.h"
#include "hq/store/sqlite_database.h"
#include "hq/store/sqlite_hq_store.h"
#include "hq/store/store_checks.h"

namespace loyalty::hq {
namespace {

constexpr const char* kEntryColumns =
    "SELECT receipt, received_ms, id, terminal_id, sequence, kind, sale_ref, member_id, wall_time_ms, monotonic_ns, "
    "bundle_hash, payload, prev_hash, hash FROM ledger_entries ";

StoredEntry readEntry(const Query& q) {
  StoredEntry out;
  out.receipt = q.integer(0);
  out.receivedMs = q.integer(1);
  wire::WireEntry& e = out.entry;
  e.id = q.text(2);
  e.terminalId = q.text(3);
  e.sequence = q.integer(4);
  e.kind = q.text(5);
  e.saleRef = q.text(6);
  e.memberId = q.text(7);
  e.wallTimeMs = q.integer(8);
  e.monotonicNs = q.integer(9);
  e.bundleHash = q.text(10);
  e.payload = q.text(11);
  e.prevHash = q.text(12);
  e.hash = q.text(13);
  return out;
}

std::int64_t sqlLimit(std::size_t limit) { return static_cast<std::int64_t>(std::min<std::size_t>(limit, 1u << 30)); }

}  // namespace

Result<wire::BatchAnswer> SqliteHqStore::ingest(const std::string& terminalId,
                                                const std::vector<wire::WireEntry>& entries, std::int64_t nowMs) {
  if (auto ok = checkIngestBatch(terminalId, entries); !ok) return ok.error();
  std::lock_guard lock(mutex_);
  auto begin = db_->exec("BEGIN IMMEDIATE");
  if (!begin) return begin.error();
  auto answer = ingestLocked(terminalId, entries, nowMs);
  if (!answer) {
    db_->rollbackQuietly();
    return answer;
  }
  if (auto commit = db_->exec("COMMIT"); !commit) {
    db_->rollbackQuietly();
    return commit.error();
  }
  return answer;
}

Result<wire::BatchAnswer> SqliteHqStore::ingestLocked(const std::string& terminalId,
                                                      const std::vector<wire::WireEntry>& entries,
                                                      std::int64_t nowMs) {
  TerminalHead head;
  {
    auto q = db_->query("SELECT enabled, acknowledged_through, head_hash FROM terminals WHERE terminal_id = ?1");
    if (!q) return q.error();
    q->bind(1, terminalId);
    auto row = q->step();
    if (!row) return row.error();
    if (!row.value()) return unknownTerminal(terminalId);
    if (q->integer(0) == 0) return terminalDisabled(terminalId);
    head = TerminalHead{q->integer(1), q->text(2)};
  }
  std::unordered_map<std::string, StoredIdentity> stored;
  {
    auto q = db_->query("SELECT terminal_id, sequence, hash FROM ledger_entries WHERE id = ?1");
    if (!q) return q.error();
    for (const wire::WireEntry& entry : entries) {
      if (stored.count(entry.id) != 0) continue;
      q->bind(1, entry.id);
      auto row = q->step();
      if (!row) return row.error();
      if (row.value()) stored.emplace(entry.id, StoredIdentity{q->text(0), q->integer(1), q->text(2)});
      q->reset();
    }
  }
  const IngestPlan plan = planIngest(terminalId, entries, head, stored);
  {
    auto q = db_->query(
        "INSERT INTO ledger_entries (id, terminal_id, sequence, kind, sale_ref, member_id, wall_time_ms, "
        "monotonic_ns, bundle_hash, payload, prev_hash, hash, received_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    if (!q) return q.error();
    for (const wire::WireEntry* e : plan.inserts) {
      q->bind(1, e->id).bind(2, e->terminalId).bind(3, e->sequence).bind(4, e->kind).bind(5, e->saleRef);
      q->bind(6, e->memberId).bind(7, e->wallTimeMs).bind(8, e->monotonicNs).bind(9, e->bundleHash);
      q->bind(10, e->payload).bind(11, e->prevHash).bind(12, e->hash).bind(13, nowMs);
      // A UNIQUE violation here (id or terminal+sequence) aborts the whole batch: the
      // constraints, not the plan, are the last word on exactly-once.
      if (auto done = q->run(); !done) return done.error();
    }
  }
  {
    auto q = db_->query(
        "INSERT INTO alerts (terminal_id, kind, entry_id, sequence, detail, raised_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT (terminal_id, kind, entry_id, sequence) DO NOTHING");
    if (!q) return q.error();
    for (const NewAlert& alert : plan.alerts) {
      q->bind(1, terminalId).bind(2, alert.kind).bind(3, alert.entryId).bind(4, alert.sequence);
      q->bind(5, alert.detail).bind(6, nowMs);
      if (auto done = q->run(); !done) return done.error();
    }
  }
  {
    auto q = db_->query(
        "UPDATE terminals SET acknowledged_through = ?2, head_hash = ?3, "
        "last_contact_ms = max(coalesce(last_contact_ms, ?4), ?4), "
        "newest_entry_wall_ms = coalesce(?5, newest_entry_wall_ms) WHERE terminal_id = ?1");
    if (!q) return q.error();
    q->bind(1, terminalId).bind(2, plan.head.acknowledgedThrough).bind(3, plan.head.headHash).bind(4, nowMs);
    if (plan.newestWallMs) {
      q->bind(5, *plan.newestWallMs);
    } else {
      q->bindNull(5);
    }
    if (auto done = q->run(); !done) return done.error();
  }
  return plan.answer;
}

Result<std::int64_t> SqliteHqStore::acknowledgedThrough(const std::string& terminalId) const {
  std::lock_guard lock(mutex_);
  auto q = db_->query("SELECT acknowledged_through FROM terminals WHERE terminal_id = ?1");
  if (!q) return q.error();
  q->bind(1, terminalId);
  auto row = q->step();
  if (!row) return row.error();
  if (!row.value()) return unknownTerminal(terminalId);
  return q->integer(0);
}

Result<std::vector<StoredEntry>> SqliteHqStore::readEntries(std::string_view where, std::string_view text,
                                                            std::int64_t after, std::size_t limit) const {
  std::lock_guard lock(mutex_);
  auto q = db_->query(std::string(kEntryColumns) + std::string(where));
  if (!q) return q.error();
  q->bind(1, after).bind(2, sqlLimit(limit));
  if (!text.empty()) q->bind(3, text);
  std::vector<StoredEntry> out;
  for (;;) {
    auto row = q->step();
    if (!row) return row.error();
    if (!row.value()) return out;
    out.push_back(readEntry(q.value()));
  }
}

Result<std::vector<StoredEntry>> SqliteHqStore::entriesAfter(const std::string& terminalId,
                                                             std::int64_t afterSequence, std::size_t limit) const {
  if (terminalId.empty()) return std::vector<StoredEntry>{};
  return readEntries("WHERE terminal_id = ?3 AND sequence > ?1 ORDER BY sequence LIMIT ?2", terminalId,
                     afterSequence, limit);
}

Result<std::vector<StoredEntry>> SqliteHqStore::entriesReceivedAfter(std::int64_t afterReceipt,
                                                                     std::size_t limit) const {
  return readEntries("WHERE receipt > ?1 ORDER BY receipt LIMIT ?2", {}, afterReceipt, limit);
}

Result<std::vector<Alert>> SqliteHqStore::alerts(std::int64_t afterId, std::size_t limit) const {
  std::lock_guard lock(mutex_);
  auto q = db_->query(
      "SELECT id, terminal_id, kind, entry_id, sequence, detail, raised_ms FROM alerts WHERE id > ?1 "
      "ORDER BY id LIMIT ?2");
  if (!q) return q.error();
  q->bind(1, afterId).bind(2, sqlLimit(limit));
  std::vector<Alert> out;
  for (;;) {
    auto row = q->step();
    if (!row) return row.error();
    if (!row.value()) return out;
    out.push_back(Alert{q->integer(0), q->text(1), q->text(2), q->text(3), q->integer(4), q->text(5), q->integer(6)});
  }
}

Result<std::vector<TerminalSync>> SqliteHqStore::syncLag() const {
  std::lock_guard lock(mutex_);
  auto q = db_->query(
      "SELECT terminal_id, store_id, last_contact_ms, acknowledged_through, newest_entry_wall_ms FROM terminals "
      "ORDER BY terminal_id");
  if (!q) return q.error();
  std::vector<TerminalSync> out;
  for (;;) {
    auto row = q->step();
    if (!row) return row.error();
    if (!row.value()) return out;
    TerminalSync sync{q->text(0), q->text(1), std::nullopt, q->integer(3), std::nullopt};
    if (!q->isNull(2)) sync.lastContactMs = q->integer(2);
    if (!q->isNull(4)) sync.newestEntryWallMs = q->integer(4);
    out.push_back(std::move(sync));
  }
}

}  // namespace loyalty::hq
