#include <catch2/catch.hpp>

#include <set>

#include "card_test_support.h"
#include "cards/base32.h"

using namespace loyalty::cards;
using namespace loyalty::cards::test;

TEST_CASE("verifier: a static card round-trips and names its card", "[cards][verifier]") {
  CardWorld world;
  const CardVerdict verdict = world.verifier.verify(world.staticCard(), kNow);
  CHECK(verdict.accepted);
  CHECK(verdict.reason == CardReason::accepted);
  CHECK(verdict.message == "Member card accepted.");
  CHECK(verdict.kind == CardKind::static_card);
  CHECK(verdict.keyId == "HQ1");
  CHECK(verdict.cardId == "4000123412341234");
  CHECK(verdict.memberId.empty());  // the store maps cards to members
  CHECK_FALSE(verdict.expiresOnDay);
  CHECK(world.replays.calls == 0);  // static cards are not replay-checked

  // A printed card is scanned again and again.
  for (int scan = 0; scan < 3; ++scan) CHECK(world.verifier.verify(world.staticCard(), kNow).accepted);
}

TEST_CASE("verifier: a rotating code round-trips and names the device key's member", "[cards][verifier]") {
  CardWorld world;
  const CardVerdict verdict = world.verifier.verify(world.rotatingCode(), kNow + 10);
  CHECK(verdict.accepted);
  CHECK(verdict.kind == CardKind::rotating_code);
  CHECK(verdict.keyId == "D1");
  CHECK(verdict.memberId == "M-1001");
  CHECK(verdict.cardId == "4000123412341234");
  CHECK(verdict.timeStep == kNow / 30);
  CHECK(verdict.codeValidUntilUnix == kNow + 60);
  CHECK(world.replays.calls == 1);
  CHECK(world.replays.lastExpiresAt == kNow + 60);
  CHECK(world.replays.lastDigest.size() == 64);
}

TEST_CASE("verifier: scanner whitespace around the text is ignored", "[cards][verifier]") {
  CardWorld world;
  CHECK(world.verifier.verify(world.staticCard() + "\r\n", kNow).accepted);
  CHECK(world.verifier.verify("  " + world.staticCard(), kNow).accepted);
  CHECK(world.verifier.verify(" \r\n\t", kNow).reason == CardReason::not_a_member_card);
}

TEST_CASE("verifier: format failures come first, with their own reasons", "[cards][verifier]") {
  CardWorld world;
  const std::string card = world.staticCard();
  CHECK(world.verifier.verify("https://example.com/", kNow).reason == CardReason::not_a_member_card);
  CHECK(world.verifier.verify("4006381333931", kNow).reason == CardReason::not_a_member_card);
  CHECK(world.verifier.verify("LY2" + card.substr(3), kNow).reason == CardReason::unsupported_version);
  CHECK(world.verifier.verify(card.substr(0, card.size() - 10), kNow).reason == CardReason::malformed);
  CHECK(world.verifier.verify("LY1S!!!!", kNow).reason == CardReason::malformed);
  const CardVerdict verdict = world.verifier.verify("LY1Sxyz", kNow);
  CHECK_FALSE(verdict.accepted);
  CHECK_FALSE(verdict.message.empty());
  CHECK_FALSE(verdict.detail.empty());
  CHECK_FALSE(verdict.kind);
}

