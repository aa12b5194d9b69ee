#include "card_verifier.h"

#include <array>
#include <utility>

#include <openssl/evp.h>

#include "engine/calendar.h"

namespace loyalty::cards {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

std::int64_t floorDiv(std::int64_t value, std::int64_t divisor) noexcept {
  const std::int64_t quotient = value / divisor;
  return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient;
}

std::string dayText(std::int64_t day) { return engine::formatDate(engine::civilFromDays(day)); }

std::string_view trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

CardVerdict refused(CardVerdict verdict, CardReason reason, std::string message,
                    std::string detail) {
  verdict = refuse(std::move(verdict), reason, std::move(message));
  verdict.detail = std::move(detail);
  return verdict;
}

CardVerdict acceptedVerdict(CardVerdict verdict) {
  verdict = refuse(std::move(verdict), CardReason::accepted);
  verdict.detail.clear();
  return verdict;
}

std::string stepsText(std::int64_t steps) {
  return std::to_string(steps) + (steps == 1 ? " step" : " steps") + " (" +
         std::to_string(steps * kTimeStepSeconds) + " s)";
}

}  // namespace

std::int64_t timeStepAt(std::int64_t unixSeconds) noexcept {
  return floorDiv(unixSeconds, kTimeStepSeconds);
}

std::string replayDigest(const CardPayload& code) {
  const std::vector<std::uint8_t> message = signedMessage(code);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(message.data(), message.size(), digest.data(), &length, EVP_sha256(), nullptr) !=
      1) {
    throw std::runtime_error("SHA-256 is unavailable in OpenSSL");  // a broken installation
  }
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string text;
  text.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    text.push_back(kHex[digest[i] >> 4]);
    text.push_back(kHex[digest[i] & 0x0F]);
  }
  return text;
}

CardVerdict CardVerifier::verify(std::string_view payload, std::int64_t nowUnix) const {
  return verify(payload, nowUnix, floorDiv(nowUnix, kSecondsPerDay));
}

CardVerdict CardVerifier::verify(std::string_view payload, std::int64_t nowUnix,
                                 std::int64_t storeLocalDay) const {
  CardVerdict verdict;
  auto parsed = parseCardPayload(trimmed(payload));
  if (!parsed) {
    const Error& error = parsed.error();
    const CardReason reason = cardReasonFromString(error.reason).value_or(CardReason::malformed);
    return refused(std::move(verdict), reason, {}, error.message);
  }
  const CardPayload& card = parsed.value();
  verdict.kind = card.kind;
  verdict.keyId = card.keyId;
  return card.kind == CardKind::static_card
             ? verifyStatic(card, std::move(verdict), nowUnix, storeLocalDay)
             : verifyRotating(card, std::move(verdict), nowUnix);
}

CardVerdict CardVerifier::verifyStatic(const CardPayload& card, CardVerdict verdict,
                                       std::int64_t nowUnix, std::int64_t storeLocalDay) const {
  const std::optional<IssuerKey> key = keys_.issuerKey(card.keyId);
  if (!key) {
    return refused(std::move(verdict), CardReason::unknown_key, {},
                   "No HQ card key '" + card.keyId + "' in the snapshot.");
  }
  if (!verifySignature(key->publicKey, signedMessage(card), card.signature)) {
    return refused(std::move(verdict), CardReason::bad_signature, {},
                   "The signature does not verify with HQ card key '" + card.keyId + "'.");
  }
  verdict.cardId = card.cardId;
  if (card.expiresOnDay != 0) verdict.expiresOnDay = card.expiresOnDay;

  if (card.expiresOnDay != 0 && storeLocalDay > card.expiresOnDay) {
    const std::string date = dayText(card.expiresOnDay);
    return refused(std::move(verdict), CardReason::expired, "This card expired on " + date + ".",
                   "Card " + card.cardId + " was valid through " + date + " (store date " +
                       dayText(storeLocalDay) + ").");
  }
  if (key->validFromUnix && nowUnix < *key->validFromUnix) {
    const std::string date = dayText(floorDiv(*key->validFromUnix, kSecondsPerDay));
    return refused(std::move(verdict), CardReason::not_yet_valid,
                   "This card is not valid before " + date + ".",
                   "HQ card key '" + card.keyId + "' is valid from " + date + " (UTC).");
  }
  if (key->validUntilUnix && nowUnix >= *key->validUntilUnix) {
    const std::string date = dayText(floorDiv(*key->validUntilUnix, kSecondsPerDay));
    return refused(std::move(verdict), CardReason::expired,
                   "This card is no longer valid; the member needs a new card.",
                   "HQ card key '" + card.keyId + "' was retired on " + date + " (UTC).");
  }
  if (keys_.isCardRevoked(card.cardId)) {
    return refused(std::move(verdict), CardReason::revoked, {},
                   "Card " + card.cardId + " is on the snapshot's revocation list.");
  }
  return acceptedVerdict(std::move(verdict));
}

