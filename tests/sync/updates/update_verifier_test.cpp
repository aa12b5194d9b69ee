// The agent's verdict on signed updates: every refusal reason of docs/sync-protocol.md
// ("Updates"), through the envelope text an agent receives, and the cases that must be
// accepted (a newer version, a delta on its base, a rotated key, the same update again).
#include <catch2/catch.hpp>

#include "updates/campaign_switch.h"
#include "updates_test_support.h"

using namespace updates_test;

namespace {

struct Hq {
  UpdateSigner signer = makeSigner("hq-2026");
  TrustedUpdateKeys keys = take(TrustedUpdateKeys::create({signer.trustedKey()}));
};

std::string read(const Hq& hq, const Update& update, InstalledUpdates& installed, std::int64_t now = kNow) {
  return readAs(update.envelope(), hq.keys, installed, now);
}

}  // namespace

TEST_CASE("A newer signed bundle is installed, and the same one again is already installed") {
  Hq hq;
  InstalledUpdates installed;
  const Update v1 = signedUpdate(hq.signer, metadataFor(UpdateKind::bundle, 1, "{\"bundle\":1}"), "{\"bundle\":1}");
  CHECK(read(hq, v1, installed) == "install");
  CHECK(installed.bundle == v1.installs());
  CHECK(read(hq, v1, installed) == "already_installed");
  const Update v2 = signedUpdate(hq.signer, metadataFor(UpdateKind::bundle, 2, "{\"bundle\":2}"), "{\"bundle\":2}");
  CHECK(read(hq, v2, installed) == "install");
  CHECK(installed.bundle == v2.installs());
}

TEST_CASE("Tampered content is refused content_hash_mismatch") {
  Hq hq;
  InstalledUpdates installed;
  Update update = signedUpdate(hq.signer, metadataFor(UpdateKind::bundle, 1, "{\"points\":100}"), "{\"points\":100}");
  update.content[11] = '9';  // same length, other bytes
  CHECK(read(hq, update, installed) == "content_hash_mismatch");
  CHECK_FALSE(installed.bundle);
}

