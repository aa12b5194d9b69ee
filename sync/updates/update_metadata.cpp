#include "updates/update_metadata.h"

#include <array>

#include "codec/base64url.h"
#include "codec/canonical_json.h"
#include "codec/json_document.h"
#include "codec/json_reader.h"
#include "codec/time_text.h"

namespace loyalty::updates {
namespace {

using codec::Json;

constexpr std::array<std::pair<std::string_view, UpdateKind>, 4> kKinds{{
    {"bundle", UpdateKind::bundle},
    {"snapshot_full", UpdateKind::snapshot_full},
    {"snapshot_delta", UpdateKind::snapshot_delta},
    {"campaign_switch", UpdateKind::campaign_switch},
}};

constexpr std::size_t kMaxKeyIdBytes = 128;
constexpr std::size_t kMaxStoreIdBytes = 128;

Error malformed(const std::string& pointer, const std::string& message) {
  return makeError(ErrorCode::parse_error, "malformed",
                   "Update envelope: " + (pointer.empty() ? std::string("/") : pointer) + ": " + message);
}

std::optional<std::int64_t> readInstant(codec::ObjectReader& reader, std::string_view key) {
  const std::string text = reader.requiredString(key);
  if (text.empty()) return std::nullopt;
  auto instant = codec::parseInstant(text);
  if (!instant) {
    reader.issues().add(reader.pointerOf(key), "invalid_instant",
                        "expected an RFC 3339 instant such as \"2026-03-01T04:00:00Z\".");
  }
  return instant;
}

std::string readHash(codec::ObjectReader& reader, std::string_view key) {
  std::string text = reader.requiredString(key);
  if (!text.empty() && !isSha256Hex(text)) {
    reader.issues().add(reader.pointerOf(key), "invalid_hash", "expected 64 lowercase hexadecimal digits (SHA-256).");
  }
  return text;
}

// A version + hash pair that must be present for one kind and absent for the others.
std::optional<VersionHash> readPair(codec::ObjectReader& reader, std::string_view versionKey, std::string_view hashKey,
                                    bool wanted, std::string_view kindText) {
  if (!wanted) {
    for (const std::string_view key : {versionKey, hashKey}) {
      if (reader.has(key)) {
        (void)reader.optional(key);
        reader.issues().add(reader.pointerOf(key), "not_allowed",
                            "not allowed in an update of kind \"" + std::string(kindText) + "\".");
      }
    }
    return std::nullopt;
  }
  VersionHash pair;
  pair.version = reader.requiredInt(versionKey, {1, INT64_MAX});
  pair.hash = readHash(reader, hashKey);
  return pair;
}

UpdateMetadata readMetadata(codec::ObjectReader& reader) {
  UpdateMetadata m;
  m.format = reader.requiredInt("format", codec::kAnyInt);
  if (reader.issues().empty() && m.format != kEnvelopeFormat) {
    reader.issues().add(reader.pointerOf("format"), "unsupported_format",
                        "this agent reads envelope format 1, got " + std::to_string(m.format) + ".");
  }
  const std::string kindText = reader.requiredString("kind");
  const std::optional<UpdateKind> kind = kindFromName(kindText);
  if (!kind && !kindText.empty()) {
    reader.issues().add(reader.pointerOf("kind"), "invalid_value",
                        "\"" + kindText + "\" is not one of: bundle, snapshot_full, snapshot_delta, campaign_switch.");
  }
  m.kind = kind.value_or(UpdateKind::bundle);
  m.storeId = reader.requiredString("store_id");
  if (m.storeId.size() > kMaxStoreIdBytes) {
    reader.issues().add(reader.pointerOf("store_id"), "too_long", "a store id is at most 128 bytes.");
  }
  if (kind && m.storeId == kChainWide && streamOf(*kind) == UpdateStream::snapshot) {
    reader.issues().add(reader.pointerOf("store_id"), "not_allowed", "a snapshot is built for one store, never \"*\".");
  }
  m.version = reader.requiredInt("version", {1, INT64_MAX});
  m.createdAt = readInstant(reader, "created_at").value_or(0);
  const std::optional<std::int64_t> expires = readInstant(reader, "expires_at");
  m.expiresAt = expires.value_or(0);
  if (expires && m.expiresAt <= m.createdAt) {
    reader.issues().add(reader.pointerOf("expires_at"), "invalid_range", "an update must expire after it was created.");
  }
  m.base = readPair(reader, "base_version", "base_hash", kind == UpdateKind::snapshot_delta, kindText);
  if (m.base && m.base->version >= m.version) {
    reader.issues().add(reader.pointerOf("base_version"), "invalid_range",
                        "a delta's base version must be lower than its version.");
  }
  m.bundle = readPair(reader, "bundle_version", "bundle_hash", kind == UpdateKind::snapshot_full, kindText);
  m.contentHash = readHash(reader, "content_hash");
  m.contentBytes = reader.requiredInt("content_bytes", {0, kMaxContentBytes});
  m.keyId = reader.requiredString("key_id");
  if (m.keyId.size() > kMaxKeyIdBytes) {
    reader.issues().add(reader.pointerOf("key_id"), "too_long", "a key id is at most 128 bytes.");
  }
  return m;
}

}  // namespace

std::string_view kindName(UpdateKind kind) noexcept {
  for (const auto& [name, value] : kKinds) {
    if (value == kind) return name;
  }
  return "?";
}

std::optional<UpdateKind> kindFromName(std::string_view name) noexcept {
  for (const auto& [text, value] : kKinds) {
    if (text == name) return value;
  }
  return std::nullopt;
}

UpdateStream streamOf(UpdateKind kind) noexcept {
  switch (kind) {
    case UpdateKind::bundle: return UpdateStream::bundle;
    case UpdateKind::snapshot_full:
    case UpdateKind::snapshot_delta: return UpdateStream::snapshot;
    case UpdateKind::campaign_switch: return UpdateStream::campaign_switch;
  }
  return UpdateStream::bundle;
}

std::string_view streamName(UpdateStream stream) noexcept {
  switch (stream) {
    case UpdateStream::bundle: return "bundle";
    case UpdateStream::snapshot: return "snapshot";
    case UpdateStream::campaign_switch: return "campaign_switch";
  }
  return "?";
}

bool isSha256Hex(std::string_view text) noexcept {
  if (text.size() != 64) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string canonicalMetadata(const UpdateMetadata& m) {
  Json out = Json::object();
  out["format"] = m.format;
  out["kind"] = std::string(kindName(m.kind));
  out["store_id"] = m.storeId;
  out["version"] = m.version;
  out["created_at"] = codec::formatInstant(m.createdAt);
  out["expires_at"] = codec::formatInstant(m.expiresAt);
  if (m.base) {
    out["base_version"] = m.base->version;
    out["base_hash"] = m.base->hash;
  }
  if (m.bundle) {
    out["bundle_version"] = m.bundle->version;
    out["bundle_hash"] = m.bundle->hash;
  }
  out["content_hash"] = m.contentHash;
  out["content_bytes"] = m.contentBytes;
  out["key_id"] = m.keyId;
  return codec::canonicalJson(out);
}

std::string signedMessage(const UpdateMetadata& metadata) {
  return std::string(kSignatureContext) + canonicalMetadata(metadata);
}

std::string envelopeLine(const SignedMetadata& signedMetadata) {
  return R"({"metadata":)" + canonicalMetadata(signedMetadata.metadata) + R"(,"signature":")" +
         encodeSignature(signedMetadata.signature) + "\"}";
}

Result<SignedMetadata> parseEnvelopeLine(std::string_view line) {
  if (line.size() > kMaxEnvelopeLineBytes) {
    return malformed("", "the metadata line is longer than " + std::to_string(kMaxEnvelopeLineBytes) + " bytes.");
  }
  codec::Issues issues;
  const std::optional<Json> document = codec::parseDocument(line, issues);
  SignedMetadata out;
  if (document) {
    codec::ObjectReader top(*document, "", issues);
    if (top.valid()) {
      if (const Json* metadata = top.required("metadata")) {
        codec::ObjectReader reader(*metadata, "/metadata", issues);
        if (reader.valid()) {
          out.metadata = readMetadata(reader);
          reader.finish();
        }
      }
      const std::string signature = top.requiredString("signature");
      if (!signature.empty()) {
        auto decoded = decodeSignature(signature);
        if (!decoded) {
          issues.add("/signature", "invalid_signature_text", "expected 86 base64url characters (64 bytes, no padding).");
        } else {
          out.signature = *decoded;
        }
      }
      top.finish();
    }
  }
  if (!issues.empty()) {
    const codec::Issue& first = issues.list().front();
    return malformed(first.pointer, first.message + " (" + first.reason + ")");
  }
  return out;
}

std::string encodeSignature(const SignatureBytes& signature) { return codec::base64UrlEncode(signature); }

std::optional<SignatureBytes> decodeSignature(std::string_view text) {
  SignatureBytes out{};  // 86 characters, the 4 spare bits zero: one spelling per signature
  if (!codec::base64UrlDecode(text, out)) return std::nullopt;
  return out;
}

}  // namespace loyalty::updates
