#include "store/store_database.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/schema_migrations.h"

namespace loyalty::store {
namespace {

constexpr std::size_t kMaxTerminalIdBytes = 128;

// Creates the database file with mode 0600 before SQLite sees it, so no other user can
// ever read it (SQLite gives the -wal and -shm files the mode of the database file).
Result<Done> prepareFile(const std::string& path, bool create) {
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0) {
    if (!S_ISREG(info.st_mode)) {
      return makeError(ErrorCode::io_error, "not_a_file", "\"" + path + "\" is not a regular file.");
    }
    return Done{};
  }
  if (!create) {
    return makeError(ErrorCode::io_error, "file_not_found", "the store database \"" + path + "\" does not exist.");
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST) {
    return makeError(ErrorCode::io_error, "cannot_open",
                     "cannot create the store database \"" + path + "\": " + std::strerror(errno) + ".");
  }
  if (fd >= 0) ::close(fd);
  return Done{};
}

// Belt and braces for files SQLite created: the owner alone may read them.
void restrictSidecars(const std::string& path) noexcept {
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string sidecar = path + suffix;
    ::chmod(sidecar.c_str(), 0600);
  }
}

}  // namespace

StoreDatabase::StoreDatabase(std::string path, std::unique_ptr<SqliteConnection> writer, const StoreOptions& options)
    : path_(std::move(path)), writer_(std::move(writer)), readers_(path_, options.vfs, options.maxIdleReaders) {}

Result<std::unique_ptr<StoreDatabase>> StoreDatabase::open(const StoreOptions& options) {
  if (options.terminalId &&
      (options.terminalId->empty() || options.terminalId->size() > kMaxTerminalIdBytes)) {
    return makeError(ErrorCode::invalid_input, "invalid_terminal_id",
                     "the terminal id must have 1 to " + std::to_string(kMaxTerminalIdBytes) + " bytes.");
  }
  if (auto prepared = prepareFile(options.path, options.create); !prepared) return prepared.error();
  auto writer = SqliteConnection::open(options.path, OpenMode::readWrite, false, options.vfs);
  if (!writer) return writer.error();
  std::unique_ptr<StoreDatabase> database(
      new StoreDatabase(options.path, std::move(writer).value(), options));
  if (auto configured = database->configure(options); !configured) return configured.error();
  auto found = migrateSchema(*database->writer_);
  if (!found) return found.error();
  database->foundVersion_ = found.value();
  if (auto bound = database->bindTerminal(options.terminalId); !bound) return bound.error();
  restrictSidecars(options.path);
  database->startCheckpointer(options);
  return database;
}

StoreDatabase::~StoreDatabase() {
  if (checkpointer_) {
    checkpointer_->detach(*writer_);
    checkpointer_.reset();  // waits for a checkpoint in progress
  }
}

void StoreDatabase::startCheckpointer(const StoreOptions& options) {
  if (options.checkpointPages <= 0) return;
  auto connection = SqliteConnection::open(options.path, OpenMode::readWrite, false, options.vfs);
  // Without a connection of its own SQLite's automatic checkpoint (set in configure) stays:
  // slower commits now and then, nothing worse.
  if (!connection) return;
  // A connection learns that the file is in WAL mode on its first read; until then a
  // checkpoint through it does nothing (and says SQLITE_OK).
  if (auto read = connection.value()->queryInt("SELECT count(*) FROM sqlite_master"); !read) return;
  checkpointer_ = std::make_unique<WalCheckpointer>(std::move(connection).value(), options.checkpointPages);
  checkpointer_->attach(*writer_);
}

Result<Done> StoreDatabase::configure(const StoreOptions& options) {
  // WAL: readers never wait for the writer. synchronous=FULL: a COMMIT returns once its WAL
  // frames are fsynced. journal_size_limit: the WAL shrinks back after a large import.
  // wal_autocheckpoint applies only until the background checkpointer takes over.
  std::string pragmas =
      "PRAGMA busy_timeout = " + std::to_string(options.busyTimeoutMs) +
      ";"
      "PRAGMA journal_mode = WAL;"
      "PRAGMA synchronous = FULL;"
      "PRAGMA foreign_keys = ON;"
      "PRAGMA wal_autocheckpoint = 1000;"
      "PRAGMA journal_size_limit = 67108864;";
  if (options.maxPageCount > 0) pragmas += "PRAGMA max_page_count = " + std::to_string(options.maxPageCount) + ";";
  if (auto done = writer_->exec(pragmas); !done) return done.error();
  auto mode = writer_->prepare("PRAGMA journal_mode");
  if (!mode) return mode.error();
  auto row = mode->step();
  if (!row) return row.error();
  if (!row.value() || mode->columnText(0) != "wal") {
    return makeError(ErrorCode::io_error, "wal_unavailable",
                     "the store database could not be switched to WAL mode (is the file system read-only?).");
  }
  return Done{};
}

Result<Done> StoreDatabase::bindTerminal(const std::optional<std::string>& wanted) {
  return write(Durability::full, [&](SqliteConnection& connection) -> Result<Done> {
    auto select = connection.prepare("SELECT terminal_id FROM terminal WHERE id = 1");
    if (!select) return select.error();
    auto row = select->step();
    if (!row) return row.error();
    if (row.value()) {
      std::string recorded = select->columnText(0);
      if (wanted && *wanted != recorded) {
        return makeError(ErrorCode::rejected, "terminal_mismatch",
                         "the store database belongs to terminal \"" + recorded + "\", not \"" + *wanted + "\".");
      }
      terminalId_ = std::move(recorded);
      return Done{};
    }
    if (!wanted) return Done{};
    auto insert = connection.prepare("INSERT INTO terminal (id, terminal_id) VALUES (1, ?1)");
    if (!insert) return insert.error();
    if (auto inserted = insert->bind(1, *wanted).run(); !inserted) return inserted.error();
    terminalId_ = *wanted;
    return Done{};
  });
}

Result<Done> StoreDatabase::begin(Durability durability) {
  writer_->rollbackQuietly();  // a body that threw may have left its transaction open
  if (durability != writerDurability_) {
    const char* pragma = durability == Durability::full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
    if (auto set = writer_->exec(pragma); !set) return set.error();
    writerDurability_ = durability;
  }
  return writer_->exec("BEGIN IMMEDIATE");
}

Result<Done> StoreDatabase::commit() {
  auto committed = writer_->exec("COMMIT");
  if (!committed) writer_->rollbackQuietly();
  return committed;
}

}  // namespace loyalty::store
