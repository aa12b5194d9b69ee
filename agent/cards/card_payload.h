// The member card payload, version 1: the text a QR code carries, its binary body and the
// message that is signed. Byte layout and rationale: docs/member-cards.md.
//
//   text      = prefix base32(body)            prefix "LY1S" static card, "LY1R" rotating code
//   body (S)  = u8 len, key id, u8 len, card id, u16 expiry day (0 = none), signature[64]
//   body (R)  = u8 len, key id, u32 time step, signature[64]
//   signed    = "loyalty-card-v1" 0x00 prefix body-without-signature
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cards/ed25519.h"
#include "engine/result.h"

namespace loyalty::cards {

enum class CardKind {
  static_card,    // printed card, signed by an HQ card key
  rotating_code,  // phone app code, signed by a member's registered device key
};

[[nodiscard]] std::string_view toString(CardKind kind) noexcept;  // "static", "rotating"

inline constexpr std::string_view kStaticPrefix = "LY1S";
inline constexpr std::string_view kRotatingPrefix = "LY1R";
inline constexpr std::string_view kSignatureDomain = "loyalty-card-v1";
inline constexpr std::int64_t kTimeStepSeconds = 30;
inline constexpr std::size_t kMaxKeyIdLength = 16;
inline constexpr std::size_t kMaxCardIdLength = 20;
// Last day a 16-bit day count can name: 2149-06-06. 0 means "no expiry".
inline constexpr std::int64_t kMaxExpiryDay = 0xFFFF;
inline constexpr std::int64_t kMaxTimeStep = 0xFFFFFFFFLL;
// Longer texts are refused before any decoding (a version 1 payload is at most ~170).
inline constexpr std::size_t kMaxPayloadLength = 256;

struct CardPayload {
  CardKind kind = CardKind::static_card;
  std::string keyId;                // HQ card key id (static) or device key id (rotating)
  std::string cardId;               // static cards only: the printed card number
  std::int64_t expiresOnDay = 0;    // static: last valid day, days since 1970-01-01; 0 = never
  std::int64_t timeStep = 0;        // rotating: floor(unix seconds / 30)
  Signature signature{};
};

// Key ids and card ids: 1..16 (key) or 1..20 (card) characters of A-Z a-z 0-9 . _ -
// Errors: invalid_input "bad_key_id" / "bad_card_id" with a sentence.
[[nodiscard]] std::optional<Error> checkKeyId(std::string_view keyId);
[[nodiscard]] std::optional<Error> checkCardId(std::string_view cardId);

// The exact bytes the signature covers (everything but the signature, plus the domain and
// the text prefix, so a code cannot be replayed as another kind or version).
// Precondition: fields valid (checkKeyId/checkCardId, ranges); throws std::invalid_argument.
[[nodiscard]] std::vector<std::uint8_t> signedMessage(const CardPayload& payload);

// The QR text. Errors: invalid_input "bad_key_id", "bad_card_id", "bad_expiry",
// "bad_time_step".
[[nodiscard]] Result<std::string> encodeCardPayload(const CardPayload& payload);

// Parses the QR text (no signature check). Errors (parse_error), reason codes shared with
// CardReason: "not_a_member_card" (no "LY<digit>" prefix), "unsupported_version" (LY2.. and
// later), "malformed" (a version 1 prefix with a body that does not decode or lay out).
[[nodiscard]] Result<CardPayload> parseCardPayload(std::string_view text);

}  // namespace loyalty::cards
