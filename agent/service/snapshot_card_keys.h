// Card verification's seams over the terminal's store: keys and revocations from the
// active snapshot, and the replay memory of accepted rotating codes.
#pragma once

#include "cards/card_keys.h"
#include "store/presented_codes.h"
#include "store/snapshot_reader.h"

namespace loyalty::service {

class SnapshotCardKeys final : public cards::CardKeyDirectory {
 public:
  explicit SnapshotCardKeys(const store::SnapshotReader& snapshot) : snapshot_(snapshot) {}
  // A lookup that fails (I/O) finds nothing: the card is refused, never accepted blindly.
  [[nodiscard]] std::optional<cards::IssuerKey> issuerKey(std::string_view keyId) const override;
  [[nodiscard]] std::optional<cards::DeviceKey> deviceKey(std::string_view keyId) const override;
  // Fails closed: a revocation list that cannot be read counts the card as revoked.
  [[nodiscard]] bool isCardRevoked(std::string_view cardId) const override;

 private:
  const store::SnapshotReader& snapshot_;
};

class StoreReplayGuard final : public cards::ReplayGuard {
 public:
  explicit StoreReplayGuard(store::PresentedCodes& codes) : codes_(codes) {}
  [[nodiscard]] Result<bool> firstPresentation(std::string_view codeDigest, std::int64_t expiresAtUnix,
                                               std::int64_t nowUnix) override {
    return codes_.recordPresentedCode(codeDigest, expiresAtUnix, nowUnix);
  }

 private:
  store::PresentedCodes& codes_;
};

}  // namespace loyalty::service
