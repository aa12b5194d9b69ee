#include "store/sqlite_snapshot_import.h"

#include <utility>
#include <variant>
#include <vector>

#include "store/generation_cleanup.h"
#include "store/import_lock.h"
#include "store/ledger_chain.h"
#include "store/snapshot_rows.h"

namespace loyalty::store {
namespace {

Error invalidMeta(std::string message) {
  return makeError(ErrorCode::invalid_input, "invalid_meta", std::move(message));
}

Result<Done> checkMeta(const SnapshotMeta& meta) {
  if (meta.version < 1) return invalidMeta("the snapshot version must be at least 1.");
  if (meta.storeId.empty()) return invalidMeta("the snapshot names no store.");
  if (meta.bundleText.empty()) return invalidMeta("the snapshot has no rule bundle.");
  if (!isHashText(meta.bundleHash)) return invalidMeta("the bundle hash must be 64 lowercase hex digits.");
  if (meta.bundleVersion < 0 || meta.ledgerIncludedThrough < 0) {
    return invalidMeta("the bundle version and the included ledger sequence cannot be negative.");
  }
  return Done{};
}

// The active snapshot's version (0: none). Read on the write connection inside its
// transaction, so the answer holds until that transaction ends.
Result<std::int64_t> activeVersion(SqliteConnection& connection) {
  return connection.queryInt(
      "SELECT coalesce((SELECT g.version FROM snapshot_generations g, snapshot_state s "
      "WHERE s.id = 1 AND g.generation = s.active_generation), 0)");
}

Error notNewer(std::int64_t version, std::int64_t active) {
  return makeError(ErrorCode::rejected, "snapshot_not_newer",
                   "snapshot version " + std::to_string(version) + " is not newer than the active version " +
                       std::to_string(active) + "; a terminal never goes back to an older snapshot.");
}

class SqliteSnapshotImport final : public SnapshotImport {
 public:
  SqliteSnapshotImport(StoreDatabase& database, ImportLock lock, SnapshotMeta meta, std::int64_t generation,
                       std::size_t chunkRows)
      : database_(database),
        lock_(std::move(lock)),
        meta_(std::move(meta)),
        generation_(generation),
        chunkRows_(chunkRows) {
    pending_.reserve(chunkRows_);
  }

  SqliteSnapshotImport(const SqliteSnapshotImport&) = delete;
  SqliteSnapshotImport& operator=(const SqliteSnapshotImport&) = delete;

  ~SqliteSnapshotImport() override {
    if (committed_) return;
    // Abandoned: remove what was written. Best effort: whatever a failure leaves behind is
    // not active and goes at the next import or cleanup.
    try {
      (void)deleteGeneration(database_, generation_, chunkRows_);
    } catch (...) {
    }
  }

  Result<Done> addMember(MemberRecord record) override { return add(std::move(record)); }
  Result<Done> addCard(CardRecord record) override { return add(std::move(record)); }
  Result<Done> addCardKey(CardKeyRecord record) override { return add(std::move(record)); }
  Result<Done> addDeviceKey(DeviceKeyRecord record) override { return add(std::move(record)); }
  Result<Done> addRevokedCard(std::string cardId) override { return add(RevokedCardRow{std::move(cardId)}); }
  Result<Done> addCampaignUsage(engine::CampaignUsage usage) override { return add(std::move(usage)); }
  Result<Done> addUsedVoucher(std::string code) override { return add(UsedVoucherRow{std::move(code)}); }
  Result<Done> addDisabledCampaign(std::string campaignId) override {
    return add(DisabledCampaignRow{std::move(campaignId)});
  }
  Result<Done> addOfflineAllowance(OfflineAllowance allowance) override { return add(std::move(allowance)); }

  Result<SnapshotCounts> commit() override {
    if (failed_) return *failed_;
    if (committed_) return fail(makeError(ErrorCode::rejected, "import_finished", "the import was already committed."));
    if (auto flushed = flush(); !flushed) return flushed.error();
    if (auto checked = checkReferences(database_, generation_); !checked) return fail(checked.error());
    auto previous = flip();
    if (!previous) return fail(previous.error());
    committed_ = true;
    // The replaced snapshot is no longer visible to new readers; its rows go now, in
    // chunks. A failure here leaves garbage for the next cleanup, not a wrong snapshot.
    if (previous.value() > 0) (void)deleteGeneration(database_, previous.value(), chunkRows_);
    lock_.reset();  // the next import may start
    return counts_;
  }

 private:
  Result<Done> add(SnapshotRow row) {
    if (failed_) return *failed_;
    if (committed_) return fail(makeError(ErrorCode::rejected, "import_finished", "the import was already committed."));
    if (auto valid = checkRow(row); !valid) return fail(valid.error());
    countRow(row, counts_);
    pending_.push_back(std::move(row));
    if (pending_.size() >= chunkRows_) return flush();
    return Done{};
  }

