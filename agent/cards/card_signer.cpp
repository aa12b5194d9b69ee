#include "card_signer.h"

#include <utility>

#include "cards/card_verifier.h"

namespace loyalty::cards {

Result<CardSigner> CardSigner::fromPem(std::string_view pem) {
  auto key = SigningKey::fromPem(pem);
  if (!key) return key.error();
  return CardSigner(std::move(key).value());
}

Result<std::string> CardSigner::staticCard(std::string_view keyId, std::string_view cardId,
                                           std::optional<std::int64_t> expiresOnDay) const {
  CardPayload payload;
  payload.kind = CardKind::static_card;
  payload.keyId = keyId;
  payload.cardId = cardId;
  if (expiresOnDay) {
    // Day 0 is the "never expires" marker, so it cannot be an expiry date itself.
    if (*expiresOnDay < 1 || *expiresOnDay > kMaxExpiryDay) {
      return makeError(ErrorCode::invalid_input, "bad_expiry",
                       "A card expiry must fall between 1970-01-02 and 2149-06-06.");
    }
    payload.expiresOnDay = *expiresOnDay;
  }
  return signAndEncode(std::move(payload));
}

Result<std::string> CardSigner::rotatingCode(std::string_view keyId, std::int64_t atUnix) const {
  CardPayload payload;
  payload.kind = CardKind::rotating_code;
  payload.keyId = keyId;
  payload.timeStep = timeStepAt(atUnix);
  return signAndEncode(std::move(payload));
}

Result<std::string> CardSigner::signAndEncode(CardPayload payload) const {
  // encodeCardPayload validates every field; signing an invalid payload is never attempted.
  if (auto invalid = encodeCardPayload(payload); !invalid) return invalid.error();
  auto signature = key_.sign(signedMessage(payload));
  if (!signature) return signature.error();
  payload.signature = signature.value();
  return encodeCardPayload(payload);
}

}  // namespace loyalty::cards
