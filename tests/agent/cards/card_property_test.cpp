// Seeded property test: random keys, card ids, expiries and instants round-trip through
// signing, encoding, parsing and verification, and no single-bit flip is ever accepted.
#include <catch2/catch.hpp>

#include <random>

#include "card_test_support.h"

using namespace loyalty::cards;
using namespace loyalty::cards::test;

namespace {

constexpr std::string_view kIdChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

std::string randomId(std::mt19937_64& random, std::size_t maxLength) {
  std::string id(1 + random() % maxLength, 'x');
  for (char& c : id) c = kIdChars[random() % kIdChars.size()];
  return id;
}

}  // namespace

TEST_CASE("property: random cards and codes verify, and every bit flip is refused", "[cards][property]") {
  const std::uint64_t seed = 0x10CA1C0DE;
  std::mt19937_64 random(seed);
  INFO("seed " << seed);
  for (int round = 0; round < 60; ++round) {
    CardSigner signer = newSigner();
    MemoryCardKeyDirectory keys;
    MemoryReplayGuard replays;
    const CardVerifier verifier(keys, replays);
    const std::string keyId = randomId(random, kMaxKeyIdLength);
    // Any instant from 1970 (plus a minute) to the end of the 32-bit step range.
    const auto now = 60 + static_cast<std::int64_t>(
                              random() % static_cast<std::uint64_t>((kMaxTimeStep - 2) * 30));
    const bool isStatic = random() % 2 == 0;
    std::string payload;
    std::string cardId;
    std::int64_t expires = 0;
    if (isStatic) {
      cardId = randomId(random, kMaxCardIdLength);
      // An expiry on or after the store's day (so the card is valid now), or none; after
      // 2149 no date can be given at all.
      const std::int64_t today = now / 86400;
      if (random() % 3 != 0 && today < kMaxExpiryDay) {
        expires = std::min<std::int64_t>(kMaxExpiryDay, std::max<std::int64_t>(1, today + static_cast<std::int64_t>(random() % 4000)));
      }
      keys.addIssuerKey(keyId, IssuerKey{signer.publicKey(), std::nullopt, std::nullopt});
      auto signedCard = signer.staticCard(keyId, cardId, expires == 0 ? std::nullopt : std::optional(expires));
      REQUIRE(signedCard);
      payload = signedCard.value();
    } else {
      cardId = random() % 2 == 0 ? randomId(random, kMaxCardIdLength) : "";
      keys.addDeviceKey(keyId, DeviceKey{signer.publicKey(), "M-" + std::to_string(round), cardId, false});
      const std::int64_t drift = static_cast<std::int64_t>(random() % 3) - 1;  // -1, 0, +1 step
      const std::int64_t codeAt = (timeStepAt(now) + drift) * 30 + static_cast<std::int64_t>(random() % 30);
      auto code = signer.rotatingCode(keyId, codeAt);
      REQUIRE(code);
      payload = code.value();
    }
    INFO("round " << round << " payload " << payload);
    CHECK(payload.size() <= 171);

    auto parsed = parseCardPayload(payload);
    REQUIRE(parsed);
    CHECK(parsed->keyId == keyId);
    auto reencoded = encodeCardPayload(parsed.value());
    REQUIRE(reencoded);
    CHECK(reencoded.value() == payload);

    for (int flip = 0; flip < 40; ++flip) {
      std::string flipped = payload;
      const std::size_t at = random() % flipped.size();
      flipped[at] = static_cast<char>(flipped[at] ^ (1 << (random() % 8)));
      INFO("flipped at " << at << ": " << flipped);
      CHECK_FALSE(verifier.verify(flipped, now).accepted);
    }

    const CardVerdict verdict = verifier.verify(payload, now);
    CHECK(verdict.accepted);
    CHECK(verdict.keyId == keyId);
    CHECK(verdict.cardId == cardId);
    if (isStatic) {
      CHECK(verdict.expiresOnDay.value_or(0) == expires);
    } else {
      CHECK(verdict.memberId == "M-" + std::to_string(round));
      CHECK(verifier.verify(payload, now).reason == CardReason::replayed);
    }
  }
}
