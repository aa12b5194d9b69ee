// PresentedCodes in the `presented_codes` table of the terminal's database.
#pragma once

#include "store/presented_codes.h"
#include "store/store_database.h"

namespace loyalty::store {

inline constexpr std::size_t kMaxDigestBytes = 128;

class SqlitePresentedCodes final : public PresentedCodes {
 public:
  explicit SqlitePresentedCodes(StoreDatabase& database) noexcept : database_(database) {}

  // Written with relaxed durability (no fsync of its own; docs/store.md): a power cut in
  // the second after a scan may forget that one code, which then works once more within
  // its window. Errors: "invalid_digest", SQLite errors.
  [[nodiscard]] Result<bool> recordPresentedCode(std::string_view digest, std::int64_t expiresAtUnix,
                                                 std::int64_t nowUnix) override;

 private:
  StoreDatabase& database_;
};

}  // namespace loyalty::store
