#include "codec/ledger_entry_hash.h"

#include <algorithm>

#include "codec/sha256.h"

namespace loyalty::codec {
namespace {

void appendField(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += '=';
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

void appendField(std::string& out, std::string_view name, std::int64_t value) {
  appendField(out, name, std::to_string(value));
}

}  // namespace

bool isLedgerEntryKind(std::string_view kind) noexcept {
  return std::find(kLedgerEntryKinds.begin(), kLedgerEntryKinds.end(), kind) != kLedgerEntryKinds.end();
}

std::string canonicalEntryText(const EntryHashFields& fields) {
  std::string out;
  out.reserve(256 + fields.payload.size());
  out += "loyalty-ledger-entry-v1\n";
  appendField(out, "id", fields.id);
  appendField(out, "terminal_id", fields.terminalId);
  appendField(out, "sequence", fields.sequence);
  appendField(out, "kind", fields.kind);
  appendField(out, "sale_ref", fields.saleRef);
  appendField(out, "member_id", fields.memberId);
  appendField(out, "wall_time_ms", fields.wallTimeMs);
  appendField(out, "monotonic_ns", fields.monotonicNs);
  appendField(out, "bundle_hash", fields.bundleHash);
  appendField(out, "payload", fields.payload);
  appendField(out, "prev_hash", fields.prevHash);
  return out;
}

std::string entryHash(const EntryHashFields& fields) { return sha256Hex(canonicalEntryText(fields)); }

bool isHashText(std::string_view text) noexcept {
  if (text.size() != 64) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace loyalty::codec
