// The signed part of an update envelope (docs/sync-protocol.md, "Updates"): what the update
// is (kind, store, version, validity, the snapshot a delta applies to), the SHA-256 of its
// content, and which HQ key signed it. The signature covers the canonical metadata text,
// which includes the content hash, so the content is bound to it without being signed
// itself (it may be 150 MB and is hashed while it streams).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/result.h"
#include "updates/ed25519.h"

namespace loyalty::updates {

inline constexpr std::int64_t kEnvelopeFormat = 1;
inline constexpr std::size_t kMaxEnvelopeLineBytes = 16u * 1024u;        // the metadata line
inline constexpr std::int64_t kMaxContentBytes = std::int64_t{1} << 40;  // 1 TiB: a sanity bound
inline constexpr std::string_view kChainWide = "*";                     // store_id of chain-wide updates
// Prefixed to the canonical metadata before signing, so an update signature can never be
// mistaken for any other message signed by an Ed25519 key (domain separation).
inline constexpr std::string_view kSignatureContext = "loyalty-update-v1\n";

enum class UpdateKind { bundle, snapshot_full, snapshot_delta, campaign_switch };

// The version streams: a full snapshot and a delta share the snapshot stream.
enum class UpdateStream { bundle, snapshot, campaign_switch };

[[nodiscard]] std::string_view kindName(UpdateKind kind) noexcept;
[[nodiscard]] std::optional<UpdateKind> kindFromName(std::string_view name) noexcept;
[[nodiscard]] UpdateStream streamOf(UpdateKind kind) noexcept;
[[nodiscard]] std::string_view streamName(UpdateStream stream) noexcept;

// A version and the hash that identifies what it installed (see InstalledUpdates).
struct VersionHash {
  std::int64_t version = 0;
  std::string hash;  // 64 lowercase hex digits
  friend bool operator==(const VersionHash&, const VersionHash&) = default;
};

struct UpdateMetadata {
  std::int64_t format = kEnvelopeFormat;
  UpdateKind kind = UpdateKind::bundle;
  std::string storeId;  // a store id, or "*" (bundle and campaign_switch only)
  std::int64_t version = 0;       // >= 1, only goes up within the kind's stream
  std::int64_t createdAt = 0;     // unix seconds
  std::int64_t expiresAt = 0;     // unix seconds, exclusive; after created_at
  std::optional<VersionHash> base;    // snapshot_delta only: the snapshot it applies to
  std::optional<VersionHash> bundle;  // snapshot_full only: the bundle its header carries
  std::string contentHash;        // SHA-256 of the content bytes, lowercase hex
  std::int64_t contentBytes = 0;  // exact length of the content
  std::string keyId;              // the HQ signing key
  friend bool operator==(const UpdateMetadata&, const UpdateMetadata&) = default;
};

struct SignedMetadata {
  UpdateMetadata metadata;
  SignatureBytes signature{};
  friend bool operator==(const SignedMetadata&, const SignedMetadata&) = default;
};

// The canonical metadata text: the metadata JSON object, keys sorted, no whitespace
// (codec::canonicalJson), absent optional keys left out.
[[nodiscard]] std::string canonicalMetadata(const UpdateMetadata& metadata);
// The exact bytes signed: kSignatureContext followed by the canonical metadata.
[[nodiscard]] std::string signedMessage(const UpdateMetadata& metadata);

// The envelope line (without its newline): {"metadata": {...}, "signature": "<base64url>"}.
[[nodiscard]] std::string envelopeLine(const SignedMetadata& signedMetadata);
// Strict: unknown or repeated keys, wrong types, bad hashes, a base on a non-delta... are all
// "malformed", with the JSON pointer and the problem in the message.
[[nodiscard]] Result<SignedMetadata> parseEnvelopeLine(std::string_view line);

// 64 bytes <-> 86 base64url characters without padding.
[[nodiscard]] std::string encodeSignature(const SignatureBytes& signature);
[[nodiscard]] std::optional<SignatureBytes> decodeSignature(std::string_view text);

[[nodiscard]] bool isSha256Hex(std::string_view text) noexcept;

}  // namespace loyalty::updates
