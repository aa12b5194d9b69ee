#include "return_text_renderer.h"

#include <cstdint>

#include "bundle_lookup.h"
#include "iso_instant.h"
#include "quote_text_renderer.h"
#include "text/money_format.h"
#include "text/text_table.h"

namespace loyalty::ctl {

using text::Align;
using text::currencyDecimals;
using text::formatAmount;
using text::formatMoney;
using text::TextTable;
namespace {

std::int64_t soldQuantity(const engine::QuoteResult& sale, std::int64_t lineNo) {
  for (const auto& line : sale.lines) {
    if (line.lineNo == lineNo) return line.quantity;
  }
  return 0;
}

std::string skuOf(const engine::QuoteResult& sale, std::int64_t lineNo) {
  for (const auto& line : sale.lines) {
    if (line.lineNo == lineNo) return line.sku;
  }
  return {};
}

std::string refundLines(const engine::QuoteResult& sale, const engine::ReturnResult& result,
                        const std::string& currency) {
  const int decimals = currencyDecimals(currency);
  TextTable table({{"Line", Align::right},
                   {"SKU", Align::left},
                   {"Qty back", Align::right},
                   {"Net returned", Align::right},
                   {"Refund", Align::right}});
  for (const auto& line : result.lines) {
    table.addRow({std::to_string(line.lineNo), skuOf(sale, line.lineNo),
                  std::to_string(line.quantity), formatAmount(line.netReturned, decimals),
                  formatAmount(line.refund, decimals)});
  }
  table.addRule();
  table.addRow({"", "Total", "", "", formatAmount(result.refund, decimals)});
  return "\nLines (amounts in " + (currency.empty() ? std::string("minor units") : currency) +
         ")\n" + table.render(2) + "\n  Refund   " + formatMoney(result.refund, currency) + "\n";
}

std::string points(const engine::ReturnResult& result) {
  std::string out = "\nPoints\n";
  if (result.reversed.empty() && result.restored.empty()) {
    out += "  No points to reverse or restore.\n";
  }
  if (!result.reversed.empty()) {
    TextTable table({{"Reversed rule", Align::left},
                     {"Currency", Align::left},
                     {"Earned", Align::right},
                     {"Reversed before", Align::right},
                     {"Reversed now", Align::right}});
    for (const auto& rule : result.reversed) {
      table.addRow({rule.ruleId, rule.currency, std::to_string(rule.earned),
                    std::to_string(rule.reversedBefore), "-" + std::to_string(rule.reversedNow)});
    }
    out += table.render(2);
  }
  if (!result.restored.empty()) {
    TextTable table({{"Restored from", Align::left},
                     {"Kind", Align::left},
                     {"Currency", Align::left},
                     {"Burned", Align::right},
                     {"Restored before", Align::right},
                     {"Restored now", Align::right}});
    for (const auto& source : result.restored) {
      table.addRow({source.sourceId, sourceKindName(source.kind), source.currency,
                    std::to_string(source.burned), std::to_string(source.restoredBefore),
                    "+" + std::to_string(source.restoredNow)});
    }
    out += (result.reversed.empty() ? "" : "\n") + table.render(2);
  }
  return out;
}

std::string vouchersAndCounters(const engine::ReturnResult& result, const std::string& currency) {
  std::string out;
  for (const auto& voucher : result.reinstated) {
    out += "  Voucher " + voucher.code + " (" + voucher.redeemableId +
           ") is reinstated; campaign " +
           (voucher.campaignId.empty() ? std::string("-") : voucher.campaignId) + " gets " +
           formatMoney(voucher.discount, currency) + " of its budget back.\n";
  }
  for (const auto& usage : result.campaignUsageReleased) {
    out += "  Campaign " + usage.campaignId + ": -" + std::to_string(usage.redemptions) +
           " redemption(s), -" + formatMoney(usage.discountTotal, currency) + " discount, -" +
           formatMoney(usage.orderValueTotal, currency) + " order value\n";
  }
  for (const auto& id : result.redeemablesReleased) {
    out += "  Member usage of " + id + ": -1\n";
  }
  return out.empty() ? out : "\nVouchers and counters\n" + out;
}

std::string stateAfter(const engine::QuoteResult& sale, const engine::ReturnResult& result) {
  std::string out = "\nAfter this return\n";
  out += std::string("  The sale is ") +
         (result.completesSale ? "fully returned." : "partly returned.") + "\n";
  for (const auto& line : result.returnedAfter) {
    out += "  Line " + std::to_string(line.lineNo) + ": " + std::to_string(line.quantity) +
           " of " + std::to_string(soldQuantity(sale, line.lineNo)) + " unit(s) returned so far\n";
  }
  if (result.negativeBalance) {
    out += "  The member's balance went below zero (points already spent); flagged to HQ.\n";
  }
  if (!result.lotsAfter.empty()) {
    out += "\n";
    TextTable table({{"Lot", Align::left},
                     {"Currency", Align::left},
                     {"Points", Align::right},
                     {"Earned on", Align::left},
                     {"Expires on", Align::left}});
    for (const auto& lot : result.lotsAfter) {
      table.addRow({lot.id, lot.currency, std::to_string(lot.points),
                    formatLocalDate(lot.earnedOn),
                    lot.expiresOn ? formatLocalDate(*lot.expiresOn) : std::string("never")});
    }
    out += table.render(2);
  }
  for (const auto& deficit : result.deficitsAfter) {
    out += "  Owed: " + std::to_string(deficit.points) + " " + deficit.currency + " points\n";
  }
  return out;
}

}  // namespace

std::string ReturnTextRenderer::render(const engine::QuoteResult& sale,
                                       const engine::ReturnResult& result,
                                       const engine::QuoteTime& time,
                                       const std::string& timeZone, bool memberGiven) const {
  const std::string currency = programCurrency(bundle_, sale.programId, sale.storeId);
  std::string out = "Return of sale " + sale.saleId + "\n";
  out += "  Store    " + sale.storeId + ", program " + sale.programId + "\n";
  out += "  Member   " + (sale.memberId.empty() ? std::string("none") : sale.memberId) + "\n";
  out += "  Time     " + formatLocalDate(time.localDate) + " " +
         formatSecondOfDay(time.localSecondOfDay) + " " + weekdayName(time.localDate) + " " +
         timeZone + " (" + formatIsoInstant(time.epochSeconds) + ")\n";
  out += refundLines(sale, result, currency);
  out += points(result);
  out += vouchersAndCounters(result, currency);
  out += stateAfter(sale, result);
  if (!memberGiven && !result.lotsAfter.empty()) {
    out += "  (Lots start from the sale's result; give --member with the member's current lots\n"
           "   when other sales or returns came after it.)\n";
  }
  return out;
}

}  // namespace loyalty::ctl
