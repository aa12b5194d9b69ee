#include "updates/update_verifier.h"

#include "codec/sha256.h"

namespace loyalty::updates {
namespace {

Error refuse(std::string_view reason, std::string message) {
  return makeError(ErrorCode::rejected, std::string(reason), std::move(message));
}

std::string describe(const UpdateMetadata& m) {
  return std::string(kindName(m.kind)) + " version " + std::to_string(m.version);
}

// Rollback and replay within one stream; nullopt when `incoming` is newer.
std::optional<Result<UpdateDecision>> compareVersions(const UpdateMetadata& m, const VersionHash& incoming,
                                                      const std::optional<VersionHash>& installed,
                                                      std::string_view what) {
  if (!installed || incoming.version > installed->version) return std::nullopt;
  if (incoming.version < installed->version) {
    return Result<UpdateDecision>(refuse(refusal::rollback, "Refused " + describe(m) + ": its " + std::string(what) +
                                                                " version " + std::to_string(incoming.version) +
                                                                " is older than the installed version " +
                                                                std::to_string(installed->version) + "."));
  }
  if (incoming.hash != installed->hash) {
    return Result<UpdateDecision>(refuse(refusal::replayed, "Refused " + describe(m) + ": " + std::string(what) +
                                                                " version " + std::to_string(incoming.version) +
                                                                " is installed with other content."));
  }
  return Result<UpdateDecision>(UpdateDecision::already_installed);
}

}  // namespace

Result<TrustedUpdateKeys> TrustedUpdateKeys::create(const std::vector<TrustedKey>& keys) {
  if (keys.empty()) {
    return makeError(ErrorCode::invalid_input, "no_trusted_key", "At least one HQ update signing key must be trusted.");
  }
  TrustedUpdateKeys out;
  for (const TrustedKey& key : keys) {
    if (key.keyId.empty()) {
      return makeError(ErrorCode::invalid_input, "missing_key_id", "Every trusted update key needs a key id.");
    }
    if (isWeakPublicKey(key.publicKey)) {
      return makeError(ErrorCode::invalid_input, "weak_key",
                       "Trusted update key \"" + key.keyId + "\" is a small-order point, which verifies forgeries.");
    }
    if (!out.keys_.emplace(key.keyId, key.publicKey).second) {
      return makeError(ErrorCode::invalid_input, "duplicate_key_id",
                       "Trusted update key id \"" + key.keyId + "\" is listed twice.");
    }
  }
  return out;
}

const PublicKeyBytes* TrustedUpdateKeys::find(std::string_view keyId) const {
  const auto found = keys_.find(keyId);
  return found == keys_.end() ? nullptr : &found->second;
}

const std::optional<VersionHash>& InstalledUpdates::of(UpdateStream stream) const noexcept {
  switch (stream) {
    case UpdateStream::bundle: return bundle;
    case UpdateStream::snapshot: return snapshot;
    case UpdateStream::campaign_switch: return campaignSwitch;
  }
  return bundle;
}

Result<UpdateDecision> decideUpdate(const SignedMetadata& update, const TrustedUpdateKeys& keys,
                                    const InstalledUpdates& installed, std::string_view storeId, std::int64_t now) {
  const UpdateMetadata& m = update.metadata;
  const PublicKeyBytes* key = keys.find(m.keyId);
  if (key == nullptr) {
    return refuse(refusal::unknown_key, "Refused " + describe(m) + ": it is signed with key \"" + m.keyId +
                                            "\", which this terminal does not trust.");
  }
  const std::string message = signedMessage(m);
  const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(message.data()), message.size());
  if (!verifySignature(*key, bytes, update.signature)) {
    return refuse(refusal::bad_signature,
                  "Refused " + describe(m) + ": its signature does not verify with key \"" + m.keyId + "\".");
  }
  if (now >= m.expiresAt) {
    return refuse(refusal::expired, "Refused " + describe(m) + ": it expired at " + std::to_string(m.expiresAt) +
                                        " (unix seconds); HQ must publish a fresh one.");
  }
  if (m.storeId != kChainWide && m.storeId != storeId) {
    return refuse(refusal::wrong_store,
                  "Refused " + describe(m) + ": it is for store \"" + m.storeId + "\", this is \"" + std::string(storeId) + "\".");
  }
  const UpdateStream stream = streamOf(m.kind);
  const VersionHash incoming{m.version, m.contentHash};
  if (auto verdict = compareVersions(m, incoming, installed.of(stream), streamName(stream))) return std::move(*verdict);
  if (m.kind == UpdateKind::snapshot_full && m.bundle) {
    // A snapshot carries the bundle it was built with: never let it take the rules back.
    if (auto verdict = compareVersions(m, *m.bundle, installed.bundle, "bundle")) {
      if (!verdict->ok()) return std::move(*verdict);
    }
  }
  if (m.kind == UpdateKind::snapshot_delta) {
    if (!m.base || !installed.snapshot || !(*m.base == *installed.snapshot)) {
      const std::string have = installed.snapshot ? "version " + std::to_string(installed.snapshot->version) + " (" +
                                                        installed.snapshot->hash.substr(0, 12) + "...)"
                                                  : "no snapshot installed by an update";
      const std::string wants = m.base ? "version " + std::to_string(m.base->version) + " (" +
                                             m.base->hash.substr(0, 12) + "...)"
                                       : "no base";
      return refuse(refusal::wrong_base,
                    "Refused " + describe(m) + ": it applies to snapshot " + wants + ", this terminal has " + have + ".");
    }
  }
  return UpdateDecision::install;
}

std::optional<Error> checkContent(const UpdateMetadata& metadata, const ContentDigest& digest) {
  if (digest.bytes != metadata.contentBytes) {
    return refuse(refusal::content_hash_mismatch, "Refused " + describe(metadata) + ": its content is " +
                                                      std::to_string(digest.bytes) + " bytes, the signed metadata says " +
                                                      std::to_string(metadata.contentBytes) + ".");
  }
  if (digest.sha256 != metadata.contentHash) {
    return refuse(refusal::content_hash_mismatch,
                  "Refused " + describe(metadata) + ": its content does not have the signed SHA-256 hash.");
  }
  return std::nullopt;
}

Result<UpdateDecision> verifyUpdate(const SignedMetadata& update, std::string_view content,
                                    const TrustedUpdateKeys& keys, const InstalledUpdates& installed,
                                    std::string_view storeId, std::int64_t now) {
  Result<UpdateDecision> decision = decideUpdate(update, keys, installed, storeId, now);
  if (!decision) return decision;
  const ContentDigest digest{codec::sha256Hex(content), static_cast<std::int64_t>(content.size())};
  if (auto error = checkContent(update.metadata, digest)) return std::move(*error);
  return decision;
}

InstalledUpdates afterInstall(InstalledUpdates installed, const UpdateMetadata& metadata) {
  const VersionHash now{metadata.version, metadata.contentHash};
  switch (streamOf(metadata.kind)) {
    case UpdateStream::bundle: installed.bundle = now; break;
    case UpdateStream::snapshot:
      installed.snapshot = now;
      if (metadata.bundle) installed.bundle = *metadata.bundle;
      break;
    case UpdateStream::campaign_switch: installed.campaignSwitch = now; break;
  }
  return installed;
}

}  // namespace loyalty::updates