  // One short write transaction per chunk: a ledger commit waits for at most one chunk.
  Result<Done> flush() {
    if (pending_.empty()) return Done{};
    auto written = database_.write(Durability::relaxed, [&](SqliteConnection& connection) -> Result<Done> {
      for (const SnapshotRow& row : pending_) {
        if (auto inserted = insertRow(connection, generation_, row); !inserted) return inserted.error();
      }
      return Done{};
    });
    pending_.clear();
    if (!written) return fail(written.error());
    return Done{};
  }

  // Makes this generation the active one; returns the generation it replaced (0: none).
  Result<std::int64_t> flip() {
    return database_.write(Durability::full, [&](SqliteConnection& connection) -> Result<std::int64_t> {
      auto active = activeVersion(connection);
      if (!active) return active.error();
      if (meta_.version <= active.value()) return notNewer(meta_.version, active.value());
      auto previous = connection.queryInt("SELECT active_generation FROM snapshot_state WHERE id = 1");
      if (!previous) return previous.error();
      auto retire = connection.prepare("UPDATE snapshot_generations SET state = 'retired' WHERE generation = ?1");
      if (!retire) return retire.error();
      if (auto done = retire->bind(1, previous.value()).run(); !done) return done.error();
      auto activate = connection.prepare(
          "UPDATE snapshot_generations SET state = 'active', member_count = ?2 WHERE generation = ?1");
      if (!activate) return activate.error();
      if (auto done = activate->bind(1, generation_).bind(2, counts_.members).run(); !done) return done.error();
      auto swap = connection.prepare("UPDATE snapshot_state SET active_generation = ?1 WHERE id = 1");
      if (!swap) return swap.error();
      if (auto done = swap->bind(1, generation_).run(); !done) return done.error();
      return previous.value();
    });
  }

  Error fail(Error error) {
    failed_ = error;
    return error;
  }

  StoreDatabase& database_;
  std::optional<ImportLock> lock_;
  SnapshotMeta meta_;
  std::int64_t generation_;
  std::size_t chunkRows_;
  std::vector<SnapshotRow> pending_;
  SnapshotCounts counts_;
  std::optional<Error> failed_;
  bool committed_ = false;
};

// Allocates the generation and records its meta as 'loading'.
Result<std::int64_t> createGeneration(StoreDatabase& database, const SnapshotMeta& meta) {
  return database.write(Durability::full, [&](SqliteConnection& connection) -> Result<std::int64_t> {
    auto active = activeVersion(connection);
    if (!active) return active.error();
    if (meta.version <= active.value()) return notNewer(meta.version, active.value());
    auto next = connection.queryInt("SELECT next_generation FROM snapshot_state WHERE id = 1");
    if (!next) return next.error();
    auto bump = connection.prepare("UPDATE snapshot_state SET next_generation = next_generation + 1 WHERE id = 1");
    if (!bump) return bump.error();
    if (auto done = bump->run(); !done) return done.error();
    auto insert = connection.prepare(
        "INSERT INTO snapshot_generations (generation, state, version, store_id, created_at, bundle_text, "
        "bundle_hash, bundle_version, ledger_included_through) VALUES (?1, 'loading', ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!insert) return insert.error();
    insert->bind(1, next.value())
        .bind(2, meta.version)
        .bind(3, meta.storeId)
        .bind(4, meta.createdAt)
        .bind(5, meta.bundleText)
        .bind(6, meta.bundleHash)
        .bind(7, meta.bundleVersion)
        .bind(8, meta.ledgerIncludedThrough);
    if (auto done = insert->run(); !done) return done.error();
    return next.value();
  });
}

}  // namespace

Result<std::unique_ptr<SnapshotImport>> beginSqliteSnapshotImport(StoreDatabase& database, const SnapshotMeta& meta,
                                                                  std::size_t chunkRows) {
  if (auto checked = checkMeta(meta); !checked) return checked.error();
  auto lock = ImportLock::tryAcquire(database.path());
  if (!lock) return lock.error();
  if (!lock.value()) {
    return makeError(ErrorCode::rejected, "import_in_progress",
                     "another snapshot import into this database is running; try again when it has finished.");
  }
  // Whatever an earlier crashed or abandoned import left behind goes first.
  if (auto cleaned = deleteInactiveGenerationsLocked(database, chunkRows); !cleaned) return cleaned.error();
  auto generation = createGeneration(database, meta);
  if (!generation) return generation.error();
  return std::unique_ptr<SnapshotImport>(std::make_unique<SqliteSnapshotImport>(
      database, std::move(*lock.value()), meta, generation.value(), chunkRows == 0 ? 1 : chunkRows));
}

}  // namespace loyalty::store
