#include "quote_points_text.h"

#include <map>
#include <optional>

#include "bundle_lookup.h"
#include "text/text_table.h"

namespace loyalty::ctl {

using text::Align;
using text::TextTable;
namespace {

const char* earnKindName(engine::EarnKind kind) noexcept {
  switch (kind) {
    case engine::EarnKind::base: return "base";
    case engine::EarnKind::multiplier: return "multiplier";
    case engine::EarnKind::fixed: return "fixed";
  }
  return "?";
}

const char* periodName(engine::Period period) noexcept {
  switch (period) {
    case engine::Period::day: return "day";
    case engine::Period::week: return "week";
    case engine::Period::month: return "month";
    case engine::Period::lifetime: return "lifetime";
  }
  return "?";
}

std::string signedPoints(engine::Points points) {
  return (points > 0 ? "+" : "") + std::to_string(points);
}

std::string expiryText(const std::optional<engine::LocalDate>& expiresOn) {
  return expiresOn ? formatLocalDate(*expiresOn) : std::string("never");
}

std::string earning(const QuotePage& page) {
  const auto& result = page.result;
  if (result.earned.empty()) {
    return result.memberId.empty() ? "\n  No points: no member earns on this basket.\n"
                                   : "\n  No points earned on this basket.\n";
  }
  TextTable table({{"Earned by rule", Align::left},
                   {"Name", Align::left},
                   {"Kind", Align::left},
                   {"Currency", Align::left},
                   {"Points", Align::right},
                   {"Counted net", Align::right},
                   {"Note", Align::left}});
  std::map<std::string, engine::Points> perCurrency;
  for (const auto& rule : result.earned) {
    std::string note;
    if (rule.uncapped != rule.points) {
      note = "capped (" + std::to_string(rule.uncapped) + " before the cap)";
    }
    table.addRow({rule.ruleId, rule.name, earnKindName(rule.kind), rule.currency,
                  signedPoints(rule.points), page.amount(rule.countedNet), note});
    perCurrency[rule.currency] += rule.points;
  }
  std::string out = "\n" + table.render(2) + "  Earned per currency:";
  bool first = true;
  for (const auto& [currency, points] : perCurrency) {
    out += (first ? " " : ", ") + currency + " " + signedPoints(points);
    first = false;
  }
  return out + "\n";
}

std::string balances(const QuotePage& page) {
  const auto& result = page.result;
  if (result.balances.empty()) return {};
  TextTable table({{"Balance", Align::left},
                   {"Before", Align::right},
                   {"Spent", Align::right},
                   {"Earned", Align::right},
                   {"After", Align::right}});
  for (const auto& balance : result.balances) {
    table.addRow({balance.currency, std::to_string(balance.before),
                  balance.spent == 0 ? "0" : "-" + std::to_string(balance.spent),
                  signedPoints(balance.earned), std::to_string(balance.after)});
  }
  return "\n" + table.render(2);
}

std::string lots(const QuotePage& page) {
  const auto& result = page.result;
  if (result.lotsAfter.empty() && result.deficitsAfter.empty()) return {};
  std::string out;
  if (!result.lotsAfter.empty()) {
    TextTable table({{"Lot after the sale", Align::left},
                     {"Currency", Align::left},
                     {"Points", Align::right},
                     {"Earned on", Align::left},
                     {"Expires on", Align::left}});
    for (const auto& lot : result.lotsAfter) {
      table.addRow({lot.id, lot.currency, std::to_string(lot.points),
                    formatLocalDate(lot.earnedOn), expiryText(lot.expiresOn)});
    }
    out += "\n" + table.render(2);
  }
  for (const auto& deficit : result.deficitsAfter) {
    out += "  Owed: " + std::to_string(deficit.points) + " " + deficit.currency + " points\n";
  }
  return out;
}

std::string commitBookings(const QuotePage& page) {
  const auto& result = page.result;
  std::string out;
  for (const auto& usage : result.campaignUsageAdded) {
    out += "  - campaign " + usage.campaignId + ": +" + std::to_string(usage.redemptions) +
           " redemption(s), +" + page.money(usage.discountTotal) + " discount, +" +
           page.money(usage.orderValueTotal) + " order value\n";
  }
  for (const auto& id : result.redeemablesUsed) {
    out += "  - member usage of " + id + ": +1\n";
  }
  for (const auto& code : result.vouchersConsumed) {
    out += "  - single-use voucher " + code + " becomes used\n";
  }
  for (const auto& usage : result.ruleUsageAdded) {
    out += "  - cap counter of rule " + usage.ruleId + " (" + periodName(usage.period);
    if (usage.period != engine::Period::lifetime) {
      out += " from " + formatLocalDate(usage.periodStart);
    }
    out += "): +" + std::to_string(usage.points) + " points\n";
  }
  return out.empty() ? out : "\n  A commit books:\n" + out;
}

}  // namespace

std::string renderPoints(const QuotePage& page) {
  return "\nPoints\n" + earning(page) + balances(page) + lots(page) + commitBookings(page);
}

}  // namespace loyalty::ctl
