#include "store/generation_cleanup.h"

#include <array>
#include <string>
#include <vector>

#include "store/import_lock.h"
#include "store/sqlite_snapshot_import.h"

namespace loyalty::store {
namespace {

constexpr std::array<std::string_view, 9> kGenerationTables = {
    "members",        "cards",        "card_keys",          "device_keys",       "revoked_cards",
    "campaign_usage", "used_vouchers", "disabled_campaigns", "offline_allowances"};

Result<std::int64_t> deleteChunk(StoreDatabase& database, std::string_view table, std::int64_t generation,
                                 std::size_t chunkRows) {
  const std::string sql = "DELETE FROM " + std::string(table) + " WHERE rowid IN (SELECT rowid FROM " +
                          std::string(table) + " WHERE generation = ?1 LIMIT ?2)";
  return database.write(Durability::relaxed, [&](SqliteConnection& connection) -> Result<std::int64_t> {
    auto remove = connection.prepare(sql);
    if (!remove) return remove.error();
    if (auto done = remove->bind(1, generation).bind(2, static_cast<std::int64_t>(chunkRows)).run(); !done) {
      return done.error();
    }
    return connection.changes();
  });
}

}  // namespace

Result<std::int64_t> deleteGeneration(StoreDatabase& database, std::int64_t generation, std::size_t chunkRows) {
  std::int64_t total = 0;
  for (const std::string_view table : kGenerationTables) {
    for (;;) {
      auto deleted = deleteChunk(database, table, generation, chunkRows);
      if (!deleted) return deleted.error();
      total += deleted.value();
      if (deleted.value() == 0) break;
    }
  }
  // The generation row goes last: while it exists, a later cleanup still finds the rows.
  auto removed = database.write(Durability::relaxed, [&](SqliteConnection& connection) -> Result<Done> {
    auto remove = connection.prepare(
        "DELETE FROM snapshot_generations WHERE generation = ?1 AND generation != "
        "(SELECT active_generation FROM snapshot_state WHERE id = 1)");
    if (!remove) return remove.error();
    return remove->bind(1, generation).run();
  });
  if (!removed) return removed.error();
  return total;
}

Result<std::int64_t> deleteInactiveGenerationsLocked(StoreDatabase& database, std::size_t chunkRows) {
  std::vector<std::int64_t> generations;
  {
    auto reader = database.reader();
    if (!reader) return reader.error();
    auto query = reader.value()->prepare(
        "SELECT generation FROM snapshot_generations WHERE generation != "
        "(SELECT active_generation FROM snapshot_state WHERE id = 1)");
    if (!query) return query.error();
    for (;;) {
      auto row = query->step();
      if (!row) return row.error();
      if (!row.value()) break;
      generations.push_back(query->columnInt(0));
    }
  }
  std::int64_t total = 0;
  for (const std::int64_t generation : generations) {
    auto deleted = deleteGeneration(database, generation, chunkRows);
    if (!deleted) return deleted.error();
    total += deleted.value();
  }
  return total;
}

Result<std::int64_t> deleteInactiveGenerations(StoreDatabase& database, std::size_t chunkRows) {
  auto lock = ImportLock::tryAcquire(database.path());
  if (!lock) return lock.error();
  if (!lock.value()) return std::int64_t{0};  // an import is running; it cleans up itself
  return deleteInactiveGenerationsLocked(database, chunkRows);
}

}  // namespace loyalty::store
