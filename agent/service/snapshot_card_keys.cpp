#include "service/snapshot_card_keys.h"

namespace loyalty::service {

std::optional<cards::IssuerKey> SnapshotCardKeys::issuerKey(std::string_view keyId) const {
  auto record = snapshot_.cardKey(keyId);
  if (!record || !record.value()) return std::nullopt;
  const store::CardKeyRecord& key = *record.value();
  cards::IssuerKey out;
  out.publicKey = key.publicKey;
  out.validFromUnix = key.validFrom;
  out.validUntilUnix = key.validUntil;
  return out;
}

std::optional<cards::DeviceKey> SnapshotCardKeys::deviceKey(std::string_view keyId) const {
  auto record = snapshot_.deviceKey(keyId);
  if (!record || !record.value()) return std::nullopt;
  const store::DeviceKeyRecord& key = *record.value();
  cards::DeviceKey out;
  out.publicKey = key.publicKey;
  out.memberId = key.memberId;
  out.revoked = key.revoked;
  return out;
}

bool SnapshotCardKeys::isCardRevoked(std::string_view cardId) const {
  auto revoked = snapshot_.isCardRevoked(cardId);
  return !revoked || revoked.value();
}

}  // namespace loyalty::service
