// Member cards through POST /v1/scan of a real agent (issue 3, "Bad input: forged,
// truncated, bit-flipped and replayed cards"). Cards are made with the real loyaltyctl:
// static cards signed with the generated snapshot's HQ card key, rotating codes with a
// device key rebuilt from the generator's seed (docs/snapshot-format.md, generated keys).
#include "daemon_test_support.h"

#include <cstring>
#include <fstream>
#include <iterator>
#include <map>

#include "ed25519_key.h"
#include "member_generator.h"

namespace loyalty::daemon_test {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// RFC 4648 base32 without padding, as docs/member-cards.md writes payload bodies; written
// here again so the test flips real bits of the body rather than trusting the agent's codec.
std::vector<std::uint8_t> base32Decode(const std::string& text) {
  std::vector<std::uint8_t> out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const char* at = std::strchr(kAlphabet, c);
    REQUIRE((at != nullptr && c != '\0'));
    buffer = (buffer << 5) | static_cast<std::uint32_t>(at - kAlphabet);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xFFu));
    }
  }
  return out;
}

std::string base32Encode(const std::vector<std::uint8_t>& bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::uint8_t byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kAlphabet[(buffer >> bits) & 31u]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31u]);
  return out;
}

std::string issueCard(const std::string& keyPath, const std::string& keyId,
                      const std::string& card, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"card", "issue", "--key", keyPath, "--key-id", keyId, "--card", card};
  args.insert(args.end(), extra.begin(), extra.end());
  auto issued = testing::runCtl(args);
  REQUIRE(issued);
  INFO(issued->err);
  REQUIRE(issued->status.code == 0);
  std::string payload = issued->out;
  while (!payload.empty() && payload.back() == '\n') payload.pop_back();
  REQUIRE(payload.rfind("LY1S", 0) == 0);
  return payload;
}

json scanPayload(pos::PosClient& client, const std::string& payload) {
  const auto answer = call(client, "POST", "/v1/scan", json{{"payload", payload}}.dump());
  INFO(answer.body);
  REQUIRE(answer.status == 200);
  return bodyOf(answer);
}

