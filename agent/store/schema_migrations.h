// The store's schema and its forward-only migrations (docs/store.md). The schema version
// is SQLite's user_version; each migration runs in its own transaction together with the
// version bump, so a crash leaves the file at the old version or the new one, never between.
#pragma once

#include <cstdint>

#include "store/sqlite_connection.h"

namespace loyalty::store {

// The version this build creates and understands. A released migration is never edited:
// a change is a new migration appended to the list.
inline constexpr std::int64_t kSchemaVersion = 2;

// 'LYLT': marks a file as a loyalty store, so another program's SQLite file is refused.
inline constexpr std::int64_t kApplicationId = 0x4C594C54;

// Brings the database up to kSchemaVersion and returns the version it found (0 = new).
// Errors: rejected "schema_too_new" (a newer build wrote it: never downgraded),
// "not_a_store_file" (a SQLite file of another program); SQLite errors as sqliteError.
[[nodiscard]] Result<std::int64_t> migrateSchema(SqliteConnection& connection);

}  // namespace loyalty::store
