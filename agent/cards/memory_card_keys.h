// In-memory CardKeyDirectory and ReplayGuard: for loyaltyctl (a key file, one scan per run)
// and tests. The terminal uses the store's persistent implementations instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "cards/card_keys.h"

namespace loyalty::cards {

// Filled once, then read: concurrent reads are safe, mutation during reads is not.
class MemoryCardKeyDirectory final : public CardKeyDirectory {
 public:
  // A later key with the same id replaces the earlier one.
  void addIssuerKey(const std::string& keyId, const IssuerKey& key);
  void addDeviceKey(const std::string& keyId, const DeviceKey& key);
  void revokeCard(const std::string& cardId);

  [[nodiscard]] std::optional<IssuerKey> issuerKey(std::string_view keyId) const override;
  [[nodiscard]] std::optional<DeviceKey> deviceKey(std::string_view keyId) const override;
  [[nodiscard]] bool isCardRevoked(std::string_view cardId) const override;

  [[nodiscard]] std::size_t issuerKeyCount() const noexcept { return issuers_.size(); }
  [[nodiscard]] std::size_t deviceKeyCount() const noexcept { return devices_.size(); }
  [[nodiscard]] std::size_t revokedCardCount() const noexcept { return revoked_.size(); }

 private:
  std::map<std::string, IssuerKey, std::less<>> issuers_;
  std::map<std::string, DeviceKey, std::less<>> devices_;
  std::set<std::string, std::less<>> revoked_;
};

// Thread-safe; forgets records once they expire. Lives as long as the process: a restart
// forgets everything, which is why the terminal persists its records in the store instead.
class MemoryReplayGuard final : public ReplayGuard {
 public:
  [[nodiscard]] Result<bool> firstPresentation(std::string_view codeDigest,
                                               std::int64_t expiresAtUnix,
                                               std::int64_t nowUnix) override;
  [[nodiscard]] std::size_t size() const;

 private:
  void pruneExpired(std::int64_t nowUnix);  // caller holds mutex_

  mutable std::mutex mutex_;
  std::map<std::string, std::int64_t, std::less<>> expiresAt_;
  std::int64_t nextPruneUnix_ = INT64_MIN;
};

}  // namespace loyalty::cards
