// `loyaltyctl snapshot generate`: writes a realistic test snapshot file of any size
// (docs/snapshot-format.md), streamed member by member, deterministic for a seed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/result.h"

namespace loyalty::ctl {

struct SnapshotGeneratorOptions {
  std::int64_t members = 0;
  std::string bundlePath;
  std::string storeId;
  std::string outPath;
  std::uint64_t seed = 1;
  std::optional<std::string> cardKeyPrivatePath;  // absent: a key derived from the seed, PEM written
  std::string cardKeyId = "hq-card-1";
  std::int64_t version = 1;
  std::int64_t createdAt = 0;  // unix seconds
};

struct GeneratedSnapshot {
  std::int64_t members = 0;
  std::int64_t cards = 0;
  std::int64_t revokedCards = 0;
  std::int64_t deviceKeys = 0;
  std::int64_t offlineAllowances = 0;
  std::int64_t campaignUsage = 0;
  std::int64_t usedVouchers = 0;
  std::int64_t records = 0;
  std::string cardPublicKey;                     // base64url, as in the file
  std::optional<std::string> cardPrivateKeyPath; // written when no key was given
};

// The file appears whole or not at all (written beside it, then renamed), mode 0600.
// Errors: the bundle's, "unknown_store", "invalid_option", key file errors, "file_unwritable".
[[nodiscard]] Result<GeneratedSnapshot> generateSnapshot(const SnapshotGeneratorOptions& options);

// "ok: wrote N members (...) to FILE ..." for the command line.
[[nodiscard]] std::string describeGenerated(const SnapshotGeneratorOptions& options, const GeneratedSnapshot& result);

}  // namespace loyalty::ctl
