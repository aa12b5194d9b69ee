#include "hq/store/ingest_plan.h"

#include <algorithm>

#include "wire/ledger_batch_codec.h"

namespace loyalty::hq {
namespace {

using wire::RefusalReason;

void refuse(IngestPlan& plan, const wire::WireEntry& entry, RefusalReason reason, std::string message,
            std::optional<std::int64_t> expected = std::nullopt) {
  // A gap is the normal shape of a lost batch: reported, but no alert. The others mean a
  // terminal rewrote or corrupted history, which a person must look at.
  if (reason != RefusalReason::sequence_gap) {
    plan.alerts.push_back(NewAlert{std::string(wire::toString(reason)), entry.id, entry.sequence, message});
  }
  plan.answer.refused.push_back(wire::RefusedEntry{entry.id, entry.sequence, reason, expected, std::move(message)});
}

std::string seqText(std::int64_t sequence) { return std::to_string(sequence); }

}  // namespace

Result<Done> checkIngestBatch(const std::string& terminalId, const std::vector<wire::WireEntry>& entries) {
  if (entries.size() > wire::kMaxBatchEntries) {
    return makeError(ErrorCode::invalid_input, "batch_too_large",
                     "a batch holds at most " + std::to_string(wire::kMaxBatchEntries) + " entries, got " +
                         std::to_string(entries.size()) + ".");
  }
  for (const wire::WireEntry& entry : entries) {
    // Entries normally come from wire::parseBatch, which checked them; a caller building
    // them itself gets the same rules rather than a database constraint failure.
    if (auto problem = wire::entryProblem(entry)) {
      problem->message = "entry " + std::to_string(entry.sequence) + ": " + problem->message +
                         " Nothing of the batch was applied.";
      return *problem;
    }
    if (entry.terminalId != terminalId) {
      return makeError(ErrorCode::invalid_input, "terminal_mismatch",
                       "entry " + entry.id + " names terminal \"" + entry.terminalId + "\", not \"" + terminalId +
                           "\"; nothing of the batch was applied.");
    }
  }
  return Done{};
}

IngestPlan planIngest(const std::string& terminalId, const std::vector<wire::WireEntry>& entries,
                      const TerminalHead& head, const std::unordered_map<std::string, StoredIdentity>& stored) {
  IngestPlan plan;
  plan.answer.terminalId = terminalId;
  plan.head = head;
  std::vector<const wire::WireEntry*> order;
  order.reserve(entries.size());
  for (const wire::WireEntry& entry : entries) order.push_back(&entry);
  std::stable_sort(order.begin(), order.end(),
                   [](const wire::WireEntry* a, const wire::WireEntry* b) { return a->sequence < b->sequence; });

  // Ids taken in this batch, so a repeat inside the batch is judged like a resend.
  std::unordered_map<std::string, const wire::WireEntry*> taken;
  bool stopped = false;  // a gap or a refusal at the head: nothing later can link
  for (const wire::WireEntry* entry : order) {
    const std::int64_t expected = plan.head.acknowledgedThrough + 1;
    if (!wire::hashMatches(*entry)) {
      refuse(plan, *entry, RefusalReason::bad_hash,
             "entry " + seqText(entry->sequence) + " does not hash to its hash field: its content was altered.");
      if (entry->sequence == expected) stopped = true;
      continue;
    }
    std::optional<std::string> heldHash;
    if (const auto inBatch = taken.find(entry->id); inBatch != taken.end()) {
      heldHash = inBatch->second->hash;
    } else if (const auto held = stored.find(entry->id); held != stored.end()) {
      heldHash = held->second.hash;
    }
    if (heldHash && *heldHash == entry->hash) {
      ++plan.answer.duplicates;  // the same hash means the same content, sequence and terminal
      continue;
    }
    if (heldHash) {
      refuse(plan, *entry, RefusalReason::id_reused_with_other_content,
             "id " + entry->id + " is already held with other content; entry " + seqText(entry->sequence) +
                 " was not applied.");
      if (entry->sequence == expected) stopped = true;
      continue;
    }
    if (entry->sequence <= plan.head.acknowledgedThrough) {
      refuse(plan, *entry, RefusalReason::sequence_reused,
             "sequence " + seqText(entry->sequence) + " is already held under another entry id.");
      continue;
    }
    if (stopped) {
      ++plan.answer.notApplied;
      continue;
    }
    if (entry->sequence > expected) {
      refuse(plan, *entry, RefusalReason::sequence_gap,
             "sequence " + seqText(entry->sequence) + " follows a gap: HQ expects sequence " + seqText(expected) +
                 " next.",
             expected);
      stopped = true;
      continue;
    }
    if (entry->prevHash != plan.head.headHash) {
      refuse(plan, *entry, RefusalReason::broken_chain,
             "entry " + seqText(entry->sequence) + " does not link to the hash of entry " +
                 seqText(plan.head.acknowledgedThrough) + " held by HQ.");
      stopped = true;
      continue;
    }
    plan.inserts.push_back(entry);
    taken.emplace(entry->id, entry);
    plan.head.acknowledgedThrough = entry->sequence;
    plan.head.headHash = entry->hash;
    plan.newestWallMs = entry->wallTimeMs;
    ++plan.answer.applied;
  }
  plan.answer.acknowledgedThrough = plan.head.acknowledgedThrough;
  return plan;
}

}  // namespace loyalty::hq
