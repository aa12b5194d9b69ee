// The envelope's text: canonical metadata, a strict parser (every malformed line refused
// with its field), several envelopes in one stream, truncated content, and the kill-switch
// content.
#include <catch2/catch.hpp>

#include "updates/campaign_switch.h"
#include "updates_test_support.h"

using namespace updates_test;

namespace {

std::string lineWith(const std::string& metadata, const std::string& signature = std::string(86, 'A')) {
  return R"({"metadata":)" + metadata + R"(,"signature":")" + signature + "\"}";
}

const std::string kHash(64, 'a');

std::string bundleMetadata(const std::string& extra = "") {
  return R"({"format":1,"kind":"bundle","store_id":"berlin-01","version":3,"created_at":"2026-05-28T00:00:00Z",)"
         R"("expires_at":"2026-06-04T00:00:00Z","content_hash":")" +
         kHash + R"(","content_bytes":12,"key_id":"hq-1")" + extra + "}";
}

std::string reasonOf(const std::string& line) {
  auto parsed = parseEnvelopeLine(line);
  return parsed ? "ok" : parsed.error().reason + " " + parsed.error().message;
}

}  // namespace

TEST_CASE("The canonical metadata is sorted, compact, and the same after a round trip") {
  const UpdateSigner signer = makeSigner("hq-1");
  UpdateMetadata m = deltaFor(12, VersionHash{11, hashOf("eleven")}, "delta");
  const SignedMetadata signedMetadata = take(signer.sign(m));
  const std::string line = envelopeLine(signedMetadata);
  CHECK(line.rfind(R"({"metadata":{"base_hash":")", 0) == 0);
  CHECK(line.find(' ') == std::string::npos);
  CHECK(canonicalMetadata(signedMetadata.metadata) ==
        R"({"base_hash":")" + hashOf("eleven") + R"(","base_version":11,"content_bytes":5,"content_hash":")" +
            hashOf("delta") +
            R"(","created_at":"2026-05-28T20:26:40Z","expires_at":"2026-06-04T20:26:40Z","format":1,"key_id":"hq-1",)"
            R"("kind":"snapshot_delta","store_id":"berlin-01","version":12})");
  CHECK(signedMessage(signedMetadata.metadata) == "loyalty-update-v1\n" + canonicalMetadata(signedMetadata.metadata));
  CHECK(take(parseEnvelopeLine(line)) == signedMetadata);
  // Instants written with an offset mean the same instant: same canonical text, still verifies.
  std::string offset = line;
  const auto at = offset.find("2026-05-28T20:26:40Z");
  offset.replace(at, 20, "2026-05-28T22:26:40+02:00");
  const TrustedUpdateKeys keys = take(TrustedUpdateKeys::create({signer.trustedKey()}));
  InstalledUpdates installed;
  installed.snapshot = VersionHash{11, hashOf("eleven")};
  CHECK(decideUpdate(take(parseEnvelopeLine(offset)), keys, installed, kStore, kNow).ok());
}

TEST_CASE("Signatures are 86 base64url characters with one spelling") {
  SignatureBytes signature{};
  for (std::size_t i = 0; i < signature.size(); ++i) signature[i] = static_cast<std::uint8_t>(i * 37 + 5);
  const std::string text = encodeSignature(signature);
  CHECK(text.size() == 86);
  CHECK(decodeSignature(text) == signature);
  std::string spare = text;
  spare.back() = static_cast<char>(spare.back() + 1);  // sets one of the 4 unused bits
  CHECK_FALSE(decodeSignature(spare));
  CHECK_FALSE(decodeSignature(text.substr(1)));
  CHECK_FALSE(decodeSignature(text.substr(0, 85) + "="));
}

TEST_CASE("A well-formed line parses, every malformed one is refused malformed with its field") {
  CHECK(reasonOf(lineWith(bundleMetadata())) == "ok");
  const std::vector<std::pair<std::string, std::string>> bad{
      {"not json", "/"},
      {"[]", "/"},
      {lineWith(bundleMetadata(R"(,"extra":1)")), "/metadata/extra"},
      {lineWith(bundleMetadata(R"(,"key_id":"again")")), "duplicate_key"},
      {lineWith(bundleMetadata(R"(,"base_version":2,"base_hash":")" + kHash + "\"")), "/metadata/base_version"},
      {lineWith(bundleMetadata(R"(,"bundle_version":2,"bundle_hash":")" + kHash + "\"")), "/metadata/bundle_version"},
      {lineWith(bundleMetadata(), "short"), "/signature"},
      {lineWith(bundleMetadata()) + "x", "malformed_json"},
      {R"({"metadata":{},"signature":")" + std::string(86, 'A') + "\"}", "/metadata/format"},
  };
  for (const auto& [line, expected] : bad) {
    INFO(line);
    const std::string reason = reasonOf(line);
    CHECK(reason.rfind("malformed ", 0) == 0);
    CHECK(reason.find(expected) != std::string::npos);
  }
  auto metadataWith = [](const std::string& from, const std::string& to) {
    std::string text = bundleMetadata();
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return lineWith(text.replace(at, from.size(), to));
  };
  const std::vector<std::pair<std::string, std::string>> fields{
      {R"("format":1)", R"("format":2)"},
      {R"("kind":"bundle")", R"("kind":"rules")"},
      {R"("kind":"bundle")", R"("kind":"snapshot_delta")"},  // a delta without its base
      {R"("kind":"bundle")", R"("kind":"snapshot_full")"},   // a full snapshot without its bundle
      {R"("store_id":"berlin-01")", R"("store_id":"")"},
      {R"("version":3)", R"("version":0)"},
      {R"("version":3)", R"("version":3.5)"},
      {R"("version":3)", R"("version":"3")"},
      {R"("created_at":"2026-05-28T00:00:00Z")", R"("created_at":"yesterday")"},
      {R"("expires_at":"2026-06-04T00:00:00Z")", R"("expires_at":"2026-05-28T00:00:00Z")"},
      {R"("content_hash":")" + kHash, R"("content_hash":")" + std::string(64, 'A')},
      {R"("content_hash":")" + kHash, R"("content_hash":")" + std::string(63, 'a')},
      {R"("content_bytes":12)", R"("content_bytes":-1)"},
      {R"("key_id":"hq-1")", R"("key_id":null)"},
  };
  for (const auto& [from, to] : fields) {
    INFO(to);
    CHECK(reasonOf(metadataWith(from, to)).rfind("malformed ", 0) == 0);
  }
  CHECK(reasonOf(std::string(kMaxEnvelopeLineBytes + 1, ' ')).rfind("malformed ", 0) == 0);
}