CardVerdict CardVerifier::verifyRotating(const CardPayload& code, CardVerdict verdict,
                                         std::int64_t nowUnix) const {
  const std::optional<DeviceKey> key = keys_.deviceKey(code.keyId);
  if (!key) {
    return refused(std::move(verdict), CardReason::unknown_key,
                   "This app code's key is not known to this terminal; the terminal may need "
                   "to sync, or the member can show the printed card.",
                   "No device key '" + code.keyId + "' in the snapshot.");
  }
  if (!verifySignature(key->publicKey, signedMessage(code), code.signature)) {
    return refused(std::move(verdict), CardReason::bad_signature, {},
                   "The signature does not verify with device key '" + code.keyId + "'.");
  }
  verdict.memberId = key->memberId;
  verdict.cardId = key->cardId;
  verdict.timeStep = code.timeStep;
  // The code is refused as expired from the start of step + 2 on: that instant also ends
  // the replay record's life.
  const std::int64_t validUntil = (code.timeStep + 2) * kTimeStepSeconds;
  verdict.codeValidUntilUnix = validUntil;

  const std::int64_t current = timeStepAt(nowUnix);
  if (code.timeStep < current - 1) {
    return refused(std::move(verdict), CardReason::expired,
                   "This code has expired; ask the member to refresh the code in the app.",
                   "The code's time step is " + stepsText(current - code.timeStep) +
                       " behind the terminal's clock; one step is allowed.");
  }
  if (code.timeStep > current + 1) {
    return refused(std::move(verdict), CardReason::not_yet_valid,
                   "This code is ahead of the terminal's clock; the phone's clock may be wrong.",
                   "The code's time step is " + stepsText(code.timeStep - current) +
                       " ahead of the terminal's clock; one step is allowed.");
  }
  if (key->revoked) {
    return refused(std::move(verdict), CardReason::revoked,
                   "This phone's app key has been revoked; the member must register the app "
                   "again or show the printed card.",
                   "Device key '" + code.keyId + "' is revoked in the snapshot.");
  }
  if (!key->cardId.empty() && keys_.isCardRevoked(key->cardId)) {
    return refused(std::move(verdict), CardReason::revoked, {},
                   "Card " + key->cardId + " of device key '" + code.keyId +
                       "' is on the snapshot's revocation list.");
  }
  auto first = replays_.firstPresentation(replayDigest(code), validUntil, nowUnix);
  if (!first) {
    return refused(std::move(verdict), CardReason::replay_check_failed, {},
                   first.error().reason + ": " + first.error().message);
  }
  if (!first.value()) {
    return refused(std::move(verdict), CardReason::replayed, {},
                   "Device key '" + code.keyId + "', time step " +
                       std::to_string(code.timeStep) + " was accepted here before.");
  }
  return acceptedVerdict(std::move(verdict));
}

}  // namespace loyalty::cards
