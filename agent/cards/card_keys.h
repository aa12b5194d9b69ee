// The seams between card verification and the terminal's data: which keys and revocations
// the snapshot holds, and which rotating codes this terminal has already accepted. The
// store implements both; MemoryCardKeyDirectory / MemoryReplayGuard serve tools and tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cards/ed25519.h"
#include "engine/result.h"

namespace loyalty::cards {

// An HQ card signing key. A static card verifies only while its key is valid at the moment
// of the scan: [validFrom, validUntil), either bound optional. HQ ends a key's validity to
// retire every card it ever signed at once (a leaked key, a discontinued card design).
struct IssuerKey {
  PublicKey publicKey{};
  std::optional<std::int64_t> validFromUnix;
  std::optional<std::int64_t> validUntilUnix;
};

// A member's phone app key, registered by HQ. The code names no card: the key says whose it
// is. cardId is empty when the key is registered for the member rather than one card.
struct DeviceKey {
  PublicKey publicKey{};
  std::string memberId;
  std::string cardId;
  bool revoked = false;
};

// Read-only view of the snapshot's keys and revocations. Implementations must be safe to
// call from several threads at once (verification runs on the API's lanes).
class CardKeyDirectory {
 public:
  virtual ~CardKeyDirectory() = default;
  [[nodiscard]] virtual std::optional<IssuerKey> issuerKey(std::string_view keyId) const = 0;
  [[nodiscard]] virtual std::optional<DeviceKey> deviceKey(std::string_view keyId) const = 0;
  [[nodiscard]] virtual bool isCardRevoked(std::string_view cardId) const = 0;

 protected:
  CardKeyDirectory() = default;
  CardKeyDirectory(const CardKeyDirectory&) = default;
  CardKeyDirectory& operator=(const CardKeyDirectory&) = default;
};

// This terminal's memory of accepted rotating codes, persistent across restarts.
// firstPresentation records `codeDigest` (64 lowercase hex characters) and returns true, or
// returns false when it is already recorded and not expired. Check and record must be one
// atomic step (two lanes scanning the same code: exactly one gets true). A record may be
// forgotten once nowUnix >= its expiresAtUnix: the code is refused as expired from then on.
// An Error (disk full, I/O) makes the verifier refuse the code: it fails closed.
class ReplayGuard {
 public:
  virtual ~ReplayGuard() = default;
  [[nodiscard]] virtual Result<bool> firstPresentation(std::string_view codeDigest,
                                                       std::int64_t expiresAtUnix,
                                                       std::int64_t nowUnix) = 0;

 protected:
  ReplayGuard() = default;
  ReplayGuard(const ReplayGuard&) = default;
  ReplayGuard& operator=(const ReplayGuard&) = default;
};

}  // namespace loyalty::cards