TEST_CASE("Tampered metadata is refused bad_signature") {
  Hq hq;
  InstalledUpdates installed;
  const Update update = signedUpdate(hq.signer, metadataFor(UpdateKind::bundle, 5, "x"), "x");
  SECTION("a field changed in the envelope text") {
    std::string text = update.envelope();
    const auto at = text.find("\"version\":5");
    REQUIRE(at != std::string::npos);
    text.replace(at, 11, "\"version\":9");
    CHECK(readAs(text, hq.keys, installed) == "bad_signature");
  }
  SECTION("every field changed in the parsed metadata") {
    const std::vector<std::function<void(UpdateMetadata&)>> edits{
        [](UpdateMetadata& m) { m.version += 1; },
        [](UpdateMetadata& m) { m.storeId = "*"; },
        [](UpdateMetadata& m) { m.kind = UpdateKind::campaign_switch; },
        [](UpdateMetadata& m) { m.createdAt -= 1; },
        [](UpdateMetadata& m) { m.expiresAt += 86'400; },
        [](UpdateMetadata& m) { m.contentHash = hashOf("y"); },
        [](UpdateMetadata& m) { m.contentBytes += 1; },
    };
    for (const auto& edit : edits) {
      SignedMetadata forged = update.signedMetadata;
      edit(forged.metadata);
      auto verdict = decideUpdate(forged, hq.keys, installed, kStore, kNow);
      REQUIRE_FALSE(verdict);
      CHECK(verdict.error().reason == "bad_signature");
    }
  }
  SECTION("the signature itself changed") {
    SignedMetadata forged = update.signedMetadata;
    forged.signature[10] ^= 0x01;
    auto verdict = decideUpdate(forged, hq.keys, installed, kStore, kNow);
    REQUIRE_FALSE(verdict);
    CHECK(verdict.error().reason == "bad_signature");
  }
}

TEST_CASE("A lower version is refused rollback, an equal version with other content replayed") {
  Hq hq;
  InstalledUpdates installed;
  installed.bundle = VersionHash{7, hashOf("seven")};
  CHECK(read(hq, signedUpdate(hq.signer, metadataFor(UpdateKind::bundle, 6, "six"), "six"), installed) == "rollback");
  CHECK(read(hq, signedUpdate(hq.signer, metadataFor(UpdateKind::bundle, 7, "other"), "other"), installed) ==
        "replayed");
  CHECK(read(hq, signedUpdate(hq.signer, metadataFor(UpdateKind::bundle, 7, "seven"), "seven"), installed) ==
        "already_installed");
  CHECK(installed.bundle == VersionHash{7, hashOf("seven")});
  // Streams are separate: a campaign switch version 1 is not a bundle rollback.
  const std::string off = campaignSwitchText({{"spring-sale"}});
  CHECK(read(hq, signedUpdate(hq.signer, metadataFor(UpdateKind::campaign_switch, 1, off), off), installed) ==
        "install");
}

TEST_CASE("A full snapshot carrying an older bundle than the installed one is refused rollback") {
  Hq hq;
  InstalledUpdates installed;
  installed.bundle = VersionHash{3, hashOf("bundle-3")};
  UpdateMetadata m = metadataFor(UpdateKind::snapshot_full, 10, "snapshot");
  m.bundle = VersionHash{2, hashOf("bundle-2")};
  CHECK(read(hq, signedUpdate(hq.signer, m, "snapshot"), installed) == "rollback");
  m.bundle = VersionHash{3, hashOf("another bundle-3")};
  CHECK(read(hq, signedUpdate(hq.signer, m, "snapshot"), installed) == "replayed");
  m.bundle = VersionHash{4, hashOf("bundle-4")};
  CHECK(read(hq, signedUpdate(hq.signer, m, "snapshot"), installed) == "install");
  CHECK(installed.bundle == VersionHash{4, hashOf("bundle-4")});
  CHECK(installed.snapshot == VersionHash{10, hashOf("snapshot")});
}

TEST_CASE("Deltas chain on their base, an old delta replayed and a delta for another base are refused") {
  Hq hq;
  InstalledUpdates installed;
  const Update full = signedUpdate(hq.signer, metadataFor(UpdateKind::snapshot_full, 1, "full-1"), "full-1");
  const Update d2 = signedUpdate(hq.signer, deltaFor(2, full.installs(), "delta 1->2"), "delta 1->2");
  const Update d3 = signedUpdate(hq.signer, deltaFor(3, d2.installs(), "delta 2->3"), "delta 2->3");
  SECTION("in order") {
    CHECK(readAs(full.envelope() + d2.envelope() + d3.envelope(), hq.keys, installed) == "install,install,install");
    CHECK(installed.snapshot == d3.installs());
    CHECK(read(hq, d2, installed) == "rollback");        // an old delta replayed
    CHECK(read(hq, d3, installed) == "already_installed");  // the last one again: harmless
    const Update other3 = signedUpdate(hq.signer, deltaFor(3, d2.installs(), "another 2->3"), "another 2->3");
    CHECK(read(hq, other3, installed) == "replayed");
  }
  SECTION("a delta skipping its base") {
    CHECK(read(hq, full, installed) == "install");
    CHECK(read(hq, d3, installed) == "wrong_base");
    CHECK(installed.snapshot == full.installs());
  }
  SECTION("a delta on the right version of another snapshot") {
    CHECK(read(hq, full, installed) == "install");
    const Update foreign =
        signedUpdate(hq.signer, deltaFor(2, VersionHash{1, hashOf("someone else's full-1")}, "d"), "d");
    CHECK(read(hq, foreign, installed) == "wrong_base");
  }
  SECTION("a delta with nothing installed by an update") {
    CHECK(read(hq, d2, installed) == "wrong_base");
  }
}

TEST_CASE("Expired metadata is refused expired, from the instant it expires") {
  Hq hq;
  InstalledUpdates installed;
  const Update update = signedUpdate(hq.signer, metadataFor(UpdateKind::bundle, 1, "b"), "b");
  CHECK(read(hq, update, installed, kExpires) == "expired");
  CHECK(read(hq, update, installed, kExpires + 86'400) == "expired");
  CHECK_FALSE(installed.bundle);
  CHECK(read(hq, update, installed, kExpires - 1) == "install");
}

TEST_CASE("An update for another store is refused wrong_store, chain-wide ones are accepted") {
  Hq hq;
  InstalledUpdates installed;
  UpdateMetadata m = metadataFor(UpdateKind::bundle, 1, "b");
  m.storeId = "hamburg-02";
  CHECK(read(hq, signedUpdate(hq.signer, m, "b"), installed) == "wrong_store");
  m.storeId = "*";
  CHECK(read(hq, signedUpdate(hq.signer, m, "b"), installed) == "install");
  UpdateMetadata snapshot = metadataFor(UpdateKind::snapshot_full, 1, "s");
  snapshot.storeId = "*";  // a snapshot is always for one store: HQ refuses to sign it
  auto refused = hq.signer.sign(snapshot);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().reason == "malformed");
}

TEST_CASE("A wrong signing key is refused: unknown_key for an untrusted id, bad_signature for a stolen id") {
  Hq hq;
  InstalledUpdates installed;
  const UpdateSigner intruder = makeSigner("intruder");
  CHECK(read(hq, signedUpdate(intruder, metadataFor(UpdateKind::bundle, 1, "b"), "b"), installed) == "unknown_key");
  const UpdateSigner impostor = makeSigner("hq-2026");  // same id, other key
  CHECK(read(hq, signedUpdate(impostor, metadataFor(UpdateKind::bundle, 1, "b"), "b"), installed) ==
        "bad_signature");
  CHECK_FALSE(installed.bundle);
}

TEST_CASE("Key rotation: both keys verify while both are trusted, the retired one stops after") {
  const UpdateSigner oldKey = makeSigner("hq-2025");
  const UpdateSigner newKey = makeSigner("hq-2026");
  const TrustedUpdateKeys both = take(TrustedUpdateKeys::create({oldKey.trustedKey(), newKey.trustedKey()}));
  InstalledUpdates installed;
  const Update v1 = signedUpdate(oldKey, metadataFor(UpdateKind::bundle, 1, "b1"), "b1");
  const Update v2 = signedUpdate(newKey, metadataFor(UpdateKind::bundle, 2, "b2"), "b2");
  CHECK(readAs(v1.envelope() + v2.envelope(), both, installed) == "install,install");
  const TrustedUpdateKeys rotated = take(TrustedUpdateKeys::create({newKey.trustedKey()}));
  const Update v3old = signedUpdate(oldKey, metadataFor(UpdateKind::bundle, 3, "b3"), "b3");
  CHECK(readAs(v3old.envelope(), rotated, installed) == "unknown_key");
  const Update v3 = signedUpdate(newKey, metadataFor(UpdateKind::bundle, 3, "b3"), "b3");
  CHECK(readAs(v3.envelope(), rotated, installed) == "install");
}

TEST_CASE("Trusted keys refuse an empty list, a repeated id and a small-order key") {
  const UpdateSigner a = makeSigner("a");
  CHECK(TrustedUpdateKeys::create({}).error().reason == "no_trusted_key");
  CHECK(TrustedUpdateKeys::create({a.trustedKey(), a.trustedKey()}).error().reason == "duplicate_key_id");
  PublicKeyBytes identity{};
  identity[0] = 1;  // the neutral point: verifies forged signatures
  CHECK(TrustedUpdateKeys::create({TrustedKey{"weak", identity}}).error().reason == "weak_key");
}

TEST_CASE("The verdict for in-memory content checks the content too") {
  Hq hq;
  const std::string off = campaignSwitchText({{"spring-sale", "welcome500"}});
  const Update update = signedUpdate(hq.signer, metadataFor(UpdateKind::campaign_switch, 4, off), off);
  const InstalledUpdates nothing;
  CHECK(verifyUpdate(update.signedMetadata, off, hq.keys, nothing, kStore, kNow).value() == UpdateDecision::install);
  const std::string on = campaignSwitchText({{"spring-sale"}});
  CHECK(verifyUpdate(update.signedMetadata, on, hq.keys, nothing, kStore, kNow).error().reason ==
        "content_hash_mismatch");
}
