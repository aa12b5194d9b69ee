// The snapshot file (docs/snapshot-format.md): NDJSON, one JSON object per line, read as a
// stream so a 1,000,000-member file never sits in memory. A header line (format, version,
// store, creation time, ledger sequences HQ included, the rule bundle), typed records, and an
// "end" trailer counting the records, so a truncated file is refused. Every error names the
// line number and the JSON pointer of the field.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "codec/ed25519.h"
#include "engine/bundle.h"
#include "engine/member.h"
#include "engine/quote.h"
#include "engine/result.h"

namespace loyalty::codec {

inline constexpr std::int64_t kSnapshotFormat = 1;
inline constexpr std::size_t kMaxSnapshotRecordBytes = 1u << 20;  // one record line
// The header line carries the bundle: it may be as large as a bundle document (64 MiB).


struct SnapshotHeader {
  std::int64_t version = 0;
  std::string storeId;
  std::int64_t createdAt = 0;                         // unix seconds
  std::map<std::string, std::int64_t> ledgerIncluded;  // terminal id -> highest sequence HQ applied
  engine::Bundle bundle;                               // loaded and validated (loadBundle)
  std::string bundleText;                              // canonical JSON text of the bundle
  std::string bundleHash;
};

struct SnapshotMember {
  engine::MemberView member;
  std::string json;  // the member object as compact JSON text (what the store keeps)
};
struct SnapshotCard {
  std::string cardId;
  std::string memberId;
};
struct SnapshotCardKey {
  std::string keyId;
  PublicKeyBytes publicKey{};
  std::optional<std::int64_t> validFrom;   // unix seconds, inclusive
  std::optional<std::int64_t> validUntil;  // unix seconds, exclusive
};
struct SnapshotDeviceKey {
  std::string keyId;
  std::string memberId;
  PublicKeyBytes publicKey{};
  bool revoked = false;
};
struct SnapshotRevokedCard {
  std::string cardId;
};
struct SnapshotUsedVoucher {
  std::string code;
};
struct SnapshotDisabledCampaign {
  std::string campaignId;
};
struct SnapshotOfflineAllowance {
  std::string memberId;
  std::int64_t points = 0;
};

using SnapshotRecord =
    std::variant<SnapshotMember, SnapshotCard, SnapshotCardKey, SnapshotDeviceKey, SnapshotRevokedCard,
                 engine::CampaignUsage, SnapshotUsedVoucher, SnapshotDisabledCampaign, SnapshotOfflineAllowance>;

// Reads a snapshot file line by line. Errors (loyalty::Error, reason as in the format doc)
// say "line N: POINTER: sentence"; after an error the reader is done.
class SnapshotFileReader {
 public:
  explicit SnapshotFileReader(std::istream& in) noexcept : in_(in) {}

  // The first line. Reasons: "missing_header", "unsupported_format", "invalid_bundle",
  // "unknown_store", "invalid_instant", and the JSON reasons of any field.
  [[nodiscard]] Result<SnapshotHeader> readHeader();
  // The next record, or nullopt once the trailer was read and its count matched and nothing
  // follows it. Reasons: "truncated" (no trailer), "record_count_mismatch", "data_after_end",
  // "unknown_record_type", "unknown_program", "unknown_tier", "invalid_key", "line_too_long",
  // "blank_line", and the JSON reasons of any field.
  [[nodiscard]] Result<std::optional<SnapshotRecord>> next();

  [[nodiscard]] std::int64_t lineNumber() const noexcept { return line_; }
  [[nodiscard]] std::int64_t recordsRead() const noexcept { return records_; }

 private:
  enum class LineRead { line, end_of_file, too_long };
  LineRead readLine(std::size_t maxBytes);
  Error fail(Error error);

  std::istream& in_;
  std::string text_;
  std::int64_t line_ = 0;
  std::int64_t records_ = 0;
  bool headerRead_ = false;
  bool finished_ = false;
  std::optional<Error> failed_;
  std::map<std::string, std::set<std::string>, std::less<>> programTiers_;  // of the header's bundle
};

// Writing (the generator, HQ tests): each function returns one line without its newline.
[[nodiscard]] std::string snapshotHeaderLine(std::int64_t version, const std::string& storeId, std::int64_t createdAt,
                                             const std::map<std::string, std::int64_t>& ledgerIncluded,
                                             const nlohmann::json& bundleDocument);
// A member record is written from its view (memberToJson); SnapshotMember::json is ignored.
[[nodiscard]] std::string snapshotRecordLine(const SnapshotRecord& record);
[[nodiscard]] std::string snapshotEndLine(std::int64_t records);

// Public keys in the file: base64url without padding (43 characters, written) or 64 hex
// digits (read too).
[[nodiscard]] std::string encodePublicKey(const PublicKeyBytes& key);
[[nodiscard]] std::optional<PublicKeyBytes> decodePublicKey(std::string_view text);

}  // namespace loyalty::codec