const testing::SnapshotMember* findMember(const std::vector<testing::SnapshotMember>& members,
                                          bool (*wanted)(const testing::SnapshotMember&)) {
  for (const auto& member : members) {
    if (wanted(member)) return &member;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a static card is accepted as payload and as PNG, and forged, altered and revoked cards are refused",
          "[daemon][cards]") {
  AgentOptions options;
  options.members = 400;  // enough for revoked cards among the generated members
  auto agent = startedAgent("cards-static", options);
  auto client = agent->client();
  const auto all = agent->snapshotMembers();
  REQUIRE(all);
  const auto* holder = findMember(all.value(), [](const testing::SnapshotMember& m) {
    return m.status == "active" && m.revokedCards.empty() && !m.cards.empty();
  });
  REQUIRE(holder != nullptr);
  const std::string card = holder->cards.front();
  const std::string keyPath = agent->cardKeyPath().string();
  const std::string pngPath = (agent->dir() / "card.png").string();
  const std::string payload = issueCard(keyPath, "hq-card-1", card, {"--png", pngPath});

  const json accepted = scanPayload(*client, payload);
  CHECK(accepted["accepted"] == true);
  CHECK(accepted["reason"] == "accepted");
  CHECK(accepted["card_id"] == card);
  CHECK(accepted["member"]["member_id"] == holder->id);
  CHECK(scanPayload(*client, payload)["accepted"] == true);  // a printed card is shown at every visit

  const std::string png = [&] {
    std::ifstream in(pngPath, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  REQUIRE(png.size() > 100);
  const auto fromImage = call(*client, "POST", "/v1/scan", png, "image/png");
  INFO(fromImage.body);
  REQUIRE(fromImage.status == 200);
  CHECK(bodyOf(fromImage)["accepted"] == true);
  CHECK(bodyOf(fromImage)["card_id"] == card);
  const auto noPicture = call(*client, "POST", "/v1/scan", std::string(500, 'x'), "image/png");
  CHECK(noPicture.status >= 400);
  CHECK(noPicture.status < 500);

  SECTION("forged: the same card signed by another key under HQ's key id") {
    const std::string otherKey = (agent->dir() / "forger.pem").string();
    auto made = testing::runCtl({"card", "keygen", "--out", otherKey});
    REQUIRE(made);
    REQUIRE(made->status.code == 0);
    const json forged = scanPayload(*client, issueCard(otherKey, "hq-card-1", card));
    CHECK(forged["accepted"] == false);
    CHECK(forged["reason"] == "bad_signature");
    CHECK_FALSE(forged.contains("member"));
    CHECK(scanPayload(*client, issueCard(keyPath, "hq-card-9", card))["reason"] == "unknown_key");
  }
  SECTION("truncated at several lengths") {
    const auto empty = call(*client, "POST", "/v1/scan", json{{"payload", ""}}.dump());
    CHECK(empty.status == 422);
    CHECK(errorReason(empty) == "empty_value");
    for (std::size_t keep : {std::size_t{1}, std::size_t{3}, std::size_t{4}, std::size_t{5}, payload.size() / 2,
                             payload.size() - 8, payload.size() - 2, payload.size() - 1}) {
      INFO("kept " << keep << " of " << payload.size() << " characters");
      const json truncated = scanPayload(*client, payload.substr(0, keep));
      CHECK(truncated["accepted"] == false);
      const std::string reason = truncated["reason"];
      CHECK((reason == "malformed" || reason == "not_a_member_card"));
    }
  }
  SECTION("every single bit of the body flipped") {
    const std::vector<std::uint8_t> body = base32Decode(payload.substr(4));
    REQUIRE(base32Encode(body) == payload.substr(4));
    std::map<std::string, int> reasons;
    for (std::size_t bit = 0; bit < body.size() * 8; ++bit) {
      std::vector<std::uint8_t> flipped = body;
      flipped[bit / 8] = static_cast<std::uint8_t>(flipped[bit / 8] ^ (0x80u >> (bit % 8)));
      const json verdict = scanPayload(*client, "LY1S" + base32Encode(flipped));
      INFO("bit " << bit);
      CHECK(verdict["accepted"] == false);
      ++reasons[verdict["reason"].get<std::string>()];
    }
    for (const auto& [reason, count] : reasons) UNSCOPED_INFO(reason << ": " << count);
    CHECK(reasons.count("bad_signature") == 1);  // the card id, expiry and signature bits
    for (const auto& [reason, count] : reasons) {
      CHECK((reason == "bad_signature" || reason == "malformed" || reason == "unknown_key"));
    }
    // Text-level damage a scanner could produce: one character replaced.
    for (std::size_t at : {std::size_t{2}, std::size_t{3}, std::size_t{10}, payload.size() / 2, payload.size() - 1}) {
      std::string damaged = payload;
      damaged[at] = damaged[at] == 'A' ? 'B' : 'A';
      CHECK(scanPayload(*client, damaged)["accepted"] == false);
    }
  }
  SECTION("a revoked card, an expired card and text that is no card") {
    const auto* lost = findMember(all.value(), [](const testing::SnapshotMember& m) { return !m.revokedCards.empty(); });
    REQUIRE(lost != nullptr);
    const json revoked = scanPayload(*client, issueCard(keyPath, "hq-card-1", lost->revokedCards.front()));
    CHECK(revoked["accepted"] == false);
    CHECK(revoked["reason"] == "revoked");
    const json expired = scanPayload(*client, issueCard(keyPath, "hq-card-1", card, {"--expires", "2020-01-31"}));
    CHECK(expired["reason"] == "expired");
    CHECK(scanPayload(*client, "hello")["reason"] == "not_a_member_card");
    const auto* closed = findMember(all.value(), [](const testing::SnapshotMember& m) {
      return m.status == "closed" && !m.cards.empty() && m.revokedCards.empty();
    });
    if (closed != nullptr) {
      CHECK(scanPayload(*client, issueCard(keyPath, "hq-card-1", closed->cards.front()))["reason"] ==
            "member_closed");
    }
  }
  // Whatever was scanned, the agent still serves and booked nothing.
  CHECK(call(*client, "GET", "/v1/status").status == 200);
  CHECK(ledgerOf(*agent).entries.empty());
}

TEST_CASE("a rotating app code is accepted once and refused as replayed when shown again, also after a restart",
          "[daemon][cards]") {
  AgentOptions options;
  options.members = 400;
  auto agent = startedAgent("cards-rotating", options);
  auto client = agent->client();
  const auto all = agent->snapshotMembers();
  REQUIRE(all);
  const auto* owner = findMember(all.value(), [](const testing::SnapshotMember& m) {
    return m.status == "active" && m.deviceKeyId.has_value() && !m.deviceKeyRevoked;
  });
  REQUIRE(owner != nullptr);
  // The generator derives device keys from its seed (ctl::derivedKeyPair) and publishes only
  // the public half; the phone app's private half is rebuilt here the same way.
  const ctl::Ed25519KeyPair pair =
      ctl::derivedKeyPair(ctl::MemberGenerator::kDeviceKeyLabel, agent->options().seed, *owner->deviceKeyId);
  const std::string keyPath = (agent->dir() / "device.pem").string();
  REQUIRE(ctl::writePrivateKeyFile(keyPath, pair.privatePem));
  auto code = testing::runCtl({"card", "code", "--device-key", keyPath, "--key-id", *owner->deviceKeyId});
  REQUIRE(code);
  REQUIRE(code->status.code == 0);
  std::string payload = code->out;
  while (!payload.empty() && payload.back() == '\n') payload.pop_back();
  REQUIRE(payload.rfind("LY1R", 0) == 0);

  // A damaged copy first: it must not use the genuine code up.
  std::string damaged = payload;
  damaged[payload.size() - 5] = damaged[payload.size() - 5] == 'A' ? 'B' : 'A';
  CHECK(scanPayload(*client, damaged)["accepted"] == false);

  const json first = scanPayload(*client, payload);
  CHECK(first["accepted"] == true);
  CHECK(first["member"]["member_id"] == owner->id);
  const json second = scanPayload(*client, payload);
  CHECK(second["accepted"] == false);
  CHECK(second["reason"] == "replayed");

  REQUIRE(agent->kill9());
  REQUIRE(agent->start());
  auto after = agent->client();
  CHECK(scanPayload(*after, payload)["reason"] == "replayed");

  // A code of a key this terminal does not know.
  const ctl::Ed25519KeyPair stranger = ctl::derivedKeyPair(ctl::MemberGenerator::kDeviceKeyLabel, 999, "dk-stranger");
  const std::string strangerPath = (agent->dir() / "stranger.pem").string();
  REQUIRE(ctl::writePrivateKeyFile(strangerPath, stranger.privatePem));
  auto unknown = testing::runCtl({"card", "code", "--device-key", strangerPath, "--key-id", "dk-stranger"});
  REQUIRE(unknown);
  std::string unknownPayload = unknown->out;
  while (!unknownPayload.empty() && unknownPayload.back() == '\n') unknownPayload.pop_back();
  CHECK(scanPayload(*after, unknownPayload)["reason"] == "unknown_key");
  // The owner's key id with another key's signature.
  auto forged = testing::runCtl({"card", "code", "--device-key", strangerPath, "--key-id", *owner->deviceKeyId});
  REQUIRE(forged);
  std::string forgedPayload = forged->out;
  while (!forgedPayload.empty() && forgedPayload.back() == '\n') forgedPayload.pop_back();
  CHECK(scanPayload(*after, forgedPayload)["reason"] == "bad_signature");
}

}  // namespace loyalty::daemon_test
