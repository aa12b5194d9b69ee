// Forwards the terminal's ledger to HQ, exactly once end to end (docs/sync-protocol.md,
// "What the agent does with the answer"). Local first, forwarded later, as osquery's
// buffered forwarder: the ledger table is the outbox; each round reads the entries after
// the last acknowledged one in sequence order, capped by count and bytes, sends them, and
// marks entries synced only up to HQ's acknowledged high-water mark, never past what it
// sent. Nothing is dropped: a failed round leaves the outbox as it was and the next one
// sends the same entries again (HQ deduplicates them).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include "store/ledger.h"
#include "upload/hq_client.h"
#include "wire/ledger_batch.h"

namespace loyalty::upload {

struct UploadPolicy {
  std::size_t maxEntries = wire::kMaxBatchEntries;
  std::size_t maxBytes = wire::kMaxBatchBytes;  // the batch's JSON body
  std::chrono::milliseconds firstBackoff{1'000};
  std::chrono::milliseconds maxBackoff{300'000};
};

struct UploadRound {
  std::int64_t sent = 0;                 // entries in the batch (0: nothing to send)
  std::int64_t acknowledgedThrough = 0;  // HQ's mark after this round (the old one when nothing was sent)
  std::int64_t newlySynced = 0;          // entries this round marked synced
  bool caughtUp = false;                 // every entry written so far is acknowledged
  std::int64_t refused = 0;              // entries HQ refused (each needs a person: see the log)
  std::string refusal;                   // the first refusal's reason and sentence
};

class LedgerUploader {
 public:
  LedgerUploader(store::Ledger& ledger, HqClient& hq, std::string terminalId, UploadPolicy policy = {});

  // One round: one batch or nothing. Errors (the outbox is unchanged; back off and call
  // again): HqClient's transport errors; "hq_ahead" (HQ acknowledges sequences this
  // terminal never wrote: another terminal with this id?), "entry_too_large" (an entry that
  // can never fit a batch), store errors.
  [[nodiscard]] Result<UploadRound> uploadOnce();

  // The wait after `failures` failed rounds in a row: exponential from firstBackoff,
  // capped at maxBackoff, with "full jitter" (uniform in [cap/2, cap]) so that a
  // store's terminals coming back together do not hit HQ in step.
  [[nodiscard]] static std::chrono::milliseconds backoff(int failures, const UploadPolicy& policy,
                                                         std::mt19937_64& random);

 private:
  [[nodiscard]] Result<wire::LedgerBatch> nextBatch(std::int64_t after) const;

  store::Ledger& ledger_;
  HqClient& hq_;
  std::string terminalId_;
  UploadPolicy policy_;
  // Where the next batch starts when HQ asked for earlier entries than our synced mark
  // (a restored HQ reporting a gap): those are sent again while we still hold them.
  std::optional<std::int64_t> resendAfter_;
};

[[nodiscard]] wire::WireEntry toWire(const store::LedgerEntry& entry);

}  // namespace loyalty::upload
