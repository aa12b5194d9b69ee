// Returns after commit (SEMANTICS 6, 9): cumulative reversal of earned points, restoration
// of burned points to their lots, voucher reinstatement on the return that completes a sale.
#include "returns.h"

#include <algorithm>
#include <map>
#include <string>

#include "allocation.h"
#include "lots.h"
#include "returns_vouchers.h"

namespace loyalty::engine {
namespace {

__extension__ typedef __int128 Int128;  // NOLINT: GCC/Clang 128-bit integer

// Cumulative units returned per line number, before and after this return.
struct Progress {
  std::map<std::int64_t, std::int64_t> sold;    // line -> quantity sold
  std::map<std::int64_t, std::int64_t> before;  // line -> units back before this return
  std::map<std::int64_t, std::int64_t> after;   // line -> units back after it

  static std::int64_t get(const std::map<std::int64_t, std::int64_t>& units, std::int64_t line) {
    const auto it = units.find(line);
    return it == units.end() ? 0 : it->second;
  }
  // Every unit of `lines` is back; with no lines: every unit of the sale.
  [[nodiscard]] bool allBack(const std::vector<LinePiece>& lines,
                             const std::map<std::int64_t, std::int64_t>& units) const {
    if (lines.empty()) {
      return allBack(units);
    }
    return std::all_of(lines.begin(), lines.end(), [&](const LinePiece& piece) {
      return get(units, piece.lineNo) >= get(sold, piece.lineNo);
    });
  }
  [[nodiscard]] bool allBack(const std::map<std::int64_t, std::int64_t>& units) const {
    return std::all_of(sold.begin(), sold.end(),
                       [&](const auto& line) { return get(units, line.first) >= line.second; });
  }
};

// The cumulative rule: after `units` are back, floor(total x share of the amount spread on
// the units back / amount), or everything once all units are back when the amount is zero.
Points cumulativeShare(Points total, Money amount, const std::vector<LinePiece>& pieces,
                       const Progress& progress, const std::map<std::int64_t, std::int64_t>& units) {
  if (amount <= 0) {
    return progress.allBack(pieces, units) ? total : 0;
  }
  Int128 back = 0;
  for (const LinePiece& piece : pieces) {
    back += firstUnitsShare(piece.amount, Progress::get(progress.sold, piece.lineNo),
                            Progress::get(units, piece.lineNo));
  }
  const Int128 share = static_cast<Int128>(total) * back / amount;
  return static_cast<Points>(std::clamp<Int128>(share, 0, total));
}

// A source of burned points: the burn, or one reward item.
struct BurnSource {
  std::string sourceId;
  SourceKind kind = SourceKind::burn;
  std::string currency;
  Points points = 0;
  Money total = 0;
  const std::vector<LinePiece>* pieces = nullptr;
  const std::vector<LotUse>* lotsUsed = nullptr;
};

std::vector<BurnSource> burnSources(const QuoteResult& sale) {
  std::vector<BurnSource> sources;
  if (sale.burn && sale.burn->applied && sale.burn->points > 0) {
    const BurnResult& burn = *sale.burn;
    sources.push_back(BurnSource{burn.currency, SourceKind::burn, burn.currency, burn.points,
                                 burn.value, &burn.pieces, &burn.lotsUsed});
  }
  for (const AppliedRedeemable& item : sale.applied) {
    if (item.kind == RedeemableKind::reward && item.pointsCost > 0) {
      sources.push_back(BurnSource{item.redeemableId, SourceKind::reward, item.pointsCurrency,
                                   item.pointsCost, item.discount, &item.pieces, &item.lotsUsed});
    }
  }
  return sources;
}

Error saleError(std::string message) {
  return makeError(ErrorCode::invalid_input, "invalid_sale", std::move(message));
}

bool inRange(std::int64_t value, std::int64_t high) noexcept { return value >= 0 && value <= high; }

// `pieces` name sale lines, carry amounts in range and add up to `total`.
bool piecesConsistent(const std::vector<LinePiece>& pieces, Money total, const Progress& progress) {
  Int128 sum = 0;
  for (const LinePiece& piece : pieces) {
    if (!progress.sold.contains(piece.lineNo) || !inRange(piece.amount, kMaxAmount)) {
      return false;
    }
    sum += piece.amount;
  }
  return sum == total;
}

// The committed sale must be one the engine could have produced; it may come from a file.
std::optional<Error> checkSale(const QuoteResult& sale, Progress& progress) {
  Int128 totalNet = 0;
  for (const LineResult& line : sale.lines) {
    if (line.quantity <= 0 || line.quantity > kMaxQuantity || !inRange(line.net, kMaxAmount) ||
        !inRange(line.toPay, line.net) || !progress.sold.emplace(line.lineNo, line.quantity).second) {
      return saleError("Sale line " + std::to_string(line.lineNo) +
                       " is duplicated or has an amount or quantity out of range.");
    }
    totalNet += line.net;
  }
  if (totalNet > kMaxAmount) {  // as for a basket: refunds add up without overflow
    return saleError("The sale's total is beyond the supported range.");
  }
  for (const EarnedRule& rule : sale.earned) {
    if (!inRange(rule.points, kMaxAmount) || !piecesConsistent(rule.lines, rule.countedNet, progress)) {
      return saleError("The points of earning rule " + rule.ruleId + " do not match the sale's lines.");
    }
  }
  for (const BurnSource& source : burnSources(sale)) {
    Int128 used = 0;
    for (const LotUse& use : *source.lotsUsed) {
      used += inRange(use.points, kMaxAmount) ? use.points : -1;
    }
    if (!inRange(source.points, kMaxAmount) || used != source.points ||
        !piecesConsistent(*source.pieces, source.total, progress)) {
      return saleError("The points burned by " + source.sourceId + " do not match the sale.");
    }
  }
  return std::nullopt;
}

// Records earlier and current units per line; an Error names the first bad line.
std::optional<Error> readUnits(const QuoteResult& sale, const ReturnRequest& request, Progress& progress) {
  if (request.member && request.member->id != sale.memberId) {
    return makeError(ErrorCode::invalid_input, "wrong_member",
                     "The member given is not the member of this sale.");
  }
  if (request.lines.empty()) {
    return makeError(ErrorCode::invalid_input, "no_lines", "A return must name at least one line.");
  }
  const auto check = [&](const ReturnLine& line, std::map<std::int64_t, std::int64_t>& seen,
                         bool current) -> std::optional<Error> {
    const std::string name = "Line " + std::to_string(line.lineNo);
    const auto sold = progress.sold.find(line.lineNo);
    if (sold == progress.sold.end()) {
      return makeError(ErrorCode::unknown_reference, "unknown_line", name + " is not part of the sale.");
    }
    if (!seen.emplace(line.lineNo, 0).second) {
      return makeError(ErrorCode::invalid_input, "duplicate_line", name + " is listed twice.");
    }
    if (current ? line.quantity <= 0 : line.quantity < 0) {
      return makeError(ErrorCode::invalid_input, "bad_quantity", name + " has a quantity out of range.");
    }
    const std::int64_t before = current ? Progress::get(progress.before, line.lineNo) : 0;
    if (line.quantity > sold->second - before) {
      return makeError(ErrorCode::invalid_input, "more_than_sold",
                       name + ": more units would come back than were sold.");
    }
    (current ? progress.after : progress.before)[line.lineNo] = before + line.quantity;
    return std::nullopt;
  };
  std::map<std::int64_t, std::int64_t> seenBefore;
  for (const ReturnLine& line : request.returnedBefore) {
    if (auto error = check(line, seenBefore, false)) {
      return error;
    }
  }
  std::map<std::int64_t, std::int64_t> seenNow;
  for (const ReturnLine& line : request.lines) {
    if (auto error = check(line, seenNow, true)) {
      return error;
    }
  }
  for (const auto& [lineNo, units] : progress.before) {
    progress.after.emplace(lineNo, units);  // lines not returned now keep their earlier units
  }
  return std::nullopt;
}

}  // namespace

Result<ReturnResult> computeSaleReturn(const Bundle& bundle, const QuoteResult& sale,
                                       const ReturnRequest& request) {
  Progress progress;
  if (auto error = checkSale(sale, progress)) {
    return *error;
  }
  if (auto error = readUnits(sale, request, progress)) {
    return *error;
  }
  ReturnResult result;
  for (const LineResult& line : sale.lines) {
    const std::int64_t before = Progress::get(progress.before, line.lineNo);
    const std::int64_t after = Progress::get(progress.after, line.lineNo);
    if (after > before) {
      ReturnedLine returned{line.lineNo, after - before, 0, 0};
      returned.refund = firstUnitsShare(line.toPay, line.quantity, after) -
                        firstUnitsShare(line.toPay, line.quantity, before);
      returned.netReturned = firstUnitsShare(line.net, line.quantity, after) -
                             firstUnitsShare(line.net, line.quantity, before);
      result.refund += returned.refund;
      result.lines.push_back(returned);
    }
    if (after > 0) {
      result.returnedAfter.push_back(ReturnLine{line.lineNo, after});
    }
  }
  std::sort(result.lines.begin(), result.lines.end(),
            [](const ReturnedLine& a, const ReturnedLine& b) { return a.lineNo < b.lineNo; });
  std::sort(result.returnedAfter.begin(), result.returnedAfter.end(),
            [](const ReturnLine& a, const ReturnLine& b) { return a.lineNo < b.lineNo; });

  // Earned points, per rule; totals per currency are taken back after the restorations.
  std::map<std::string, Points> reverseByCurrency;
  for (const EarnedRule& rule : sale.earned) {
    ReversedRule reversed{rule.ruleId, rule.currency, rule.points, 0, 0};
    reversed.reversedBefore =
        cumulativeShare(rule.points, rule.countedNet, rule.lines, progress, progress.before);
    reversed.reversedNow =
        cumulativeShare(rule.points, rule.countedNet, rule.lines, progress, progress.after) -
        reversed.reversedBefore;
    reverseByCurrency[rule.currency] += reversed.reversedNow;
    result.reversed.push_back(std::move(reversed));
  }

  result.lotsAfter = request.member ? request.member->lots : sale.lotsAfter;
  result.deficitsAfter = request.member ? request.member->deficits : sale.deficitsAfter;
  // Burned points go back to their lots first (latest-consumed first, original expiry).
  for (const BurnSource& source : burnSources(sale)) {
    RestoredPoints restored{source.sourceId, source.kind, source.currency, source.points, 0, 0};
    restored.restoredBefore =
        cumulativeShare(source.points, source.total, *source.pieces, progress, progress.before);
    restored.restoredNow =
        cumulativeShare(source.points, source.total, *source.pieces, progress, progress.after) -
        restored.restoredBefore;
    restorePoints(result.lotsAfter, *source.lotsUsed, restored.restoredBefore, restored.restoredNow);
    result.restored.push_back(std::move(restored));
  }
  // Then earned points come off the sale's own lot, the soonest-expiring lots, a deficit.
  for (const auto& [currency, points] : reverseByCurrency) {
    if (reversePoints(result.lotsAfter, result.deficitsAfter, currency,
                      saleLotId(sale.saleId, currency), points, request.time.localDate)) {
      result.negativeBalance = true;
    }
  }

  result.completesSale = progress.allBack(progress.after);
  if (result.completesSale) {
    reinstateVouchers(bundle, sale, request, result);
  }
  return result;
}

}  // namespace loyalty::engine
