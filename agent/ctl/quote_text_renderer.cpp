#include "quote_text_renderer.h"

#include <vector>

#include "bundle_lookup.h"
#include "engine/reason.h"
#include "iso_instant.h"
#include "quote_points_text.h"
#include "text/money_format.h"
#include "text/text_table.h"

namespace loyalty::ctl {

using text::Align;
using text::TextTable;

const char* sourceKindName(engine::SourceKind kind) noexcept {
  switch (kind) {
    case engine::SourceKind::promotion: return "promotion";
    case engine::SourceKind::voucher: return "voucher";
    case engine::SourceKind::reward: return "reward";
    case engine::SourceKind::burn: return "points";
  }
  return "?";
}

const char* redeemableKindName(engine::RedeemableKind kind) noexcept {
  switch (kind) {
    case engine::RedeemableKind::promotion: return "promotion";
    case engine::RedeemableKind::voucher: return "voucher";
    case engine::RedeemableKind::reward: return "reward";
  }
  return "?";
}

namespace {

const char* statusName(engine::MemberStatus status) noexcept {
  switch (status) {
    case engine::MemberStatus::active: return "active";
    case engine::MemberStatus::suspended: return "suspended";
    case engine::MemberStatus::closed: return "closed";
  }
  return "?";
}

std::string tierLabel(const engine::Bundle& bundle, const engine::MemberView& member) {
  if (const auto* program = findProgram(bundle, member.programId)) {
    for (const auto& tier : program->tiers) {
      if (tier.id == member.tier && !tier.name.empty() && tier.name != tier.id) {
        return member.tier + " (" + tier.name + ")";
      }
    }
  }
  return member.tier;
}

std::string header(const QuotePage& page, const engine::MemberView* member,
                   const engine::QuoteTime& time, const std::string& timeZone) {
  const auto& result = page.result;
  std::string out = "Quote " + result.saleId + "\n";
  out += "  Store    " + result.storeId;
  if (!result.programId.empty()) {
    out += ", program " + result.programId;
    if (const auto* program = findProgram(page.bundle, result.programId)) {
      if (!program->name.empty()) out += " (" + program->name + ")";
    }
  }
  out += "\n  Time     " + formatLocalDate(time.localDate) + " " +
         formatSecondOfDay(time.localSecondOfDay) + " " + weekdayName(time.localDate) + " " +
         timeZone + " (" + formatIsoInstant(time.epochSeconds) + ")\n";
  out += "  Member   ";
  if (member != nullptr) {
    out += member->id;
    if (!member->displayName.empty()) out += " \"" + member->displayName + "\"";
    if (!member->tier.empty()) out += ", tier " + tierLabel(page.bundle, *member);
    out += std::string(", ") + statusName(member->status);
    if (result.memberId.empty()) out += " (not identified for this sale, see notices)";
  } else {
    out += "none (anonymous basket)";
  }
  out += "\n  Bundle   version " + std::to_string(result.bundleVersion) + ", hash " +
         result.bundleHash + "\n";
  return out;
}

std::string discountLabel(const QuotePage& page, const engine::DiscountPiece& piece) {
  for (const auto& applied : page.result.applied) {
    if (applied.redeemableId == piece.sourceId) {
      return applied.name.empty() ? applied.redeemableId : applied.name;
    }
  }
  return redeemableName(page.bundle, page.result.programId, piece.sourceId);
}

std::string lines(const QuotePage& page) {
  const auto& result = page.result;
  TextTable table({{"Line", Align::right},
                   {"SKU", Align::left},
                   {"Qty", Align::right},
                   {"Price", Align::right},
                   {"Gross", Align::right},
                   {"Discount", Align::right},
                   {"Points", Align::right},
                   {"To pay", Align::right}});
  for (const auto& line : result.lines) {
    std::string sku = line.sku;
    if (line.earnExcluded) sku += " (no points)";
    table.addRow({std::to_string(line.lineNo), sku, std::to_string(line.quantity),
                  page.amount(line.unitPrice), page.amount(line.gross),
                  page.amount(-line.discountTotal), page.amount(-line.pointsPayment),
                  page.amount(line.toPay)});
    for (const auto& piece : line.discounts) {
      // Points payments are shown by the Points column and the burn section.
      if (piece.kind == engine::SourceKind::burn) continue;
      table.addNote("       " + page.amount(-piece.amount) + "  " + discountLabel(page, piece) +
                    " (" + sourceKindName(piece.kind) + " " + piece.sourceId + ")");
    }
  }
  table.addRule();
  table.addRow({"", "Total", "", "", page.amount(result.gross),
                page.amount(-result.discountTotal), page.amount(-result.pointsPayment),
                page.amount(result.toPay)});
  std::string out = "\nLines (amounts in " + (page.currency.empty() ? "minor units" : page.currency) +
                    ")\n" + table.render(2);
  out += "\n  To pay   " + page.money(result.toPay) + "  (gross " + page.money(result.gross) +
         " - discounts " + page.money(result.discountTotal) + " - paid with points " +
         page.money(result.pointsPayment) + ")\n";
  return out;
}

std::string redeemables(const QuotePage& page) {
  const auto& result = page.result;
  std::string out;
  if (!result.applied.empty()) {
    TextTable table({{"Applied", Align::left},
                     {"Name", Align::left},
                     {"Kind", Align::left},
                     {"Discount", Align::right},
                     {"Details", Align::left}});
    for (const auto& applied : result.applied) {
      std::string details;
      if (!applied.code.empty()) details += "code " + applied.code;
      if (applied.singleUse) details += details.empty() ? "single use" : ", single use";
      if (applied.kind == engine::RedeemableKind::reward) {
        if (!details.empty()) details += ", ";
        details += std::to_string(applied.unitsRewarded) + " unit(s) for " +
                   std::to_string(applied.pointsCost) + " " + applied.pointsCurrency + " points";
      }
      if (!applied.campaignId.empty()) {
        details += (details.empty() ? "campaign " : ", campaign ") + applied.campaignId;
      }
      table.addRow({applied.redeemableId, applied.name, redeemableKindName(applied.kind),
                    page.money(-applied.discount), details});
    }
    out += "\n" + table.render(2);
  } else {
    out += "\n  No promotion, voucher or reward applied.\n";
  }
  if (!result.rejected.empty()) {
    out += "\n  Not applied:\n";
    for (const auto& rejection : result.rejected) {
      out += "  - " + rejection.subject;
      if (!rejection.name.empty() && rejection.name != rejection.subject) {
        out += " (" + rejection.name + ")";
      }
      out += std::string(rejection.requested ? ", asked for" : ", automatic") + ": " +
             std::string(engine::toString(rejection.reason)) + ": " + rejection.message + "\n";
    }
  }
  return out;
}

std::string burn(const QuotePage& page) {
  const auto& result = page.result;
  if (!result.burn) return {};
  const auto& burned = *result.burn;
  std::string out = "\n  Points payment: ";
  if (burned.applied) {
    out += std::to_string(burned.points) + " " + burned.currency + " points = " +
           page.money(burned.value) + "\n";
  } else {
    out += "refused";
    if (burned.refusal) out += std::string(": ") + std::string(engine::toString(*burned.refusal));
    out += ": " + burned.message + "\n";
  }
  return out;
}

}  // namespace

std::string QuoteTextRenderer::render(const engine::QuoteResult& result,
                                      const engine::MemberView* member,
                                      const engine::QuoteTime& time,
                                      const std::string& timeZone) const {
  const QuotePage page{bundle_, result,
                       programCurrency(bundle_, result.programId, result.storeId)};
  std::string out = header(page, member, time, timeZone);
  if (!result.notices.empty()) {
    out += "\nNotices\n";
    for (const auto& notice : result.notices) {
      out += "  " + std::string(engine::toString(notice.reason)) + ": " + notice.message + "\n";
    }
  }
  out += lines(page);
  out += "\nRedeemables" + redeemables(page) + burn(page);
  out += renderPoints(page);
  return out;
}

}  // namespace loyalty::ctl
