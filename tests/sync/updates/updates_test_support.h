// Helpers shared by the update tests: in-memory HQ signers, metadata for each kind, and
// envelopes as text.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

#include "codec/sha256.h"
#include "updates/envelope_stream.h"
#include "updates/update_signer.h"
#include "updates/update_verifier.h"

namespace updates_test {

using namespace loyalty;
using namespace loyalty::updates;

inline constexpr std::int64_t kCreated = 1'780'000'000;  // 2026-05-28
inline constexpr std::int64_t kExpires = kCreated + 7 * 86'400;
inline constexpr std::int64_t kNow = kCreated + 3'600;
inline const std::string kStore = "berlin-01";

template <typename T>
T take(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().reason + ": " + result.error().message);
  return std::move(result.value());
}

inline UpdateSigner makeSigner(const std::string& keyId) {
  return UpdateSigner(take(Ed25519SigningKey::generate()), keyId);
}

inline std::string hashOf(const std::string& text) { return codec::sha256Hex(text); }

// Metadata for `content`, valid for a week, for kStore; base/bundle set by the caller.
inline UpdateMetadata metadataFor(UpdateKind kind, std::int64_t version, const std::string& content) {
  UpdateMetadata m;
  m.kind = kind;
  m.storeId = kStore;
  m.version = version;
  m.createdAt = kCreated;
  m.expiresAt = kExpires;
  m.contentHash = hashOf(content);
  m.contentBytes = static_cast<std::int64_t>(content.size());
  if (kind == UpdateKind::snapshot_full) m.bundle = VersionHash{1, hashOf("bundle-1")};
  return m;
}

inline UpdateMetadata deltaFor(std::int64_t version, const VersionHash& base, const std::string& content) {
  UpdateMetadata m = metadataFor(UpdateKind::snapshot_delta, version, content);
  m.base = base;
  return m;
}

struct Update {
  SignedMetadata signedMetadata;
  std::string content;
  [[nodiscard]] std::string envelope() const { return envelopeLine(signedMetadata) + "\n" + content; }
  [[nodiscard]] VersionHash installs() const {
    return VersionHash{signedMetadata.metadata.version, signedMetadata.metadata.contentHash};
  }
};

inline Update signedUpdate(const UpdateSigner& signer, UpdateMetadata metadata, std::string content) {
  return Update{take(signer.sign(std::move(metadata))), std::move(content)};
}

// Reads every envelope of `text` the way an agent does: verdict first, then the content
// through the hashing stream, then the content check. The first refusal's reason, or
// "install"/"already_installed" for each envelope, joined by ",".
inline std::string readAs(const std::string& text, const TrustedUpdateKeys& keys, InstalledUpdates& installed,
                          std::int64_t now = kNow) {
  std::istringstream in(text);
  EnvelopeReader reader(in);
  std::string out;
  while (true) {
    auto next = reader.next();
    if (!next) return out + (out.empty() ? "" : ",") + next.error().reason;
    if (!next.value()) return out;
    const SignedMetadata& update = **next;
    auto decision = decideUpdate(update, keys, installed, kStore, now);
    if (!decision) return out + (out.empty() ? "" : ",") + decision.error().reason;
    std::ostringstream staged;
    staged << reader.content().rdbuf();
    auto digest = reader.finishContent();
    if (!digest) return out + (out.empty() ? "" : ",") + digest.error().reason;
    if (auto error = checkContent(update.metadata, *digest)) return out + (out.empty() ? "" : ",") + error->reason;
    if (*decision == UpdateDecision::install) installed = afterInstall(installed, update.metadata);
    out += out.empty() ? "" : ",";
    out += *decision == UpdateDecision::install ? "install" : "already_installed";
  }
}

}  // namespace updates_test
