// `loyaltyctl card ...` through the real binary: keys, printed cards as PNG, rotating codes,
// and verification with its explanation, exit codes and errors.
#include <catch2/catch.hpp>

#include <filesystem>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "cards/qr_code.h"
#include "process_runner.h"

using namespace loyalty::ctl::test;

namespace {

const std::string kAt = "2026-03-16T16:30:00Z";
const std::string kCard = "4000123412341234";

unsigned modeOf(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777U;
}

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// A fresh key pair under the scratch directory; returns the PEM path, the public key in `pub`.
std::string newKey(const std::string& name, std::string& pub) {
  // The scratch directory, found through a file written there.
  const auto dir = std::filesystem::path(writeTempFile(name + ".probe", "")).parent_path();
  const std::string pem = (dir / (name + ".pem")).string();
  std::filesystem::remove(pem);
  auto run = runCtl({"card", "keygen", "--out", pem});
  REQUIRE(run.exitCode == 0);
  REQUIRE(run.out.rfind("public_key: ", 0) == 0);
  pub = firstLine(run.out).substr(12);
  return pem;
}

struct Keys {
  std::string hqPem, hqPub, devicePem, devicePub, strangerPem, strangerPub;
  Keys() {
    hqPem = newKey("hq", hqPub);
    devicePem = newKey("device", devicePub);
    strangerPem = newKey("stranger", strangerPub);
  }
  std::string file(const std::string& name, const std::string& extraDevice = "",
                   const std::string& revoked = "") const {
    return writeTempFile(name, R"({"issuer_keys": [{"key_id": "HQ1", "public_key": ")" + hqPub +
                                   R"(", "valid_from": "2026-01-01T00:00:00Z"}],
      "device_keys": [{"key_id": "D1", "public_key": ")" + devicePub +
                                   R"(", "member_id": "M-1001", "card_id": "4000123412341234"})" +
                                   extraDevice + R"(],
      "revoked_cards": [)" + revoked + "]}");
  }
};

const Keys& keys() {
  static const Keys instance;
  return instance;
}

std::string issue(const std::string& pem, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"card", "issue", "--key", pem, "--key-id", "HQ1", "--card", kCard};
  args.insert(args.end(), extra.begin(), extra.end());
  auto run = runCtl(args);
  REQUIRE(run.exitCode == 0);
  return firstLine(run.out);
}

ProcessResult verifyPayload(const std::string& payload, const std::string& keyFile,
                            const std::string& at, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"card", "verify", "--payload", payload, "--keys", keyFile, "--at", at};
  args.insert(args.end(), extra.begin(), extra.end());
  return runCtl(args);
}

std::string reasonOf(const ProcessResult& run) {
  const auto json = nlohmann::json::parse(run.out);
  return json.at("codes").at(0).at("reason");
}

}  // namespace

