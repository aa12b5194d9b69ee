// What a snapshot holds (docs/store.md, docs/snapshot-format.md), as plain values: written
// by an import, read back by lookups. JSON-free: a member's full view is opaque text that
// the service layer decodes (codec::parseMember).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/member.h"

namespace loyalty::store {

using PublicKey = std::array<std::uint8_t, 32>;  // raw Ed25519 public key

struct SnapshotMeta {
  std::int64_t version = 0;        // HQ's snapshot version; only ever goes up on a terminal
  std::string storeId;
  std::int64_t createdAt = 0;      // unix seconds, when HQ built it
  std::string bundleText;          // the rule bundle (canonical JSON text)
  std::string bundleHash;          // its sha256 hex
  std::int64_t bundleVersion = 0;
  std::int64_t ledgerIncludedThrough = 0;  // this terminal's highest sequence HQ had applied
  friend bool operator==(const SnapshotMeta&, const SnapshotMeta&) = default;
};

// The active snapshot without the bundle text (cheap to read on every quote).
struct SnapshotInfo {
  std::int64_t generation = 0;
  std::int64_t version = 0;
  std::string storeId;
  std::int64_t createdAt = 0;
  std::string bundleHash;
  std::int64_t bundleVersion = 0;
  std::int64_t ledgerIncludedThrough = 0;
  std::int64_t memberCount = 0;
};

struct MemberRecord {
  std::string memberId;
  std::string programId;
  engine::MemberStatus status = engine::MemberStatus::active;
  std::string displayName;
  std::string tier;
  std::string viewText;  // the member JSON (docs/data-formats.md, "Member")
  friend bool operator==(const MemberRecord&, const MemberRecord&) = default;
};

struct CardRecord {
  std::string cardId;
  std::string memberId;  // B2B accounts: several cards name one member
  friend bool operator==(const CardRecord&, const CardRecord&) = default;
};

// HQ's key that signs printed member cards.
struct CardKeyRecord {
  std::string keyId;
  PublicKey publicKey{};
  std::optional<std::int64_t> validFrom;   // unix seconds, inclusive
  std::optional<std::int64_t> validUntil;  // unix seconds, exclusive
  friend bool operator==(const CardKeyRecord&, const CardKeyRecord&) = default;
};

// A member's phone-app key that HQ registered (rotating codes).
struct DeviceKeyRecord {
  std::string keyId;
  std::string memberId;
  PublicKey publicKey{};
  bool revoked = false;
  friend bool operator==(const DeviceKeyRecord&, const DeviceKeyRecord&) = default;
};

// A points allowance HQ granted a member for burning offline at this store (instead of the
// bundle's daily default).
struct OfflineAllowance {
  std::string memberId;
  std::int64_t points = 0;
  friend bool operator==(const OfflineAllowance&, const OfflineAllowance&) = default;
};

[[nodiscard]] std::string_view toString(engine::MemberStatus status) noexcept;
[[nodiscard]] std::optional<engine::MemberStatus> memberStatusFromString(std::string_view name) noexcept;

}  // namespace loyalty::store
