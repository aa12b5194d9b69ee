// What this terminal's entries not yet in the snapshot add to shared counters: campaign
// redemptions and budgets (SEMANTICS 4, 7) and single-use codes used here. Kept in memory,
// rebuilt from the ledger at start and after a snapshot swap, added to on every commit.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "codec/ledger_payload_codec.h"
#include "engine/quote.h"
#include "store/ledger.h"

namespace loyalty::service {

class LocalCounters {
 public:
  // Reads every entry after `includedThrough` in batches. Errors: I/O, corrupt_entry.
  [[nodiscard]] Result<store::Done> rebuild(const store::Ledger& ledger, std::int64_t includedThrough);
  void add(const codec::EntryPayload& payload);

  // The snapshot's counters plus this terminal's.
  [[nodiscard]] std::vector<engine::CampaignUsage> campaignUsage(std::vector<engine::CampaignUsage> snapshot) const;
  [[nodiscard]] bool codeUsed(const std::string& code) const;

 private:
  void addLocked(const codec::EntryPayload& payload);

  mutable std::mutex mutex_;
  std::map<std::string, engine::CampaignUsage> campaigns_;
  std::map<std::string, int> codes_;  // uses less reinstatements
};

}  // namespace loyalty::service