TEST_CASE("A stream carries several envelopes, and a truncated content or metadata line is malformed") {
  const UpdateSigner signer = makeSigner("hq-1");
  const TrustedUpdateKeys keys = take(TrustedUpdateKeys::create({signer.trustedKey()}));
  const Update a = signedUpdate(signer, metadataFor(UpdateKind::bundle, 1, "first\ncontent\n"), "first\ncontent\n");
  const std::string off = campaignSwitchText({{"spring-sale"}});
  const Update b = signedUpdate(signer, metadataFor(UpdateKind::campaign_switch, 1, off), off);
  const Update empty = signedUpdate(signer, metadataFor(UpdateKind::bundle, 2, ""), "");
  InstalledUpdates installed;
  CHECK(readAs(a.envelope() + b.envelope() + empty.envelope(), keys, installed) == "install,install,install");
  const std::string whole = a.envelope() + b.envelope();
  for (std::size_t cut = 1; cut < whole.size(); ++cut) {
    if (cut == a.envelope().size()) continue;  // a clean end after the first envelope
    InstalledUpdates fresh;
    const std::string result = readAs(whole.substr(0, cut), keys, fresh);
    INFO(cut << ": " << result);
    CHECK(result.find("malformed") != std::string::npos);
    CHECK(result.find("install,install") == std::string::npos);
  }
}

TEST_CASE("Content the caller does not read is still hashed and skipped by next()") {
  const UpdateSigner signer = makeSigner("hq-1");
  const Update a = signedUpdate(signer, metadataFor(UpdateKind::bundle, 1, "aaaa"), "aaaa");
  const Update b = signedUpdate(signer, metadataFor(UpdateKind::bundle, 2, "bb"), "bb");
  std::istringstream in(a.envelope() + b.envelope());
  EnvelopeReader reader(in);
  CHECK(take(reader.next())->metadata.version == 1);
  char first = 0;
  reader.content().get(first);
  CHECK(first == 'a');
  CHECK(take(reader.next())->metadata.version == 2);
  const ContentDigest digest = take(reader.finishContent());
  CHECK(digest == ContentDigest{hashOf("bb"), 2});
  CHECK_FALSE(take(reader.next()));
}

TEST_CASE("writeEnvelope copies the content and refuses one of another length") {
  const UpdateSigner signer = makeSigner("hq-1");
  const SignedMetadata update = take(signer.sign(metadataFor(UpdateKind::bundle, 1, "content"), ContentDigest{hashOf("content"), 7}));
  std::ostringstream out;
  std::istringstream content("content");
  CHECK_FALSE(writeEnvelope(out, update, content));
  CHECK(out.str() == envelopeLine(update) + "\ncontent");
  std::ostringstream longer;
  std::istringstream tooLong("content and more");
  CHECK(writeEnvelope(longer, update, tooLong)->reason == "content_length_mismatch");
  std::istringstream hashed("content");
  CHECK(hashContent(hashed) == ContentDigest{hashOf("content"), 7});
}

TEST_CASE("The kill switch content is the full sorted set of disabled campaigns") {
  CHECK(campaignSwitchText({{"welcome500", "spring-sale", "welcome500"}}) ==
        R"({"disabled":["spring-sale","welcome500"]})");
  CHECK(take(parseCampaignSwitch(R"({"disabled": ["b", "a"]})")) == CampaignSwitch{{"a", "b"}});
  CHECK(take(parseCampaignSwitch(R"({"disabled": []})")).disabled.empty());
  for (const std::string bad : {R"({})", R"({"disabled":["a","a"]})", R"({"disabled":[""]})",
                                R"({"disabled":["a"],"enabled":["b"]})", R"({"disabled":"a"})", "nope"}) {
    INFO(bad);
    CHECK(parseCampaignSwitch(bad).error().reason == "malformed");
  }
}
