#include "service/local_counters.h"

namespace loyalty::service {

Result<store::Done> LocalCounters::rebuild(const store::Ledger& ledger, std::int64_t includedThrough) {
  std::map<std::string, engine::CampaignUsage> campaigns;
  std::map<std::string, int> codes;
  {
    const std::lock_guard lock(mutex_);
    campaigns_.swap(campaigns);
    codes_.swap(codes);
  }
  constexpr std::size_t kBatch = 500;  // bounded memory whatever the backlog
  std::int64_t after = includedThrough;
  for (;;) {
    auto batch = ledger.entriesAfter(after, kBatch);
    if (!batch) return batch.error();
    for (const auto& entry : batch.value()) {
      auto payload = codec::parseEntryPayload(entry.payload);
      if (!payload) {
        return makeError(ErrorCode::parse_error, "corrupt_entry",
                         "ledger entry " + std::to_string(entry.sequence) + " does not decode: " +
                             payload.error().message);
      }
      add(payload.value());
      after = entry.sequence;
    }
    if (batch.value().size() < kBatch) return store::Done{};
  }
}

void LocalCounters::add(const codec::EntryPayload& payload) {
  const std::lock_guard lock(mutex_);
  addLocked(payload);
}

void LocalCounters::addLocked(const codec::EntryPayload& payload) {
  for (const auto& delta : payload.campaignDelta) {
    engine::CampaignUsage& usage = campaigns_[delta.campaignId];
    usage.campaignId = delta.campaignId;
    usage.redemptions += delta.redemptions;
    usage.discountTotal += delta.discountTotal;
    usage.orderValueTotal += delta.orderValueTotal;
  }
  for (const auto& code : payload.codesUsed) ++codes_[code];
  for (const auto& code : payload.codesReleased) --codes_[code];
}

std::vector<engine::CampaignUsage> LocalCounters::campaignUsage(std::vector<engine::CampaignUsage> snapshot) const {
  const std::lock_guard lock(mutex_);
  for (const auto& [id, local] : campaigns_) {
    bool merged = false;
    for (auto& usage : snapshot) {
      if (usage.campaignId != id) continue;
      usage.redemptions += local.redemptions;
      usage.discountTotal += local.discountTotal;
      usage.orderValueTotal += local.orderValueTotal;
      merged = true;
    }
    if (!merged) snapshot.push_back(local);
  }
  for (auto& usage : snapshot) {  // a return never takes a counter below zero
    usage.redemptions = std::max<std::int64_t>(usage.redemptions, 0);
    usage.discountTotal = std::max<engine::Money>(usage.discountTotal, 0);
    usage.orderValueTotal = std::max<engine::Money>(usage.orderValueTotal, 0);
  }
  return snapshot;
}

bool LocalCounters::codeUsed(const std::string& code) const {
  const std::lock_guard lock(mutex_);
  const auto it = codes_.find(code);
  return it != codes_.end() && it->second > 0;
}

}  // namespace loyalty::service
