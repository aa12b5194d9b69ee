// PostgresHqStore's ledger of record. An ingest is one READ COMMITTED transaction that
// first locks the terminal's row (FOR UPDATE), so two connections ingesting the same
// terminal take turns and the second sees what the first committed; the entries go in
// with one INSERT ... SELECT FROM unnest(arrays) (one round trip for 500 entries).
#include <algorithm>

#include "hq/store/ingest_plan.h"
#include "hq/store/pg_connection.h"
#include "hq/store/pg_transaction.h"
#include "hq/store/postgres_hq_store.h"
#include "hq/store/store_checks.h"

namespace loyalty::hq {
namespace {

constexpr const char* kEntryColumns =
    "SELECT receipt, received_ms, id, terminal_id, sequence, kind, sale_ref, member_id, wall_time_ms, monotonic_ns, "
    "bundle_hash, payload, prev_hash, hash FROM ledger_entries ";

// Receipts come from an identity sequence when a row is inserted, not when it commits:
// this lock, held from the insert to the commit, makes commit order equal receipt order,
// so a reader following receipts never skips a row that commits late.
constexpr std::int64_t kReceiptOrderLock = 7305072;

StoredEntry readEntry(const PgResult& r, int row) {
  StoredEntry out;
  out.receipt = r.integer(row, 0);
  out.receivedMs = r.integer(row, 1);
  wire::WireEntry& e = out.entry;
  e.id = r.text(row, 2);
  e.terminalId = r.text(row, 3);
  e.sequence = r.integer(row, 4);
  e.kind = r.text(row, 5);
  e.saleRef = r.text(row, 6);
  e.memberId = r.text(row, 7);
  e.wallTimeMs = r.integer(row, 8);
  e.monotonicNs = r.integer(row, 9);
  e.bundleHash = r.text(row, 10);
  e.payload = r.text(row, 11);
  e.prevHash = r.text(row, 12);
  e.hash = r.text(row, 13);
  return out;
}

std::string num(std::int64_t value) { return std::to_string(value); }
std::string limitText(std::size_t limit) { return num(static_cast<std::int64_t>(std::min<std::size_t>(limit, 1u << 30))); }

Result<Done> insertEntries(PgConnection& db, const std::string& terminalId, const IngestPlan& plan,
                           std::int64_t nowMs) {
  if (plan.inserts.empty()) return Done{};
  std::vector<std::string_view> ids, kinds, sales, members, bundles, payloads, prevs, hashes;
  std::vector<std::int64_t> sequences, walls, monos;
  for (const wire::WireEntry* e : plan.inserts) {
    ids.push_back(e->id);
    sequences.push_back(e->sequence);
    kinds.push_back(e->kind);
    sales.push_back(e->saleRef);
    members.push_back(e->memberId);
    walls.push_back(e->wallTimeMs);
    monos.push_back(e->monotonicNs);
    bundles.push_back(e->bundleHash);
    payloads.push_back(e->payload);
    prevs.push_back(e->prevHash);
    hashes.push_back(e->hash);
  }
  auto lock = db.execPrepared("receipt_lock", "SELECT pg_advisory_xact_lock($1)", {num(kReceiptOrderLock)});
  if (!lock) return lock.error();
  auto r = db.execPrepared(
      "insert_entries",
      "INSERT INTO ledger_entries (id, terminal_id, sequence, kind, sale_ref, member_id, wall_time_ms, monotonic_ns, "
      "bundle_hash, payload, prev_hash, hash, received_ms) "
      "SELECT u.id, $12, u.seq, u.kind, u.sale, u.member, u.wall, u.mono, u.bundle, u.payload, u.prev, u.hash, $13 "
      "FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], "
      "$8::text[], $9::text[], $10::text[], $11::text[]) "
      "AS u(id, seq, kind, sale, member, wall, mono, bundle, payload, prev, hash) ORDER BY u.seq",
      {pgTextArray(ids), pgIntArray(sequences), pgTextArray(kinds), pgTextArray(sales), pgTextArray(members),
       pgIntArray(walls), pgIntArray(monos), pgTextArray(bundles), pgTextArray(payloads), pgTextArray(prevs),
       pgTextArray(hashes), terminalId, num(nowMs)});
  if (!r) return r.error();
  return Done{};
}

}  // namespace

Result<wire::BatchAnswer> PostgresHqStore::ingest(const std::string& terminalId,
                                                  const std::vector<wire::WireEntry>& entries, std::int64_t nowMs) {
  if (auto ok = checkIngestBatch(terminalId, entries); !ok) return ok.error();
  std::lock_guard lock(mutex_);
  return pgTransaction<wire::BatchAnswer>(*db_, [&] { return ingestOnce(terminalId, entries, nowMs); });
}

Result<wire::BatchAnswer> PostgresHqStore::ingestOnce(const std::string& terminalId,
                                                      const std::vector<wire::WireEntry>& entries,
                                                      std::int64_t nowMs) {
  auto head = db_->execPrepared(
      "lock_terminal", "SELECT enabled, acknowledged_through, head_hash FROM terminals WHERE terminal_id = $1 FOR UPDATE",
      {terminalId});
  if (!head) return head.error();
  if (head->rows() == 0) return unknownTerminal(terminalId);
  if (!head->boolean(0, 0)) return terminalDisabled(terminalId);
  const TerminalHead before{head->integer(0, 1), head->text(0, 2)};

  std::unordered_map<std::string, StoredIdentity> stored;
  if (!entries.empty()) {
    std::vector<std::string_view> ids;
    ids.reserve(entries.size());
    for (const wire::WireEntry& e : entries) ids.push_back(e.id);
    auto held = db_->execPrepared("held_ids",
                                  "SELECT id, terminal_id, sequence, hash FROM ledger_entries WHERE id = ANY($1::text[])",
                                  {pgTextArray(ids)});
    if (!held) return held.error();
    for (int i = 0; i < held->rows(); ++i) {
      stored.emplace(held->text(i, 0), StoredIdentity{held->text(i, 1), held->integer(i, 2), held->text(i, 3)});
    }
  }
  const IngestPlan plan = planIngest(terminalId, entries, before, stored);
  if (auto inserted = insertEntries(*db_, terminalId, plan, nowMs); !inserted) return inserted.error();
  for (const NewAlert& alert : plan.alerts) {
    auto r = db_->execPrepared("insert_alert",
                               "INSERT INTO alerts (terminal_id, kind, entry_id, sequence, detail, raised_ms) "
                               "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (terminal_id, kind, entry_id, sequence) "
                               "DO NOTHING",
                               {terminalId, alert.kind, alert.entryId, num(alert.sequence), alert.detail, num(nowMs)});
    if (!r) return r.error();
  }
  auto update = db_->execPrepared(
      "advance_terminal",
      "UPDATE terminals SET acknowledged_through = $2, head_hash = $3, "
      "last_contact_ms = greatest(coalesce(last_contact_ms, $4), $4), "
      "newest_entry_wall_ms = coalesce($5, newest_entry_wall_ms) WHERE terminal_id = $1",
      {terminalId, num(plan.head.acknowledgedThrough), plan.head.headHash, num(nowMs),
       plan.newestWallMs ? PgParam(num(*plan.newestWallMs)) : PgParam()});
  if (!update) return update.error();
  return plan.answer;
}

Result<std::int64_t> PostgresHqStore::acknowledgedThrough(const std::string& terminalId) const {
  std::lock_guard lock(mutex_);
  auto r = pgRun(*db_, "acknowledged", "SELECT acknowledged_through FROM terminals WHERE terminal_id = $1",
                 {terminalId});
  if (!r) return r.error();
  if (r->rows() == 0) return unknownTerminal(terminalId);
  return r->integer(0, 0);
}

Result<std::vector<StoredEntry>> PostgresHqStore::readEntries(const std::string& name, std::string_view sql,
                                                              std::vector<std::optional<std::string>> params) const {
  std::lock_guard lock(mutex_);
  auto r = pgRun(*db_, name, std::string(kEntryColumns) + std::string(sql), params);
  if (!r) return r.error();
  std::vector<StoredEntry> out;
  out.reserve(static_cast<std::size_t>(r->rows()));
  for (int i = 0; i < r->rows(); ++i) out.push_back(readEntry(r.value(), i));
  return out;
}

Result<std::vector<StoredEntry>> PostgresHqStore::entriesAfter(const std::string& terminalId,
                                                               std::int64_t afterSequence, std::size_t limit) const {
  return readEntries("entries_after", "WHERE terminal_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3",
                     {terminalId, num(afterSequence), limitText(limit)});
}

Result<std::vector<StoredEntry>> PostgresHqStore::entriesReceivedAfter(std::int64_t afterReceipt,
                                                                       std::size_t limit) const {
  return readEntries("entries_received_after", "WHERE receipt > $1 ORDER BY receipt LIMIT $2",
                     {num(afterReceipt), limitText(limit)});
}

Result<std::vector<Alert>> PostgresHqStore::alerts(std::int64_t afterId, std::size_t limit) const {
  std::lock_guard lock(mutex_);
  auto r = pgRun(*db_, "alerts",
                 "SELECT id, terminal_id, kind, entry_id, sequence, detail, raised_ms FROM alerts WHERE id > $1 "
                 "ORDER BY id LIMIT $2",
                 {num(afterId), limitText(limit)});
  if (!r) return r.error();
  std::vector<Alert> out;
  for (int i = 0; i < r->rows(); ++i) {
    out.push_back(Alert{r->integer(i, 0), r->text(i, 1), r->text(i, 2), r->text(i, 3), r->integer(i, 4), r->text(i, 5),
                        r->integer(i, 6)});
  }
  return out;
}

Result<std::vector<TerminalSync>> PostgresHqStore::syncLag() const {
  std::lock_guard lock(mutex_);
  auto r = pgRun(*db_, "sync_lag",
                 "SELECT terminal_id, store_id, last_contact_ms, acknowledged_through, newest_entry_wall_ms "
                 "FROM terminals ORDER BY terminal_id COLLATE \"C\"",
                 {});
  if (!r) return r.error();
  std::vector<TerminalSync> out;
  for (int i = 0; i < r->rows(); ++i) {
    TerminalSync sync{r->text(i, 0), r->text(i, 1), std::nullopt, r->integer(i, 3), std::nullopt};
    if (!r->isNull(i, 2)) sync.lastContactMs = r->integer(i, 2);
    if (!r->isNull(i, 4)) sync.newestEntryWallMs = r->integer(i, 4);
    out.push_back(std::move(sync));
  }
  return out;
}

}  // namespace loyalty::hq
