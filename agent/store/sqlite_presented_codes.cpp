#include "store/sqlite_presented_codes.h"

namespace loyalty::store {

Result<bool> SqlitePresentedCodes::recordPresentedCode(std::string_view digest, std::int64_t expiresAtUnix,
                                                       std::int64_t nowUnix) {
  if (digest.empty() || digest.size() > kMaxDigestBytes) {
    return makeError(ErrorCode::invalid_input, "invalid_digest",
                     "a presented code digest must have 1 to " + std::to_string(kMaxDigestBytes) + " bytes.");
  }
  return database_.write(Durability::relaxed, [&](SqliteConnection& connection) -> Result<bool> {
    auto expired = connection.prepare("DELETE FROM presented_codes WHERE expires_at < ?1");
    if (!expired) return expired.error();
    if (auto removed = expired->bind(1, nowUnix).run(); !removed) return removed.error();
    auto insert = connection.prepare(
        "INSERT INTO presented_codes (digest, expires_at) VALUES (?1, ?2) ON CONFLICT (digest) DO NOTHING");
    if (!insert) return insert.error();
    if (auto inserted = insert->bind(1, digest).bind(2, expiresAtUnix).run(); !inserted) return inserted.error();
    return connection.changes() == 1;
  });
}

}  // namespace loyalty::store
