#include <catch2/catch.hpp>

#include "cards/base32.h"
#include "cards/card_payload.h"

using namespace loyalty::cards;

namespace {

CardPayload staticPayload() {
  CardPayload payload;
  payload.kind = CardKind::static_card;
  payload.keyId = "HQ1";
  payload.cardId = "4000123412341234";
  payload.expiresOnDay = 20819;  // 2027-01-01
  for (std::size_t i = 0; i < payload.signature.size(); ++i) {
    payload.signature[i] = static_cast<std::uint8_t>(i * 7);
  }
  return payload;
}

std::string reasonOf(std::string_view text) {
  auto parsed = parseCardPayload(text);
  return parsed ? "ok" : parsed.error().reason;
}

}  // namespace

TEST_CASE("payload: both kinds encode and parse back field for field", "[cards][payload]") {
  const CardPayload card = staticPayload();
  auto text = encodeCardPayload(card);
  REQUIRE(text);
  CHECK(text->rfind("LY1S", 0) == 0);
  auto parsed = parseCardPayload(*text);
  REQUIRE(parsed);
  CHECK(parsed->kind == CardKind::static_card);
  CHECK(parsed->keyId == "HQ1");
  CHECK(parsed->cardId == "4000123412341234");
  CHECK(parsed->expiresOnDay == 20819);
  CHECK(parsed->signature == card.signature);

  CardPayload code;
  code.kind = CardKind::rotating_code;
  code.keyId = "dev-7f3a.b_2";
  code.timeStep = 59122620;
  code.signature = card.signature;
  auto rotating = encodeCardPayload(code);
  REQUIRE(rotating);
  CHECK(rotating->rfind("LY1R", 0) == 0);
  auto back = parseCardPayload(*rotating);
  REQUIRE(back);
  CHECK(back->kind == CardKind::rotating_code);
  CHECK(back->keyId == "dev-7f3a.b_2");
  CHECK(back->timeStep == 59122620);
  CHECK(back->cardId.empty());
}

TEST_CASE("payload: sizes stay within a small QR code", "[cards][payload]") {
  CardPayload largest = staticPayload();
  largest.keyId = std::string(kMaxKeyIdLength, 'K');
  largest.cardId = std::string(kMaxCardIdLength, '9');
  auto text = encodeCardPayload(largest);
  REQUIRE(text);
  // 4 + base32 of 1+16+1+20+2+64 = 104 bytes: 167 characters, QR version 7-M holds 178.
  CHECK(text->size() == 171);
  auto typical = encodeCardPayload(staticPayload());
  REQUIRE(typical);
  CHECK(typical->size() == 4 + ((1 + 3 + 1 + 16 + 2 + 64) * 8 + 4) / 5);

  CardPayload code;
  code.kind = CardKind::rotating_code;
  code.keyId = std::string(kMaxKeyIdLength, 'D');
  code.timeStep = kMaxTimeStep;
  auto rotating = encodeCardPayload(code);
  REQUIRE(rotating);
  CHECK(rotating->size() == 4 + ((1 + 16 + 4 + 64) * 8 + 4) / 5);
}

TEST_CASE("payload: the signed message binds domain, prefix and every field", "[cards][payload]") {
  const CardPayload card = staticPayload();
  const auto message = signedMessage(card);
  const std::string expectedStart = std::string("loyalty-card-v1") + '\0' + "LY1S";
  REQUIRE(message.size() == expectedStart.size() + 1 + 3 + 1 + 16 + 2);
  CHECK(std::string(message.begin(), message.begin() + 20) == expectedStart);
  CHECK(message.back() == (20819 & 0xFF));
  CardPayload other = card;
  other.expiresOnDay = 20820;
  CHECK(signedMessage(other) != message);
  other = card;
  other.cardId = "4000123412341235";
  CHECK(signedMessage(other) != message);
  other = card;
  other.signature[0] ^= 1;  // the signature itself is not signed
  CHECK(signedMessage(other) == message);
}

TEST_CASE("payload: wrong prefix or version, not base32, truncated", "[cards][payload]") {
  auto text = encodeCardPayload(staticPayload());
  REQUIRE(text);
  const std::string body = text->substr(4);

  CHECK(reasonOf("") == "not_a_member_card");
  CHECK(reasonOf("https://example.com/LY1S") == "not_a_member_card");
  CHECK(reasonOf("LYX" + body) == "not_a_member_card");
  CHECK(reasonOf("ly1s" + body) == "not_a_member_card");
  CHECK(reasonOf("LY2S" + body) == "unsupported_version");
  CHECK(reasonOf("LY0S" + body) == "unsupported_version");
  CHECK(reasonOf("LY1X" + body) == "malformed");
  CHECK(reasonOf("LY1S") == "malformed");
  CHECK(reasonOf("LY1S" + body + "A") == "malformed");  // one byte more than the layout
  std::string lower = *text;
  const auto letter = lower.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4);
  REQUIRE(letter != std::string::npos);
  lower[letter] = static_cast<char>(lower[letter] | 0x20);
  CHECK(reasonOf(lower) == "malformed");
  CHECK(reasonOf("LY1S" + body.substr(0, body.size() - 8)) == "malformed");  // 5 bytes short
  CHECK(reasonOf("LY1S" + body + "AAAAAAAA") == "malformed");  // 5 bytes too many
  CHECK(reasonOf("LY1R" + body) == "malformed");  // a static body read as a rotating one
  CHECK(reasonOf("LY1S" + std::string(400, 'A')) == "malformed");
  for (std::size_t cut = 0; cut < text->size(); ++cut) {
    CHECK(reasonOf(text->substr(0, cut)) != "ok");
  }
}

TEST_CASE("payload: a body with bad field values is malformed", "[cards][payload]") {
  auto build = [](std::vector<std::uint8_t> fields) {
    fields.resize(fields.size() + 64, 0xAB);  // a signature's worth of bytes
    return "LY1S" + encodeBase32(fields);
  };
  CHECK(reasonOf(build({3, 'H', 'Q', '1', 2, '4', '2', 0, 0})) == "ok");
  CHECK(reasonOf(build({0, 2, '4', '2', 0, 0})) == "malformed");          // empty key id
  CHECK(reasonOf(build({3, 'H', ' ', '1', 2, '4', '2', 0, 0})) == "malformed");  // space
  CHECK(reasonOf(build({3, 'H', 'Q', '1', 21, '4', '2', 0, 0})) == "malformed");  // card id longer than 20
  CHECK(reasonOf(build({17, 'H'})) == "malformed");  // key id longer than 16
}

TEST_CASE("payload: encoding refuses fields the format cannot carry", "[cards][payload]") {
  CardPayload card = staticPayload();
  card.keyId = "";
  CHECK(encodeCardPayload(card).error().reason == "bad_key_id");
  card.keyId = std::string(17, 'K');
  CHECK(encodeCardPayload(card).error().reason == "bad_key_id");
  card = staticPayload();
  card.cardId = "4000 1234";
  CHECK(encodeCardPayload(card).error().reason == "bad_card_id");
  card.cardId = std::string(21, '1');
  CHECK(encodeCardPayload(card).error().reason == "bad_card_id");
  card = staticPayload();
  card.expiresOnDay = 65536;
  CHECK(encodeCardPayload(card).error().reason == "bad_expiry");
  CardPayload code;
  code.kind = CardKind::rotating_code;
  code.keyId = "D1";
  code.timeStep = -1;
  CHECK(encodeCardPayload(code).error().reason == "bad_time_step");
  CHECK_THROWS_AS(signedMessage(code), std::invalid_argument);
}