TEST_CASE("verifier: unknown keys and forged signatures", "[cards][verifier]") {
  CardWorld world;
  auto unknown = world.hq.staticCard("HQ9", "4000123412341234", std::nullopt);
  REQUIRE(unknown);
  const CardVerdict unknownVerdict = world.verifier.verify(*unknown, kNow);
  CHECK(unknownVerdict.reason == CardReason::unknown_key);
  CHECK(unknownVerdict.keyId == "HQ9");
  CHECK(unknownVerdict.cardId.empty());  // nothing unverified is reported as fact

  auto forged = world.stranger.staticCard("HQ1", "4000123412341234", std::nullopt);
  REQUIRE(forged);
  const CardVerdict forgedVerdict = world.verifier.verify(*forged, kNow);
  CHECK(forgedVerdict.reason == CardReason::bad_signature);
  CHECK(forgedVerdict.cardId.empty());

  auto unknownDevice = world.device.rotatingCode("D9", kNow);
  REQUIRE(unknownDevice);
  CHECK(world.verifier.verify(*unknownDevice, kNow).reason == CardReason::unknown_key);
  auto forgedCode = world.stranger.rotatingCode("D1", kNow);
  REQUIRE(forgedCode);
  const CardVerdict forgedCodeVerdict = world.verifier.verify(*forgedCode, kNow);
  CHECK(forgedCodeVerdict.reason == CardReason::bad_signature);
  CHECK(forgedCodeVerdict.memberId.empty());
  // A device key cannot sign static cards and the HQ key cannot sign app codes: each kind
  // looks up its own key table.
  auto deviceAsStatic = world.device.staticCard("D1", "4000123412341234", std::nullopt);
  REQUIRE(deviceAsStatic);
  CHECK(world.verifier.verify(*deviceAsStatic, kNow).reason == CardReason::unknown_key);
  CHECK(world.replays.calls == 0);
}

TEST_CASE("verifier: a signature over another card does not carry over", "[cards][verifier]") {
  CardWorld world;
  auto parsed = parseCardPayload(world.staticCard("4000123412341234"));
  REQUIRE(parsed);
  CardPayload swapped = parsed.value();
  swapped.cardId = "4000999999999999";  // same signature, another card number
  auto text = encodeCardPayload(swapped);
  REQUIRE(text);
  CHECK(world.verifier.verify(*text, kNow).reason == CardReason::bad_signature);
  swapped = parsed.value();
  swapped.expiresOnDay = 1;  // or an added expiry
  text = encodeCardPayload(swapped);
  REQUIRE(text);
  CHECK(world.verifier.verify(*text, kNow).reason == CardReason::bad_signature);
}

TEST_CASE("verifier: every single-bit flip of a valid payload is refused", "[cards][verifier]") {
  CardWorld world;
  const std::string codes[] = {world.staticCard("4000123412341234", kToday + 300),
                               world.rotatingCode()};
  for (const std::string& genuine : codes) {
    for (std::size_t i = 0; i < genuine.size(); ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        std::string flipped = genuine;
        flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
        const CardVerdict verdict = world.verifier.verify(flipped, kNow);
        INFO("byte " << i << " bit " << bit << ": " << flipped);
        CHECK_FALSE(verdict.accepted);
      }
    }
    // None of the flips reached the replay record: the genuine code still works.
    CHECK(world.verifier.verify(genuine, kNow).accepted);
  }
  CHECK(world.replays.calls == 1);
}

TEST_CASE("verifier: static card expiry counts the store's calendar day", "[cards][verifier]") {
  CardWorld world;
  const std::string card = world.staticCard("4000123412341234", kToday);  // valid through today
  CHECK(world.verifier.verify(card, kNow).accepted);
  CHECK(world.verifier.verify(card, kNow, kToday).accepted);
  const CardVerdict expired = world.verifier.verify(card, kNow, kToday + 1);
  CHECK(expired.reason == CardReason::expired);
  CHECK(expired.message == "This card expired on 2026-03-16.");
  CHECK(expired.cardId == "4000123412341234");
  CHECK(expired.expiresOnDay == kToday);
  // Late evening UTC is already tomorrow in Asia: the store's date decides.
  const std::int64_t lateUtc = (kToday + 1) * 86400 - 60;
  CHECK(world.verifier.verify(card, lateUtc).accepted);
  CHECK(world.verifier.verify(card, lateUtc, kToday + 1).reason == CardReason::expired);
  CHECK(world.verifier.verify(card, kNow + 86400).reason == CardReason::expired);
}

