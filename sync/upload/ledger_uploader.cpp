#include "upload/ledger_uploader.h"

#include <algorithm>

#include "wire/ledger_batch_codec.h"

namespace loyalty::upload {

wire::WireEntry toWire(const store::LedgerEntry& entry) {
  return wire::WireEntry{entry.id,          entry.terminalId,  entry.sequence,   std::string(store::toString(entry.kind)),
                         entry.saleRef,     entry.memberId,    entry.wallTimeMs, entry.monotonicNs,
                         entry.bundleHash,  entry.payload,     entry.prevHash,   entry.hash};
}

LedgerUploader::LedgerUploader(store::Ledger& ledger, HqClient& hq, std::string terminalId, UploadPolicy policy)
    : ledger_(ledger), hq_(hq), terminalId_(std::move(terminalId)), policy_(policy) {}

Result<wire::LedgerBatch> LedgerUploader::nextBatch(std::int64_t after) const {
  auto entries = ledger_.entriesAfter(after, policy_.maxEntries);
  if (!entries) return entries.error();
  wire::LedgerBatch batch;
  batch.terminalId = terminalId_;
  std::size_t bytes = 256;  // the batch's own fields
  for (const auto& entry : entries.value()) {
    wire::WireEntry wireEntry = toWire(entry);
    const std::size_t size = wire::printedEntryBytes(wireEntry) + 1;
    if (bytes + size > policy_.maxBytes) {
      if (batch.entries.empty()) {
        return makeError(ErrorCode::rejected, "entry_too_large",
                         "Ledger entry " + std::to_string(entry.sequence) + " is larger than a batch may be.");
      }
      break;
    }
    bytes += size;
    batch.entries.push_back(std::move(wireEntry));
  }
  return batch;
}

Result<UploadRound> LedgerUploader::uploadOnce() {
  auto stats = ledger_.stats();
  if (!stats) return stats.error();
  UploadRound round;
  round.acknowledgedThrough = stats->syncedThrough;
  const std::int64_t after = std::min(resendAfter_.value_or(stats->syncedThrough), stats->syncedThrough);
  auto batch = nextBatch(after);
  if (!batch) return batch.error();
  if (batch->entries.empty()) {
    resendAfter_.reset();
    round.caughtUp = stats->syncedThrough >= stats->lastSequence;
    return round;
  }
  const std::int64_t lastSent = batch->entries.back().sequence;
  round.sent = static_cast<std::int64_t>(batch->entries.size());
  auto answer = hq_.uploadBatch(batch.value());
  if (!answer) return answer.error();
  if (answer->acknowledgedThrough > stats->lastSequence) {
    return makeError(ErrorCode::rejected, "hq_ahead",
                     "HQ acknowledges entries up to " + std::to_string(answer->acknowledgedThrough) +
                         " but this terminal wrote only " + std::to_string(stats->lastSequence) +
                         ": is another terminal using this id?");
  }
  round.refused = static_cast<std::int64_t>(answer->refused.size());
  for (const auto& refused : answer->refused) {
    if (round.refusal.empty()) {
      round.refusal = std::string(wire::toString(refused.reason)) + ": " + refused.message;
    }
    // HQ lacks entries we hold as synced (restored from a backup): send them again.
    if (refused.reason == wire::RefusalReason::sequence_gap && refused.expectedSequence &&
        *refused.expectedSequence <= stats->syncedThrough) {
      resendAfter_ = *refused.expectedSequence - 1;
    }
  }
  // Synced only up to what HQ holds AND this round sent: never past either.
  const std::int64_t mark = std::min(answer->acknowledgedThrough, lastSent);
  if (mark > stats->syncedThrough) {
    auto marked = ledger_.markSyncedThrough(mark);
    if (!marked) return marked.error();
    round.newlySynced = mark - stats->syncedThrough;
  }
  round.acknowledgedThrough = std::max(mark, stats->syncedThrough);
  if (resendAfter_ && answer->refused.empty()) resendAfter_ = std::max(*resendAfter_, lastSent);
  if (resendAfter_ && *resendAfter_ >= round.acknowledgedThrough) resendAfter_.reset();
  round.caughtUp = round.acknowledgedThrough >= stats->lastSequence && !resendAfter_;
  return round;
}

std::chrono::milliseconds LedgerUploader::backoff(int failures, const UploadPolicy& policy,
                                                  std::mt19937_64& random) {
  std::int64_t cap = policy.firstBackoff.count();
  for (int i = 1; i < failures && cap < policy.maxBackoff.count(); ++i) cap *= 2;
  cap = std::clamp<std::int64_t>(cap, 1, std::max<std::int64_t>(policy.maxBackoff.count(), 1));
  std::uniform_int_distribution<std::int64_t> pick(cap / 2, cap);
  return std::chrono::milliseconds(pick(random));
}

}  // namespace loyalty::upload
