// The decisions of an ingest, apart from the database (docs/sync-protocol.md, "How HQ
// applies a batch"): both stores lock the terminal, read its head and the stored entries
// with the batch's ids, call planIngest, and write what it says in the same transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "hq/store/hq_store.h"
#include "wire/ledger_batch.h"

namespace loyalty::hq {

struct TerminalHead {
  std::int64_t acknowledgedThrough = 0;
  std::string headHash;  // hash of the entry at acknowledgedThrough (genesis when 0)
};

// What HQ holds under an entry id that the batch also names.
struct StoredIdentity {
  std::string terminalId;
  std::int64_t sequence = 0;
  std::string hash;
};

struct NewAlert {
  std::string kind;
  std::string entryId;
  std::int64_t sequence = 0;
  std::string detail;
};

struct IngestPlan {
  std::vector<const wire::WireEntry*> inserts;  // ascending sequence, consecutive from the old head
  wire::BatchAnswer answer;
  std::vector<NewAlert> alerts;
  TerminalHead head;                            // after the inserts
  std::optional<std::int64_t> newestWallMs;     // wall time of the last insert
};

// `entries` may come in any order and repeat; `stored` maps the ids HQ already holds
// (any terminal) to what it holds. Pure; the returned pointers point into `entries`.
[[nodiscard]] IngestPlan planIngest(const std::string& terminalId, const std::vector<wire::WireEntry>& entries,
                                    const TerminalHead& head,
                                    const std::unordered_map<std::string, StoredIdentity>& stored);

// Batch-level checks shared by both stores: size and that every entry names the terminal.
[[nodiscard]] Result<Done> checkIngestBatch(const std::string& terminalId,
                                            const std::vector<wire::WireEntry>& entries);

}  // namespace loyalty::hq
