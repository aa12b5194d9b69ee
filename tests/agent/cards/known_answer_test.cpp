// Known answers pinning the version 1 format: the RFC 8032 test key (section 7.1, test 1)
// signs the examples of docs/member-cards.md. Ed25519 is deterministic, so any change to
// the layout, the signed message or the encoding changes these texts; a phone app or HQ
// implementation can check itself against the same vectors.
#include <catch2/catch.hpp>

#include "card_test_support.h"
#include "cards/file_io.h"
#include "cards/public_key_text.h"

using namespace loyalty::cards;
using namespace loyalty::cards::test;

namespace {

constexpr const char* kStaticExample =
    "LY1SANEFCMIQGQYDAMBRGIZTIMJSGM2DCMRTGRJL6UAIOLYKIJ232QWF3DQYZA47RFP5P3NXM6EIZML3U5UTKLAGJ63Y4WK"
    "R6XBES4G3JSQWRQE6RUH7TROZUMT3RNK6WZTYT2DW2FUYSIAA";
constexpr const char* kStaticNoExpiryExample =
    "LY1SANEFCMIQGQYDAMBRGIZTIMJSGM2DCMRTGQAAARTJ6EVUZHANKHINTB7NDM3V36ALZSVQYFERDHUNOOBGXMH2J6XCN7B"
    "OENBZEX6HH2W4JKEAFHTA2FJNXG7MGZTHFENP77TL2MCPWEHA";
constexpr const char* kRotatingExample =
    "LY1RAJCDCA4GEO6P6PFMTBKJKGZP3BQQKAZB4RITI3XQLABDB4WO7ZKCCGIA43BREIO2QSCR347T4SHGAWELAJM7YUIWUOR"
    "Q2Z5OWGI4ZPI4L5TXQG23AQ";

CardSigner rfcSigner() {
  auto pem = readFileLimited(std::string(LOYALTY_SOURCE_DIR) +
                                 "/tests/agent/cards/data/rfc8032-test-key.pem",
                             4096, "test key");
  REQUIRE(pem);
  auto signer = CardSigner::fromPem(pem.value());
  REQUIRE(signer);
  return std::move(signer).value();
}

}  // namespace

TEST_CASE("known answers: the documented examples, byte for byte", "[cards][known-answer]") {
  const CardSigner signer = rfcSigner();
  CHECK(publicKeyToHex(signer.publicKey()) ==
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  CHECK(publicKeyToBase64Url(signer.publicKey()) == "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");

  CHECK(signer.staticCard("HQ1", "4000123412341234", 21183).value() == kStaticExample);  // 2027-12-31
  CHECK(signer.staticCard("HQ1", "4000123412341234", std::nullopt).value() == kStaticNoExpiryExample);
  CHECK(signer.rotatingCode("D1", kNow).value() == kRotatingExample);  // 2026-03-16T16:30:00Z

  auto parsed = parseCardPayload(kStaticExample);
  REQUIRE(parsed);
  CHECK(parsed->expiresOnDay == 0x52BF);
  auto code = parseCardPayload(kRotatingExample);
  REQUIRE(code);
  CHECK(code->timeStep == 0x038623BC);
}

TEST_CASE("known answers: the examples verify with the public key alone", "[cards][known-answer]") {
  MemoryCardKeyDirectory keys;
  const PublicKey key = parsePublicKey("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").value();
  keys.addIssuerKey("HQ1", IssuerKey{key, std::nullopt, std::nullopt});
  keys.addDeviceKey("D1", DeviceKey{key, "M-1001", "", false});
  MemoryReplayGuard replays;
  const CardVerifier verifier(keys, replays);
  CHECK(verifier.verify(kStaticExample, kNow).accepted);
  CHECK(verifier.verify(kStaticNoExpiryExample, kNow).accepted);
  CHECK(verifier.verify(kRotatingExample, kNow + 45).accepted);
  CHECK(verifier.verify(kStaticExample, 21184LL * 86400).reason == CardReason::expired);
}
