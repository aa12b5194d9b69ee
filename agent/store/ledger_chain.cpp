#include "store/ledger_chain.h"

#include <array>
#include <cstdint>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace loyalty::store {
namespace {

constexpr char kHex[] = "0123456789abcdef";

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

std::string canonicalEntryText(const LedgerEntry& entry) {
  std::string out;
  out.reserve(256 + entry.payload.size());
  out += "loyalty-ledger-entry-v1\n";
  appendField(out, "id", entry.id);
  appendField(out, "terminal_id", entry.terminalId);
  appendField(out, "sequence", entry.sequence);
  appendField(out, "kind", toString(entry.kind));
  appendField(out, "sale_ref", entry.saleRef);
  appendField(out, "member_id", entry.memberId);
  appendField(out, "wall_time_ms", entry.wallTimeMs);
  appendField(out, "monotonic_ns", entry.monotonicNs);
  appendField(out, "bundle_hash", entry.bundleHash);
  appendField(out, "payload", entry.payload);
  appendField(out, "prev_hash", entry.prevHash);
  return out;
}

std::string entryHash(const LedgerEntry& entry) {
  const std::string text = canonicalEntryText(entry);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    // Only a broken OpenSSL installation gets here: a precondition, not bad input.
    throw std::runtime_error("OpenSSL EVP_Digest(sha256) failed");
  }
  std::string hex;
  hex.reserve(std::size_t{length} * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0f];
  }
  return hex;
}

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

bool isHashText(std::string_view text) noexcept {
  if (text.size() != 64) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace loyalty::store