TEST_CASE("verifier: an HQ card key's validity window bounds its cards", "[cards][verifier]") {
  CardWorld world;
  world.keys.addIssuerKey("HQ1", IssuerKey{world.hq.publicKey(), kNow - 100, kNow + 100});
  const std::string card = world.staticCard();
  CHECK(world.verifier.verify(card, kNow - 100).accepted);  // start included
  CHECK(world.verifier.verify(card, kNow + 99).accepted);
  const CardVerdict retired = world.verifier.verify(card, kNow + 100);  // end excluded
  CHECK(retired.reason == CardReason::expired);
  CHECK(retired.detail.find("retired on 2026-03-16") != std::string::npos);
  CHECK(world.verifier.verify(card, kNow - 101).reason == CardReason::not_yet_valid);
}

TEST_CASE("verifier: revoked cards and revoked device keys", "[cards][verifier]") {
  CardWorld world;
  world.keys.revokeCard("4000123412341234");
  const CardVerdict card = world.verifier.verify(world.staticCard(), kNow);
  CHECK(card.reason == CardReason::revoked);
  CHECK(card.message == "This card has been blocked.");
  CHECK(world.verifier.verify(world.staticCard("4000555555555555"), kNow).accepted);
  // The phone's key belongs to the revoked card: its codes stop too.
  CHECK(world.verifier.verify(world.rotatingCode(), kNow).reason == CardReason::revoked);

  CardWorld devices;
  devices.keys.addDeviceKey("D1", DeviceKey{devices.device.publicKey(), "M-1001", "", true});
  const CardVerdict device = devices.verifier.verify(devices.rotatingCode(), kNow);
  CHECK(device.reason == CardReason::revoked);
  CHECK(device.memberId == "M-1001");
  CHECK(device.message.find("app key has been revoked") != std::string::npos);
  CHECK(devices.replays.calls == 0);
  // An expired code of a revoked key says expired: time is checked before revocation.
  CHECK(devices.verifier.verify(devices.rotatingCode(kNow - 90), kNow).reason ==
        CardReason::expired);
}

TEST_CASE("verifier: rotating codes are accepted within one step of drift", "[cards][verifier]") {
  // A fresh terminal for each scan, so no check is a replay of an earlier one.
  auto scan = [](std::int64_t codeAt, std::int64_t now) {
    CardWorld world;
    return world.verifier.verify(world.rotatingCode(codeAt), now);
  };
  CHECK(scan(kNow - 30, kNow).accepted);  // -1
  CHECK(scan(kNow, kNow + 29).accepted);  // 0
  CHECK(scan(kNow + 30, kNow).accepted);  // +1
  const CardVerdict old = scan(kNow - 60, kNow);  // -2
  CHECK(old.reason == CardReason::expired);
  CHECK(old.detail.find("2 steps (60 s) behind") != std::string::npos);
  CHECK(old.message.find("refresh the code") != std::string::npos);
  const CardVerdict ahead = scan(kNow + 60, kNow);  // +2
  CHECK(ahead.reason == CardReason::not_yet_valid);
  CHECK(ahead.message.find("phone's clock") != std::string::npos);
  // Step boundaries: the code of step s is refused from the first second of step s + 2.
  CHECK(scan(kNow + 5, kNow + 60).reason == CardReason::expired);
  CHECK(scan(kNow, kNow + 59).accepted);
  CHECK(scan(kNow + 89, kNow + 30).accepted);
  CHECK(scan(kNow + 90, kNow + 29).reason == CardReason::not_yet_valid);
  // Before 1970 the steps still count down correctly (floor, not truncation).
  CHECK(scan(0, -1).accepted);
  CHECK(timeStepAt(-1) == -1);
  CHECK(timeStepAt(-30) == -1);
  CHECK(timeStepAt(-31) == -2);
}

