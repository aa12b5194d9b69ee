// The records of a snapshot delta (docs/sync-protocol.md, "Snapshot delta format"): an
// upsert of any snapshot record (same keys as in the snapshot file), a removal by key, and
// two kinds a full snapshot carries elsewhere or not yet: conflicts HQ flagged and the
// per-terminal ledger-included marks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "codec/snapshot_codec.h"

namespace loyalty::updates {

// SEMANTICS 7: what HQ found when two offline stores spent the same points or voucher.
enum class ConflictKind { overdraft, voucher_reuse, negative_balance };

struct Conflict {
  std::string id;
  ConflictKind kind = ConflictKind::overdraft;
  std::optional<std::string> memberId;
  std::optional<std::string> voucherCode;
  std::optional<std::int64_t> points;  // the overdraft or negative balance, when it is about points
  std::int64_t detectedAt = 0;         // unix seconds
  std::vector<std::string> entryIds;   // the ledger entries involved
  friend bool operator==(const Conflict&, const Conflict&) = default;
};

// The highest ledger sequence of a terminal HQ applied into the balances.
struct LedgerMark {
  std::string terminalId;
  std::int64_t sequence = 0;
  friend bool operator==(const LedgerMark&, const LedgerMark&) = default;
};

// The record types, named as in the "type" key.
enum class DeltaType {
  member, card, card_key, device_key, revoked_card, campaign_usage, used_voucher, disabled_campaign,
  offline_allowance, conflict, ledger_included
};

[[nodiscard]] std::string_view typeName(DeltaType type) noexcept;
[[nodiscard]] std::optional<DeltaType> typeFromName(std::string_view name) noexcept;
// The key that names a record of this type ("member", "card", "key", "campaign"...).
[[nodiscard]] std::string_view keyName(DeltaType type) noexcept;

struct DeltaRemove {
  DeltaType type = DeltaType::member;
  std::string key;
  friend bool operator==(const DeltaRemove&, const DeltaRemove&) = default;
};

// An upsert (a snapshot record, a conflict, a ledger mark) or a removal.
using DeltaRecord = std::variant<codec::SnapshotRecord, Conflict, LedgerMark, DeltaRemove>;

// The type and key a record is about (each appears at most once in a delta).
[[nodiscard]] DeltaType typeOf(const DeltaRecord& record) noexcept;
[[nodiscard]] std::string keyOf(const DeltaRecord& record);

struct DeltaHeader {
  std::string storeId;
  std::int64_t baseVersion = 0;
  std::int64_t version = 0;
  std::int64_t createdAt = 0;  // unix seconds
  friend bool operator==(const DeltaHeader&, const DeltaHeader&) = default;
};

}  // namespace loyalty::updates
