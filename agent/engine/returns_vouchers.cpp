// Voucher reinstatement on a full return: the voucher is unused again and gives back its
// redemption counters and its share of the campaign budgets.
#include "returns_vouchers.h"

#include <algorithm>
#include <map>
#include <string>

namespace loyalty::engine {
namespace {

const Program* findProgram(const Bundle& bundle, const std::string& id) {
  for (const Program& program : bundle.programs) {
    if (program.id == id) {
      return &program;
    }
  }
  return nullptr;
}

bool campaignDisabled(const Program& program, const ReturnRequest& request, const std::string& id) {
  if (id.empty()) {
    return false;
  }
  const auto& disabled = request.disabledCampaigns;
  if (std::find(disabled.begin(), disabled.end(), id) != disabled.end()) {
    return true;
  }
  return std::any_of(program.campaigns.begin(), program.campaigns.end(),
                     [&id](const Campaign& campaign) { return campaign.id == id && campaign.disabled; });
}

// The voucher could still be used at request.time.
bool stillValid(const Program& program, const AppliedRedeemable& voucher, const ReturnRequest& request) {
  const QuoteTime& now = request.time;
  if (voucher.validUntil && now.localDate > *voucher.validUntil) {
    return false;  // the last valid day (inclusive) has passed
  }
  const auto redeemable = std::find_if(
      program.redeemables.begin(), program.redeemables.end(),
      [&voucher](const Redeemable& candidate) { return candidate.id == voucher.redeemableId; });
  if (redeemable == program.redeemables.end()) {
    return false;  // withdrawn from the bundle since the sale
  }
  if (campaignDisabled(program, request, voucher.campaignId) ||
      campaignDisabled(program, request, redeemable->campaignId)) {
    return false;
  }
  if (const auto& schedule = redeemable->conditions.schedule) {
    if ((schedule->endsAt && now.epochSeconds >= *schedule->endsAt) ||
        (schedule->endDate && now.localDate > *schedule->endDate)) {
      return false;  // the offer is over
    }
  }
  return true;
}

}  // namespace

void reinstateVouchers(const Bundle& bundle, const QuoteResult& sale, const ReturnRequest& request,
                       ReturnResult& result) {
  const Program* program = findProgram(bundle, sale.programId);
  if (program == nullptr) {
    return;
  }
  std::map<std::string, CampaignUsage> released;
  std::map<std::string, bool> wholeCampaign;  // every applied redeemable of it reinstated
  for (const AppliedRedeemable& applied : sale.applied) {
    const bool reinstate = applied.kind == RedeemableKind::voucher && applied.reinstateOnReturn &&
                           stillValid(*program, applied, request);
    if (!applied.campaignId.empty()) {
      auto [flag, inserted] = wholeCampaign.emplace(applied.campaignId, reinstate);
      if (!inserted) {
        flag->second = flag->second && reinstate;
      }
    }
    if (!reinstate) {
      continue;
    }
    result.reinstated.push_back(
        ReinstatedVoucher{applied.code, applied.redeemableId, applied.campaignId, applied.discount});
    result.redeemablesReleased.push_back(applied.redeemableId);
    if (!applied.campaignId.empty()) {
      CampaignUsage& usage = released[applied.campaignId];
      usage.campaignId = applied.campaignId;
      usage.redemptions += 1;
      usage.discountTotal += applied.discount;
    }
  }
  // The quote booked the sale's order value once per campaign; it comes back only when the
  // campaign no longer counts this sale at all.
  for (auto& [campaignId, usage] : released) {
    if (wholeCampaign[campaignId]) {
      usage.orderValueTotal = sale.gross;
    }
    result.campaignUsageReleased.push_back(usage);
  }
}

}  // namespace loyalty::engine