TEST_CASE("verifier: an accepted rotating code is refused when presented again", "[cards][verifier]") {
  CardWorld world;
  const std::string code = world.rotatingCode();
  CHECK(world.verifier.verify(code, kNow).accepted);
  const CardVerdict again = world.verifier.verify(code, kNow + 20);
  CHECK(again.reason == CardReason::replayed);
  CHECK(again.memberId == "M-1001");
  // Re-spelled with surrounding whitespace: still the same code.
  CHECK(world.verifier.verify(" " + code + "\n", kNow + 25).reason == CardReason::replayed);
  // After its window the code is expired, whatever the replay record says.
  CHECK(world.verifier.verify(code, kNow + 60).reason == CardReason::expired);
  // The next step's code is a new code.
  CHECK(world.verifier.verify(world.rotatingCode(kNow + 30), kNow + 30).accepted);
}

TEST_CASE("verifier: a forged or refused code never burns the genuine one", "[cards][verifier]") {
  CardWorld world;
  auto forged = world.stranger.rotatingCode("D1", kNow);  // same key id and step, wrong key
  REQUIRE(forged);
  CHECK(world.verifier.verify(*forged, kNow).reason == CardReason::bad_signature);
  // A genuine code with its signature damaged: same (key, step), so the same replay digest.
  auto parsed = parseCardPayload(world.rotatingCode());
  REQUIRE(parsed);
  CardPayload damaged = parsed.value();
  damaged.signature[5] ^= 0x10;
  auto damagedText = encodeCardPayload(damaged);
  REQUIRE(damagedText);
  CHECK(world.verifier.verify(*damagedText, kNow).reason == CardReason::bad_signature);
  CHECK(world.replays.calls == 0);
  CHECK(world.verifier.verify(world.rotatingCode(), kNow).accepted);
  CHECK(world.replays.calls == 1);
  CHECK(replayDigest(damaged) == world.replays.lastDigest);
}

TEST_CASE("verifier: a replay guard failure refuses the code (fails closed)", "[cards][verifier]") {
  CardWorld world;
  world.replays.failing = true;
  const CardVerdict verdict = world.verifier.verify(world.rotatingCode(), kNow);
  CHECK_FALSE(verdict.accepted);
  CHECK(verdict.reason == CardReason::replay_check_failed);
  CHECK(verdict.detail.find("disk_full") != std::string::npos);
  world.replays.failing = false;
  CHECK(world.verifier.verify(world.rotatingCode(), kNow).accepted);
}

TEST_CASE("verdict: reason table, caller refusals", "[cards][verifier]") {
  const CardReason all[] = {CardReason::accepted, CardReason::not_a_member_card,
                            CardReason::unsupported_version, CardReason::malformed,
                            CardReason::unknown_key, CardReason::bad_signature,
                            CardReason::expired, CardReason::not_yet_valid, CardReason::revoked,
                            CardReason::replayed, CardReason::replay_check_failed,
                            CardReason::unknown_member, CardReason::member_closed};
  std::set<std::string_view> codes;
  for (const CardReason reason : all) {
    CHECK(cardReasonFromString(toString(reason)) == reason);
    CHECK(cashierSentence(reason).back() == '.');
    codes.insert(toString(reason));
  }
  CHECK(codes.size() == std::size(all));
  CHECK(toString(CardReason::member_closed) == "member_closed");
  CHECK_FALSE(cardReasonFromString("no_such_reason"));

  CardWorld world;
  const CardVerdict accepted = world.verifier.verify(world.rotatingCode(), kNow);
  REQUIRE(accepted.accepted);
  const CardVerdict closed = refuse(accepted, CardReason::member_closed);
  CHECK_FALSE(closed.accepted);
  CHECK(closed.reason == CardReason::member_closed);
  CHECK(closed.message == "This member's account is closed.");
  CHECK(closed.memberId == "M-1001");
  CHECK(refuse(accepted, CardReason::unknown_member, "Custom.").message == "Custom.");
}
