#include "store/ledger_chain.h"

#include <array>
#include <cstdint>
#include <stdexcept>

#include <openssl/rand.h>

namespace loyalty::store {
namespace {

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

std::string_view toString(EntryKind kind) noexcept {
  switch (kind) {
    case EntryKind::accrual: return "accrual";
    case EntryKind::redemption: return "redemption";
    case EntryKind::reversal: return "reversal";
    case EntryKind::enrollment: return "enrollment";
    case EntryKind::adjustment: return "adjustment";
    case EntryKind::voiding: return "voiding";
  }
  return "accrual";
}

std::optional<EntryKind> entryKindFromString(std::string_view name) noexcept {
  for (const EntryKind kind : {EntryKind::accrual, EntryKind::redemption, EntryKind::reversal,
                               EntryKind::enrollment, EntryKind::adjustment, EntryKind::voiding}) {
    if (toString(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string_view toString(VerifyProblem problem) noexcept {
  switch (problem) {
    case VerifyProblem::none: return "none";
    case VerifyProblem::gap: return "gap";
    case VerifyProblem::prev_mismatch: return "prev_mismatch";
    case VerifyProblem::hash_mismatch: return "hash_mismatch";
    case VerifyProblem::terminal_mismatch: return "terminal_mismatch";
    case VerifyProblem::bad_field: return "bad_field";
    case VerifyProblem::missing_tail: return "missing_tail";
  }
  return "none";
}

codec::EntryHashFields hashFields(const LedgerEntry& entry) noexcept {
  return codec::EntryHashFields{entry.id,         entry.terminalId, entry.sequence,    toString(entry.kind),
                                entry.saleRef,    entry.memberId,   entry.wallTimeMs,  entry.monotonicNs,
                                entry.bundleHash, entry.payload,    entry.prevHash};
}

std::string canonicalEntryText(const LedgerEntry& entry) { return codec::canonicalEntryText(hashFields(entry)); }

std::string entryHash(const LedgerEntry& entry) { return codec::entryHash(hashFields(entry)); }

std::string newEntryId() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed");  // no entropy: cannot go on safely
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHex[bytes[i] >> 4];
    text += kHex[bytes[i] & 0x0f];
  }
  return text;
}

}  // namespace loyalty::store
