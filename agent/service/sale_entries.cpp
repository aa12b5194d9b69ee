#include "service/sale_entries.h"

#include <algorithm>
#include <set>

#include "codec/basket_codec.h"
#include "codec/member_codec.h"
#include "codec/quote_codec.h"
#include "codec/return_codec.h"
#include "engine/lots.h"
#include "engine/member_delta.h"
#include "service/answer_json.h"

namespace loyalty::service {
namespace {

using nlohmann::json;

bool qualifying(const engine::Program* program, const std::string& currency) {
  if (program == nullptr) return false;
  for (const auto& c : program->pointCurrencies) {
    if (c.id == currency) return c.kind == engine::CurrencyKind::qualifying;
  }
  return false;
}

store::NewEntry entryOf(store::EntryKind kind, const std::string& saleRef, const std::string& memberId,
                        const std::string& bundleHash, const codec::EntryPayload& payload) {
  return store::NewEntry{kind, saleRef, memberId, bundleHash, codec::entryPayloadToText(payload)};
}

json requestToJson(const engine::QuoteRequest& request) {
  json redeem = json::array();
  for (const auto& r : request.redeem) redeem.push_back(json{{"code", r.code}, {"quantity", r.quantity}});
  json burn = json{{"mode", request.burn.mode == engine::BurnMode::none    ? "none"
                            : request.burn.mode == engine::BurnMode::exact ? "exact"
                                                                           : "max"},
                   {"points", request.burn.points}};
  return json{{"basket", codec::basketToJson(request.basket)}, {"redeem", redeem}, {"burn", burn},
              {"member_id", request.member ? request.member->id : std::string()}};
}

}  // namespace

SaleBooking saleEntries(const engine::MemberView* memberBefore, const engine::QuoteRequest& request,
                        const QuoteAnswer& answer, const engine::LocalDate& today, const engine::Program* program) {
  const engine::QuoteResult& result = answer.result;
  SaleBooking booking;
  // The result's JSON is written once: for the response and for the entry's detail.
  const std::string resultJson = codec::quoteResultText(result);
  booking.response = quoteAnswerText(answer, "approved", resultJson);

  engine::MemberDelta balances;
  if (memberBefore != nullptr && !result.memberId.empty()) {
    diffBalances(*memberBefore, result.lotsAfter, result.deficitsAfter, balances);
  }
  codec::EntryPayload redemption;
  redemption.posSaleId = request.saleId;
  redemption.memberDelta.on = today;
  codec::EntryPayload accrual = redemption;
  for (const auto& change : balances.lots) {
    (change.delta < 0 ? redemption : accrual).memberDelta.lots.push_back(change);
  }
  accrual.memberDelta.deficits = balances.deficits;
  accrual.memberDelta.ruleUsageAdded = result.ruleUsageAdded;
  for (const auto& earned : result.earned) {
    if (qualifying(program, earned.currency)) accrual.memberDelta.qualifyingEarned += earned.points;
  }
  redemption.memberDelta.redeemablesUsed = result.redeemablesUsed;
  redemption.memberDelta.vouchersUsed = result.vouchersConsumed;
  if (result.burn && result.burn->applied) redemption.memberDelta.burned += result.burn->points;
  for (const auto& applied : result.applied) redemption.memberDelta.burned += applied.pointsCost;
  redemption.campaignDelta = result.campaignUsageAdded;
  redemption.codesUsed = result.vouchersConsumed;

  const bool redeemed = !result.applied.empty() || (result.burn && result.burn->applied);
  const bool earned = !result.memberId.empty() && !result.earned.empty();
  std::string detail;  // {"sale":{"request":...,"result":...}}, keys as dump() orders them
  detail.reserve(resultJson.size() + 128 * request.basket.lines.size() + 256);
  codec::JsonWriter w(detail);
  w.beginObject().key("sale").beginObject().key("request").raw(requestToJson(request).dump());
  w.key("result").raw(resultJson).endObject().endObject();
  if (redeemed) {
    // Only one entry carries the detail.
    booking.entries.push_back(store::NewEntry{store::EntryKind::redemption, request.saleId, result.memberId,
                                              result.bundleHash, codec::entryPayloadToText(redemption, detail)});
    booking.payloads.push_back(std::move(redemption));
  }
  if (earned) {
    booking.entries.push_back(store::NewEntry{store::EntryKind::accrual, request.saleId, result.memberId,
                                              result.bundleHash,
                                              codec::entryPayloadToText(accrual, redeemed ? "{}" : detail)});
    booking.payloads.push_back(std::move(accrual));
  }
  return booking;
}

SaleBooking returnEntries(const engine::MemberView* memberBefore, const engine::QuoteResult& sale,
                          const engine::ReturnResult& result, const ReturnRequestIn& request, bool voiding,
                          const engine::LocalDate& today, const engine::Program* program) {
  SaleBooking booking;
  codec::EntryPayload payload;
  payload.posSaleId = request.posSaleId;
  payload.returnId = request.returnId;
  payload.memberDelta.on = today;
  if (memberBefore != nullptr) diffBalances(*memberBefore, result.lotsAfter, result.deficitsAfter, payload.memberDelta);
  payload.memberDelta.redeemablesReleased = result.redeemablesReleased;
  for (const auto& voucher : result.reinstated) {
    payload.memberDelta.vouchersReinstated.push_back(voucher.code);
    payload.codesReleased.push_back(voucher.code);
  }
  for (const auto& reversed : result.reversed) {
    if (qualifying(program, reversed.currency)) payload.memberDelta.qualifyingEarned -= reversed.reversedNow;
  }
  for (const auto& restored : result.restored) payload.memberDelta.burned -= restored.restoredNow;
  for (const auto& released : result.campaignUsageReleased) {
    payload.campaignDelta.push_back(engine::CampaignUsage{released.campaignId, -released.redemptions,
                                                          -released.discountTotal, -released.orderValueTotal});
  }
  json lines = json::array();
  for (const auto& line : request.lines) lines.push_back(json{{"line", line.lineNo}, {"quantity", line.quantity}});
  payload.detail = json{{"return", json{{"lines", lines}, {"result", codec::returnResultToJson(result)}}}};
  booking.response = returnAnswerToJson(request, result, voiding).dump();
  booking.entries.push_back(entryOf(voiding ? store::EntryKind::voiding : store::EntryKind::reversal,
                                    request.posSaleId, sale.memberId, sale.bundleHash, payload));
  booking.payloads.push_back(std::move(payload));
  return booking;
}

SaleBooking enrollmentEntry(const engine::MemberView& member, const std::string& enrollmentId,
                            const std::string& bundleHash, const engine::LocalDate& today) {
  SaleBooking booking;
  codec::EntryPayload payload;
  payload.memberDelta.on = today;
  payload.detail = json{{"enrollment", json{{"enrollment_id", enrollmentId}, {"member", codec::memberToJson(member)}}}};
  booking.response = json{{"status", "enrolled"},
                          {"member_id", member.id},
                          {"program", member.programId},
                          {"tier", member.tier},
                          {"provisional", true}}
                         .dump();
  booking.entries.push_back(entryOf(store::EntryKind::enrollment, "enroll:" + enrollmentId, member.id, bundleHash,
                                    payload));
  booking.payloads.push_back(std::move(payload));
  return booking;
}

CommitAnswer toAnswer(const store::CommitOutcome& outcome) {
  CommitAnswer answer;
  answer.alreadyCommitted = outcome.alreadyCommitted;
  answer.response = outcome.response;
  for (const auto& entry : outcome.entries) {
    answer.entries.push_back(EntryRef{entry.id, entry.sequence, std::string(store::toString(entry.kind))});
  }
  return answer;
}

MemberSummary summarize(const MemberState& state, const ActiveRules& rules, const engine::LocalDate& today,
                        int expiringSoonDays, std::size_t recent) {
  MemberSummary summary;
  summary.member = state.view;
  summary.provisional = state.provisional;
  const engine::Program* program = rules.program(state.view.programId);
  const std::int64_t horizon = engine::daysFromCivil(today) + expiringSoonDays;
  if (program != nullptr) {
    for (const auto& currency : program->pointCurrencies) {
      const engine::Points spendable =
          engine::spendablePoints(state.view.lots, state.view.deficits, currency.id, today);
      summary.balances.push_back(engine::CurrencyBalance{currency.id, spendable, 0, 0, spendable});
    }
    for (const auto& redeemable : program->redeemables) {
      if (redeemable.kind != engine::RedeemableKind::reward) continue;
      const engine::Points have =
          engine::spendablePoints(state.view.lots, state.view.deficits, redeemable.pointsCurrency, today);
      if (redeemable.pointsCost > 0 && have >= redeemable.pointsCost) summary.availableRewards.push_back(redeemable.id);
    }
  }
  for (const auto& lot : state.view.lots) {
    if (lot.expiresOn && engine::lotSpendable(lot, today) && engine::daysFromCivil(*lot.expiresOn) <= horizon) {
      summary.expiringSoon.push_back(lot);
    }
  }
  std::sort(summary.expiringSoon.begin(), summary.expiringSoon.end(),
            [](const engine::Lot& a, const engine::Lot& b) { return *a.expiresOn < *b.expiresOn; });
  const std::size_t first = state.localEntries.size() > recent ? state.localEntries.size() - recent : 0;
  for (std::size_t i = state.localEntries.size(); i-- > first;) {
    const store::LedgerEntry& entry = state.localEntries[i];
    ActivityItem item{entry.sequence, std::string(store::toString(entry.kind)), entry.saleRef, entry.wallTimeMs, 0,
                      entry.synced};
    if (auto payload = codec::parseEntryPayload(entry.payload)) {
      for (const auto& change : payload->memberDelta.lots) {
        if (!qualifying(program, change.lot.currency)) item.pointsChange += change.delta;
      }
      // A deficit paid off (or run up) moves the balance as much as a lot does.
      for (const auto& change : payload->memberDelta.deficits) {
        if (!qualifying(program, change.currency)) item.pointsChange -= change.delta;
      }
    }
    summary.recentActivity.push_back(std::move(item));
  }
  return summary;
}

}  // namespace loyalty::service
