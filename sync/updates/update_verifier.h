// The agent's decision on a signed update (docs/sync-protocol.md, "Updates"): a pure
// function of the envelope's metadata, the trusted HQ keys, what is installed and the time,
// so every refusal is easy to test. The content is checked separately while it streams
// (ContentReader): its hash is bound by the signature, so a matching hash makes it
// authentic.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"
#include "updates/update_metadata.h"

namespace loyalty::updates {

// Refusal reasons (Error::reason; ErrorCode::rejected, "malformed" is parse_error).
namespace refusal {
inline constexpr std::string_view malformed = "malformed";
inline constexpr std::string_view unknown_key = "unknown_key";
inline constexpr std::string_view bad_signature = "bad_signature";
inline constexpr std::string_view expired = "expired";
inline constexpr std::string_view wrong_store = "wrong_store";
inline constexpr std::string_view rollback = "rollback";
inline constexpr std::string_view replayed = "replayed";
inline constexpr std::string_view wrong_base = "wrong_base";
inline constexpr std::string_view content_hash_mismatch = "content_hash_mismatch";
}  // namespace refusal

struct TrustedKey {
  std::string keyId;
  PublicKeyBytes publicKey{};
};

// HQ's update signing public keys the agent trusts, by key id. More than one during a key
// rotation: HQ signs with the new key once every terminal trusts both, and the old one is
// dropped from the configuration afterwards.
class TrustedUpdateKeys {
 public:
  // Errors: invalid_input "no_trusted_key" (empty list), "duplicate_key_id", "weak_key"
  // (a small-order point, which would verify forged signatures).
  [[nodiscard]] static Result<TrustedUpdateKeys> create(const std::vector<TrustedKey>& keys);

  [[nodiscard]] const PublicKeyBytes* find(std::string_view keyId) const;
  [[nodiscard]] std::size_t size() const noexcept { return keys_.size(); }

 private:
  std::map<std::string, PublicKeyBytes, std::less<>> keys_;
};

// What the agent has installed, per version stream: the version and the content hash of
// the update that installed it (a bundle's content hash is its bundle hash). A delta names
// the snapshot it applies to by this pair. nullopt = nothing installed by an update (a
// snapshot imported from a file has no envelope: only a full snapshot can follow it).
struct InstalledUpdates {
  std::optional<VersionHash> bundle;
  std::optional<VersionHash> snapshot;
  std::optional<VersionHash> campaignSwitch;

  [[nodiscard]] const std::optional<VersionHash>& of(UpdateStream stream) const noexcept;
  friend bool operator==(const InstalledUpdates&, const InstalledUpdates&) = default;
};

enum class UpdateDecision {
  install,            // authentic, newer, for this store (and, for a delta, this base)
  already_installed,  // the same version with the same content: nothing to do, not an error
};

// Checks, in this order: unknown_key, bad_signature, expired (now >= expires_at),
// wrong_store (neither this store nor "*"), then within the kind's stream: rollback (version
// lower than installed; for a full snapshot also a bundle older than the installed one),
// replayed (equal version, other content hash), already_installed, and for a delta
// wrong_base (base version and hash are not exactly what is installed). `now` is unix
// seconds.
[[nodiscard]] Result<UpdateDecision> decideUpdate(const SignedMetadata& update, const TrustedUpdateKeys& keys,
                                                  const InstalledUpdates& installed, std::string_view storeId,
                                                  std::int64_t now);

// What a stream of content bytes turned out to be.
struct ContentDigest {
  std::string sha256;  // lowercase hex
  std::int64_t bytes = 0;
  friend bool operator==(const ContentDigest&, const ContentDigest&) = default;
};

// Errors: rejected "content_hash_mismatch" (hash or length differ from the metadata's).
[[nodiscard]] std::optional<Error> checkContent(const UpdateMetadata& metadata, const ContentDigest& digest);

// decideUpdate and checkContent for a content held in memory (campaign switches, bundles).
[[nodiscard]] Result<UpdateDecision> verifyUpdate(const SignedMetadata& update, std::string_view content,
                                                  const TrustedUpdateKeys& keys, const InstalledUpdates& installed,
                                                  std::string_view storeId, std::int64_t now);

// What is installed once `metadata`'s update has been applied (a full snapshot also
// installs the bundle its header carries).
[[nodiscard]] InstalledUpdates afterInstall(InstalledUpdates installed, const UpdateMetadata& metadata);

}  // namespace loyalty::updates