TEST_CASE("cli card: keygen writes a 0600 key and never overwrites one", "[cli][card]") {
  std::string pub;
  const std::string pem = newKey("keygen", pub);
  CHECK(modeOf(pem) == 0600U);
  CHECK(pub.size() == 43);
  const std::string before = readFile(pem);
  CHECK(before.rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
  auto again = runCtl({"card", "keygen", "--out", pem});
  CHECK(again.exitCode == 2);
  CHECK(again.err.rfind("error: file_exists: ", 0) == 0);
  CHECK(readFile(pem) == before);
  auto shown = runCtl({"card", "public-key", "--key", pem});
  REQUIRE(shown.exitCode == 0);
  CHECK(firstLine(shown.out) == "public_key: " + pub);
  CHECK(shown.out.find("public_key_hex: ") != std::string::npos);
}

TEST_CASE("cli card: an issued PNG card verifies from the picture", "[cli][card]") {
  const std::string png = writeTempFile("card.png", "old content");
  const std::string payload = issue(keys().hqPem, {"--expires", "2027-12-31", "--png", png});
  CHECK(payload.rfind("LY1S", 0) == 0);
  CHECK(modeOf(png) == 0600U);
  const std::string keyFile = keys().file("keys.json");

  auto run = runCtl({"card", "verify", "--image", png, "--keys", keyFile, "--at", kAt});
  CHECK(run.exitCode == 0);
  CHECK(run.out.find("1 QR code found in the picture.\nACCEPTED\n  Member card accepted.") == 0);
  CHECK(run.out.find("  card:     4000123412341234\n") != std::string::npos);
  CHECK(run.out.find("  expires:  2027-12-31 (last valid day)") != std::string::npos);
  CHECK(run.out.find("replay not checked") != std::string::npos);

  auto json = runCtl({"card", "verify", "--image", png, "--keys", keyFile, "--at", kAt, "--format", "json"});
  REQUIRE(json.exitCode == 0);
  const auto doc = nlohmann::json::parse(json.out);
  CHECK(doc.at("accepted") == true);
  CHECK(doc.at("codes").at(0).at("payload") == payload);
  CHECK(doc.at("codes").at(0).at("card_id") == kCard);
  CHECK(doc.at("codes").at(0).at("expires_on") == "2027-12-31");
}

TEST_CASE("cli card: refusals exit 3 and explain the failing check", "[cli][card]") {
  const std::string keyFile = keys().file("keys-refusals.json", "", R"("4000999999999999")");
  auto forged = verifyPayload(issue(keys().strangerPem), keyFile, kAt);
  CHECK(forged.exitCode == 3);
  CHECK(forged.out.find("REFUSED (bad_signature)") == 0);
  CHECK(forged.out.find("checks:   format ok, key ok, signature FAILED") != std::string::npos);

  auto unknown = runCtl({"card", "issue", "--key", keys().hqPem, "--key-id", "HQ2", "--card", kCard});
  REQUIRE(unknown.exitCode == 0);
  auto unknownRun = verifyPayload(firstLine(unknown.out), keyFile, kAt, {"--format", "json"});
  CHECK(unknownRun.exitCode == 3);
  CHECK(reasonOf(unknownRun) == "unknown_key");

  const std::string expiring = issue(keys().hqPem, {"--expires", "2026-03-16"});
  CHECK(verifyPayload(expiring, keyFile, "2026-03-16T23:30:00Z").exitCode == 0);
  // 23:30 UTC is already 17 March in Berlin: the store's calendar decides.
  auto berlin = verifyPayload(expiring, keyFile, "2026-03-16T23:30:00Z", {"--time-zone", "Europe/Berlin"});
  CHECK(berlin.exitCode == 3);
  CHECK(berlin.out.find("This card expired on 2026-03-16.") != std::string::npos);
  CHECK(berlin.out.find("card dates in Europe/Berlin") != std::string::npos);
  // The HQ key is valid from 2026: before that its cards are not.
  auto early = verifyPayload(issue(keys().hqPem), keyFile, "2025-12-31T12:00:00Z", {"--format", "json"});
  CHECK(reasonOf(early) == "not_yet_valid");

  auto revoked = runCtl({"card", "issue", "--key", keys().hqPem, "--key-id", "HQ1", "--card", "4000999999999999"});
  REQUIRE(revoked.exitCode == 0);
  auto revokedRun = verifyPayload(firstLine(revoked.out), keyFile, kAt);
  CHECK(revokedRun.exitCode == 3);
  CHECK(revokedRun.out.find("This card has been blocked.") != std::string::npos);

  auto notCard = verifyPayload("https://example.com/promo", keyFile, kAt, {"--format", "json"});
  CHECK(notCard.exitCode == 3);
  CHECK(reasonOf(notCard) == "not_a_member_card");
  const std::string otherPng = writeTempFile("other-qr.png", "");
  REQUIRE(loyalty::cards::writeQrPng("https://example.com/promo", otherPng));
  auto otherImage = runCtl({"card", "verify", "--image", otherPng, "--keys", keyFile, "--at", kAt});
  CHECK(otherImage.exitCode == 3);
  CHECK(otherImage.out.find("REFUSED (not_a_member_card)\n  This code is not a loyalty member card.") !=
        std::string::npos);
  CHECK(otherImage.out.find("checks:   format FAILED") != std::string::npos);
  // Control characters in a scanned text are shown escaped, never sent to the terminal.
  auto escaped = verifyPayload("LY1S\x1b[31mRED", keyFile, kAt);
  CHECK(escaped.exitCode == 3);
  CHECK(escaped.out.find("\x1b") == std::string::npos);
  CHECK(escaped.out.find("\\x1b[31mRED") != std::string::npos);
}

TEST_CASE("cli card: rotating codes, drift and revoked device keys", "[cli][card]") {
  const std::string keyFile = keys().file(
      "keys-devices.json", R"(, {"key_id": "D2", "public_key": ")" + keys().strangerPub +
                               R"(", "member_id": "M-2002", "revoked": true})");
  auto code = runCtl({"card", "code", "--device-key", keys().devicePem, "--key-id", "D1", "--at", kAt});
  REQUIRE(code.exitCode == 0);
  const std::string payload = firstLine(code.out);
  CHECK(payload.rfind("LY1R", 0) == 0);

  auto accepted = verifyPayload(payload, keyFile, "2026-03-16T16:30:59Z");
  CHECK(accepted.exitCode == 0);
  CHECK(accepted.out.find("  member:   M-1001\n") != std::string::npos);
  CHECK(accepted.out.find("first presentation in this run") != std::string::npos);
  CHECK(verifyPayload(payload, keyFile, "2026-03-16T16:29:30Z").exitCode == 0);  // phone 1 step ahead
  auto late = verifyPayload(payload, keyFile, "2026-03-16T16:31:00Z", {"--format", "json"});
  CHECK(late.exitCode == 3);
  CHECK(reasonOf(late) == "expired");
  auto early = verifyPayload(payload, keyFile, "2026-03-16T16:29:29Z", {"--format", "json"});
  CHECK(reasonOf(early) == "not_yet_valid");

  auto revokedCode = runCtl({"card", "code", "--device-key", keys().strangerPem, "--key-id", "D2", "--at", kAt});
  REQUIRE(revokedCode.exitCode == 0);
  auto revoked = verifyPayload(firstLine(revokedCode.out), keyFile, kAt);
  CHECK(revoked.exitCode == 3);
  CHECK(revoked.out.find("app key has been revoked") != std::string::npos);
  CHECK(revoked.out.find("checks:   format ok, key ok, signature ok, time ok, revocation FAILED") !=
        std::string::npos);

  const std::string png = writeTempFile("code.png", "");
  auto pngRun = runCtl({"card", "code", "--device-key", keys().devicePem, "--key-id", "D1", "--at", kAt, "--png", png});
  REQUIRE(pngRun.exitCode == 0);
  auto fromImage = runCtl({"card", "verify", "--image", png, "--keys", keyFile, "--at", kAt});
  CHECK(fromImage.exitCode == 0);
}

