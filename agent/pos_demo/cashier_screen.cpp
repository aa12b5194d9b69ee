#include "pos_demo/cashier_screen.h"

#include <algorithm>

#include "engine/reason.h"
#include "text/money_format.h"
#include "text/text_table.h"

namespace loyalty::pos_demo {
namespace {

using text::Align;
using text::TextTable;

std::string signedPoints(engine::Points points) {
  return (points > 0 ? "+" : "") + std::to_string(points);
}

// A discount's source as the cashier names it: "Members' 20% off (voucher MEMBER20)".
std::string sourceLabel(const engine::QuoteResult& result, const engine::DiscountPiece& piece) {
  for (const auto& applied : result.applied) {
    if (applied.redeemableId != piece.sourceId) continue;
    const std::string name = applied.name.empty() ? applied.redeemableId : applied.name;
    switch (applied.kind) {
      case engine::RedeemableKind::voucher: return name + " (voucher " + applied.code + ")";
      case engine::RedeemableKind::reward: return name + " (reward " + applied.code + ")";
      case engine::RedeemableKind::promotion: return name + " (promotion " + applied.redeemableId + ")";
    }
  }
  return piece.sourceId;
}

// An earning rule's name as the sale's result gives it, else its id.
std::string ruleName(const engine::QuoteResult& sale, const std::string& ruleId) {
  for (const auto& rule : sale.earned) {
    if (rule.ruleId == ruleId && !rule.name.empty()) return rule.name;
  }
  return ruleId;
}

std::string skuOf(const engine::QuoteResult& sale, std::int64_t lineNo) {
  for (const auto& line : sale.lines) {
    if (line.lineNo == lineNo) return line.sku;
  }
  return "line " + std::to_string(lineNo);
}

}  // namespace

std::string describePoints(engine::Points points, const std::string& currency) {
  return std::to_string(points) + " " + currency + " points";
}

std::string describeBalances(const std::vector<PointsBalance>& balances) {
  std::string out;
  for (const auto& b : balances) out += (out.empty() ? "" : ", ") + describePoints(b.points, b.currency);
  return out.empty() ? "no points" : out;
}

std::string CashierScreen::money(engine::Money minorUnits) const { return text::formatMoney(minorUnits, currency_); }

std::string CashierScreen::amount(engine::Money minorUnits) const {
  return text::formatAmount(minorUnits, text::currencyDecimals(currency_));
}

std::string CashierScreen::terminal(const StatusAnswer& status) const {
  std::string out = "  Till " + status.terminalId + " in store " + status.storeId + ": ";
  if (!status.snapshotVersion) return out + "no snapshot loaded yet.\n";
  out += "snapshot version " + std::to_string(*status.snapshotVersion) + " with " + std::to_string(status.members) +
         " members";
  if (status.snapshotAgeSeconds) out += ", " + std::to_string(*status.snapshotAgeSeconds) + " s old";
  if (status.snapshotStale) out += " (STALE: points cannot be spent)";
  return out + "; ledger at sequence " + std::to_string(status.lastSequence) + ", " +
         std::to_string(status.unsyncedEntries) + " entries not yet sent to head office.\n";
}

std::string CashierScreen::member(const MemberAnswer& member) const {
  std::string out = "  Member    " + (member.displayName.empty() ? member.id : member.displayName + " (" + member.id + ")");
  out += "\n  Tier      " + (member.tier.empty() ? std::string("none") : member.tier) + ", " + member.status;
  if (member.provisional) out += ", enrolled here (not yet confirmed by head office)";
  out += "\n  Balance   " + describeBalances(member.balances) + "\n";
  for (const auto& soon : member.expiringSoon) {
    out += "  Expiring  " + describePoints(soon.points, soon.currency) + " on " + soon.expiresOn + "\n";
  }
  if (!member.availableRewards.empty()) {
    out += "  Rewards   ";
    for (std::size_t i = 0; i < member.availableRewards.size(); ++i) {
      out += (i == 0 ? "" : ", ") + member.availableRewards[i];
    }
    out += " (the balance pays for them)\n";
  }
  return out;
}

std::string CashierScreen::scan(const ScanAnswer& scan) const {
  std::string card = scan.cardId.empty() ? "The code" : "Card " + scan.cardId;
  if (!scan.accepted) return "  " + card + " REFUSED (" + scan.reason + "): " + scan.message + "\n";
  std::string out = "  " + card + " accepted: " + scan.message + "\n";
  if (scan.member) out += member(*scan.member);
  return out;
}

std::string CashierScreen::quote(const SaleAnswer& quote) const {
  const engine::QuoteResult& r = quote.result;
  std::string out;
  for (const auto& notice : r.notices) {
    out += "  NOTE      " + std::string(engine::toString(notice.reason)) + ": " + notice.message + "\n";
  }
  TextTable table({{"Line", Align::right}, {"Item", Align::left}, {"Qty", Align::right},
                   {"Price", Align::right}, {"Amount", Align::right}, {"Discount", Align::right},
                   {"Points", Align::right}, {"To pay", Align::right}});
  for (const auto& line : r.lines) {
    table.addRow({std::to_string(line.lineNo), line.sku + (line.earnExcluded ? " (no points)" : ""),
                  std::to_string(line.quantity), amount(line.unitPrice), amount(line.gross),
                  amount(-line.discountTotal), amount(-line.pointsPayment), amount(line.toPay)});
    for (const auto& piece : line.discounts) {
      if (piece.kind == engine::SourceKind::burn) continue;  // the Points column shows it
      table.addNote("        " + amount(-piece.amount) + "  " + sourceLabel(r, piece));
    }
  }
  table.addRule();
  table.addRow({"", "Total", "", "", amount(r.gross), amount(-r.discountTotal), amount(-r.pointsPayment),
                amount(r.toPay)});
  out += table.render(2);
  out += "\n  Vouchers and promotions\n";
  if (r.applied.empty() && r.rejected.empty()) out += "    none\n";
  for (const auto& applied : r.applied) {
    out += "    applied  " + (applied.code.empty() ? applied.redeemableId : applied.code) + "  " + applied.name +
           ": " + money(-applied.discount) + "\n";
  }
  for (const auto& refused : r.rejected) {
    out += std::string(refused.requested ? "    REFUSED  " : "    not used ") + refused.subject + " (" +
           std::string(engine::toString(refused.reason)) + "): \"" + refused.message + "\"\n";
  }
  if (r.burn) {
    out += "\n  Points    ";
    if (r.burn->applied) {
      out += describePoints(r.burn->points, r.burn->currency) + " pay " + money(r.burn->value) + "\n";
    } else {
      const std::string why = r.burn->refusal ? std::string(engine::toString(*r.burn->refusal)) : "refused";
      out += "REFUSED (" + why + "): \"" + r.burn->message + "\"\n";
    }
  }
  out += "  TO PAY    " + money(r.toPay) + "   (" + money(r.gross) + " - discounts " + money(r.discountTotal) +
         " - points " + money(r.pointsPayment) + ")\n";
  std::vector<PointsBalance> earned;  // per currency, in the order the rules name them
  std::string rules;
  for (const auto& rule : r.earned) {
    auto it = std::find_if(earned.begin(), earned.end(), [&](const auto& e) { return e.currency == rule.currency; });
    if (it == earned.end()) it = earned.insert(earned.end(), PointsBalance{rule.currency, 0});
    it->points += rule.points;
    rules += (rules.empty() ? "" : ", ") + ruleName(r, rule.ruleId) + " " + signedPoints(rule.points);
  }
  out += "  Earns     ";
  if (earned.empty()) out += "no points";
  for (std::size_t i = 0; i < earned.size(); ++i) {
    out += (i == 0 ? "" : ", ") + signedPoints(earned[i].points) + " " + earned[i].currency + " points";
  }
  out += rules.empty() ? "\n" : " (" + rules + ")\n";
  for (const auto& warning : quote.warnings) out += "  Warning   " + warning.reason + ": " + warning.message + "\n";
  return out;
}

std::string CashierScreen::approval(const SaleAnswer& sale) const {
  const engine::QuoteResult& r = sale.result;
  std::string out = "  " + std::string(sale.status == "approved" ? "APPROVED" : sale.status) + "  sale " + r.saleId +
                    ": to pay " + money(r.toPay);
  if (r.burn && r.burn->applied) out += ", " + describePoints(r.burn->points, r.burn->currency) + " spent";
  for (const auto& balance : r.balances) {
    if (balance.earned > 0) out += ", " + signedPoints(balance.earned) + " " + balance.currency + " points earned";
  }
  out += "\n  Balance after the sale: ";
  std::vector<PointsBalance> after;
  for (const auto& balance : r.balances) after.push_back(PointsBalance{balance.currency, balance.after});
  out += describeBalances(after) + "\n";
  return out + entries(sale.entries, sale.alreadyCommitted);
}

std::string CashierScreen::refund(const ReturnAnswer& answer, const engine::QuoteResult& sale) const {
  const engine::ReturnResult& r = answer.result;
  TextTable table({{"Line", Align::right}, {"Item", Align::left}, {"Qty", Align::right}, {"Refund", Align::right}});
  for (const auto& line : r.lines) {
    table.addRow({std::to_string(line.lineNo), skuOf(sale, line.lineNo), std::to_string(line.quantity),
                  amount(line.refund)});
  }
  std::string out = table.render(2);
  out += "\n  REFUND    " + money(r.refund) + (r.completesSale ? " (the whole sale is now returned)" : "") + "\n";
  for (const auto& reversed : r.reversed) {
    if (reversed.reversedNow == 0) continue;
    out += "  Reversed  " + describePoints(-reversed.reversedNow, reversed.currency) + " earned by \"" +
           ruleName(sale, reversed.ruleId) + "\"\n";
  }
  for (const auto& restored : r.restored) {
    if (restored.restoredNow == 0) continue;
    out += "  Restored  " + describePoints(restored.restoredNow, restored.currency) +
           " paid with points on these items, back to the member\n";
  }
  for (const auto& voucher : r.reinstated) out += "  Voucher   " + voucher.code + " can be used again\n";
  if (r.negativeBalance) out += "  NOTE      the member's balance went below zero; head office is told.\n";
  return out + entries(answer.entries, answer.alreadyCommitted);
}

std::string CashierScreen::entries(const std::vector<LedgerEntryRef>& entries, bool alreadyCommitted) const {
  if (entries.empty()) return "  Ledger    nothing written\n";
  const std::string count = std::to_string(entries.size()) + " entr" + (entries.size() == 1 ? "y" : "ies");
  std::string out = alreadyCommitted
                        ? "  Ledger    already committed earlier: nothing new written; its " + count + ":\n"
                        : "  Ledger    " + count + " written, durable before the answer:\n";
  for (const auto& entry : entries) {
    out += "              #" + std::to_string(entry.sequence) + "  " + entry.kind + "  " + entry.id + "\n";
  }
  return out;
}

}  // namespace loyalty::pos_demo
