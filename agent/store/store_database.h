// The terminal's database file (docs/store.md): opened once per process, it owns the one
// write connection (behind a mutex: one writer) and the pool of read-only connections.
// The ledger, the snapshot store and the replay guard are views over it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "store/reader_pool.h"
#include "store/sqlite_connection.h"
#include "store/wal_checkpointer.h"

namespace loyalty::store {

struct StoreOptions {
  std::string path;
  // The terminal this database belongs to: recorded by the first open, and every later
  // open must name the same one. nullopt: accept whatever is recorded (tools like
  // `loyaltyctl ledger verify`); then commits need a recorded one.
  std::optional<std::string> terminalId;
  bool create = true;              // false: a missing file is an error ("file_not_found")
  std::string vfs;                 // SQLite VFS name; empty = the default (tests inject faults)
  std::int64_t maxPageCount = 0;   // > 0: the file may not grow past this many pages
  int busyTimeoutMs = 5000;        // how long the writer waits for another process's write
  std::size_t maxIdleReaders = 8;
  // From this many WAL pages on, a background thread checkpoints (wal_checkpointer.h), so
  // that no commit pays for a checkpoint. 0: SQLite's automatic checkpoint inside the
  // commit that crosses 1000 pages.
  std::int64_t checkpointPages = 1000;
};

// How a write transaction reaches the disk. `full`: synchronous=FULL, the WAL is fsynced
// at COMMIT (ledger commits, the snapshot flip). `relaxed`: synchronous=NORMAL, durable at
// the next full commit or checkpoint, never corrupt (bulk import chunks, replay records).
enum class Durability { full, relaxed };

class StoreDatabase {
 public:
  // Creates the file 0600 when missing (and its -wal/-shm), sets WAL mode, migrates the
  // schema forward, and checks the terminal id. Errors: "schema_too_new",
  // "not_a_store_file", "terminal_mismatch", "file_not_found", SQLite errors.
  [[nodiscard]] static Result<std::unique_ptr<StoreDatabase>> open(const StoreOptions& options);

  StoreDatabase(const StoreDatabase&) = delete;
  StoreDatabase& operator=(const StoreDatabase&) = delete;
  ~StoreDatabase();

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] const std::optional<std::string>& terminalId() const noexcept { return terminalId_; }
  // The schema version the file had before this open migrated it (0: created now).
  [[nodiscard]] std::int64_t foundSchemaVersion() const noexcept { return foundVersion_; }

  // Runs body(connection) inside BEGIN IMMEDIATE ... COMMIT on the write connection,
  // holding the writer mutex. An Error from body, or a failed COMMIT, rolls back: nothing
  // of the transaction remains.
  template <typename F>
  auto write(Durability durability, F&& body) -> decltype(body(std::declval<SqliteConnection&>())) {
    using R = decltype(body(std::declval<SqliteConnection&>()));
    const std::lock_guard lock(writerMutex_);
    if (auto begun = begin(durability); !begun) return R(begun.error());
    R result = body(*writer_);
    if (!result) {
      writer_->rollbackQuietly();
      return result;
    }
    if (auto committed = commit(); !committed) return R(committed.error());
    return result;
  }

  // A read-only connection for lookups; never waits for the writer.
  [[nodiscard]] Result<ReaderLease> reader() { return readers_.lease(); }

  // WAL frames the background thread copied into the database file (0 without one).
  [[nodiscard]] std::int64_t backgroundCheckpointedFrames() const noexcept {
    return checkpointer_ ? checkpointer_->checkpointedFrames() : 0;
  }

 private:
  StoreDatabase(std::string path, std::unique_ptr<SqliteConnection> writer, const StoreOptions& options);

  [[nodiscard]] Result<Done> configure(const StoreOptions& options);
  [[nodiscard]] Result<Done> bindTerminal(const std::optional<std::string>& wanted);
  void startCheckpointer(const StoreOptions& options);
  [[nodiscard]] Result<Done> begin(Durability durability);
  [[nodiscard]] Result<Done> commit();

  std::string path_;
  std::optional<std::string> terminalId_;
  std::int64_t foundVersion_ = 0;
  std::mutex writerMutex_;
  std::unique_ptr<SqliteConnection> writer_;
  Durability writerDurability_ = Durability::full;
  ReaderPool readers_;
  std::unique_ptr<WalCheckpointer> checkpointer_;  // null: SQLite checkpoints inside commits
};

}  // namespace loyalty::store
