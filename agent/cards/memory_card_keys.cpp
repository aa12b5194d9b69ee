#include "memory_card_keys.h"

#include "cards/card_payload.h"

namespace loyalty::cards {

void MemoryCardKeyDirectory::addIssuerKey(const std::string& keyId, const IssuerKey& key) {
  issuers_.insert_or_assign(keyId, key);
}

void MemoryCardKeyDirectory::addDeviceKey(const std::string& keyId, const DeviceKey& key) {
  devices_.insert_or_assign(keyId, key);
}

void MemoryCardKeyDirectory::revokeCard(const std::string& cardId) { revoked_.insert(cardId); }

std::optional<IssuerKey> MemoryCardKeyDirectory::issuerKey(std::string_view keyId) const {
  const auto found = issuers_.find(keyId);
  if (found == issuers_.end()) return std::nullopt;
  return found->second;
}

std::optional<DeviceKey> MemoryCardKeyDirectory::deviceKey(std::string_view keyId) const {
  const auto found = devices_.find(keyId);
  if (found == devices_.end()) return std::nullopt;
  return found->second;
}

bool MemoryCardKeyDirectory::isCardRevoked(std::string_view cardId) const {
  return revoked_.find(cardId) != revoked_.end();
}

Result<bool> MemoryReplayGuard::firstPresentation(std::string_view codeDigest,
                                                  std::int64_t expiresAtUnix,
                                                  std::int64_t nowUnix) {
  const std::lock_guard lock(mutex_);
  pruneExpired(nowUnix);
  const auto found = expiresAt_.find(codeDigest);
  if (found != expiresAt_.end() && nowUnix < found->second) return false;
  expiresAt_.insert_or_assign(std::string(codeDigest), expiresAtUnix);
  return true;
}

std::size_t MemoryReplayGuard::size() const {
  const std::lock_guard lock(mutex_);
  return expiresAt_.size();
}

void MemoryReplayGuard::pruneExpired(std::int64_t nowUnix) {
  // At most one sweep per time step keeps the cost per call constant on average.
  if (nowUnix < nextPruneUnix_) return;
  std::erase_if(expiresAt_, [nowUnix](const auto& entry) { return nowUnix >= entry.second; });
  nextPruneUnix_ = nowUnix + kTimeStepSeconds;
}

}  // namespace loyalty::cards
