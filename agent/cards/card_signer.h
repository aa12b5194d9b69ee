// Issuing side of member codes: HQ signs static cards with its card key; the phone app
// signs rotating codes with its device key. The terminal never signs anything; this class
// serves HQ tooling (loyaltyctl card issue), the demo, tests and as the phone app's reference.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cards/card_payload.h"
#include "cards/ed25519.h"
#include "engine/result.h"

namespace loyalty::cards {

class CardSigner {
 public:
  explicit CardSigner(SigningKey key) noexcept : key_(std::move(key)) {}
  // Errors as SigningKey::fromPem.
  [[nodiscard]] static Result<CardSigner> fromPem(std::string_view pem);

  [[nodiscard]] const PublicKey& publicKey() const noexcept { return key_.publicKey(); }

  // "LY1S..." for card `cardId`, signed as HQ card key `keyId`; `expiresOnDay` is the last
  // valid day (days since 1970-01-01), none for a card that never expires.
  // Errors: invalid_input "bad_key_id", "bad_card_id", "bad_expiry"; rejected "signing_failed".
  [[nodiscard]] Result<std::string> staticCard(std::string_view keyId, std::string_view cardId,
                                               std::optional<std::int64_t> expiresOnDay) const;

  // "LY1R..." for the 30-second step containing `atUnix`, signed as device key `keyId`.
  // Errors: invalid_input "bad_key_id", "bad_time_step"; rejected "signing_failed".
  [[nodiscard]] Result<std::string> rotatingCode(std::string_view keyId, std::int64_t atUnix) const;

 private:
  [[nodiscard]] Result<std::string> signAndEncode(CardPayload payload) const;

  SigningKey key_;
};

}  // namespace loyalty::cards