TEST_CASE("cli card: bad input exits 2 with a reason", "[cli][card]") {
  const std::string keyFile = keys().file("keys-bad-input.json");
  const std::string payload = issue(keys().hqPem);
  auto both = runCtl({"card", "verify", "--payload", payload, "--image", "x.png", "--keys", keyFile});
  CHECK(both.exitCode == 2);
  CHECK(both.err.rfind("error: bad_arguments: ", 0) == 0);
  CHECK(runCtl({"card", "verify", "--keys", keyFile}).exitCode == 2);
  CHECK(runCtl({"card", "verify", "--payload", payload}).exitCode == 2);  // --keys required

  const std::string badKeys = writeTempFile("bad-keys.json", R"({"issuer_keys": [
      {"key_id": "HQ1", "public_key": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
      {"key_id": "HQ1", "public_key": "nope", "valid_until": "tomorrow"},
      {"key_id": "bad id", "public_key": ")" + keys().hqPub + R"(", "colour": "red"}],
    "revoked_card": []})");
  auto bad = verifyPayload(payload, badKeys, kAt);
  CHECK(bad.exitCode == 2);
  CHECK(bad.err.rfind("error: invalid_key_file: ", 0) == 0);
  for (const char* reason : {"weak_public_key", "duplicate_key_id", "bad_public_key", "bad_instant",
                             "bad_key_id", "unknown_field"}) {
    CHECK(bad.err.find(reason) != std::string::npos);
  }
  CHECK(verifyPayload(payload, writeTempFile("not-json.json", "{"), kAt).exitCode == 2);
  CHECK(verifyPayload(payload, "/no/such/keys.json", kAt).err.rfind("error: file_not_found: ", 0) == 0);

  loyalty::cards::GreyImage plain{64, 64, std::vector<std::uint8_t>(64 * 64, 200)};
  auto pngBytes = loyalty::cards::encodePng(plain);
  REQUIRE(pngBytes);
  const std::string scene = writeTempFile("scene.png", pngBytes.value());
  auto noCode = runCtl({"card", "verify", "--image", scene, "--keys", keyFile});
  CHECK(noCode.exitCode == 2);
  CHECK(noCode.err.rfind("error: no_code_found: ", 0) == 0);
  auto corrupt = runCtl({"card", "verify", "--image", writeTempFile("corrupt.png", "\x89PNG\r\n\x1a\nrubbish"), "--keys", keyFile});
  CHECK(corrupt.exitCode == 2);
  CHECK(corrupt.err.rfind("error: bad_image: ", 0) == 0);

  auto badDate = runCtl({"card", "issue", "--key", keys().hqPem, "--key-id", "HQ1", "--card", kCard, "--expires", "2027-02-30"});
  CHECK(badDate.exitCode == 2);
  CHECK(badDate.err.rfind("error: bad_date: ", 0) == 0);
  auto badCard = runCtl({"card", "issue", "--key", keys().hqPem, "--key-id", "HQ1", "--card", "4000 1234"});
  CHECK(badCard.err.rfind("error: bad_card_id: ", 0) == 0);
  auto badPem = runCtl({"card", "issue", "--key", keyFile, "--key-id", "HQ1", "--card", kCard});
  CHECK(badPem.exitCode == 2);
  CHECK(badPem.err.rfind("error: bad_private_key: ", 0) == 0);
  auto badAt = runCtl({"card", "code", "--device-key", keys().devicePem, "--key-id", "D1", "--at", "noon"});
  CHECK(badAt.err.rfind("error: bad_instant: ", 0) == 0);
  CHECK(runCtl({"card"}).exitCode == 2);
}
