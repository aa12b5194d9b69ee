// The quote pipeline: validate, choose the program and member, select and apply
// redeemables, burn points, earn on what is left, then lots, balances and counters.
#include "pricing_engine.h"

#include <algorithm>
#include <iterator>

#include "bundle_index.h"
#include "burn.h"
#include "earning.h"
#include "lots.h"
#include "selection.h"

namespace loyalty::engine {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

Error invalid(std::string reason, std::string message) {
  return makeError(ErrorCode::invalid_input, std::move(reason), std::move(message));
}

// Structural checks: anything that fails here cannot be priced at all.
std::optional<Error> validateRequest(const QuoteRequest& request, std::vector<const BasketLine*>& sorted) {
  sorted.clear();
  sorted.reserve(request.basket.lines.size());
  Money total = 0;
  for (const auto& line : request.basket.lines) {
    const auto where = [&] { return "line " + std::to_string(line.lineNo); };  // only on error
    if (line.quantity <= 0 || line.quantity > kMaxQuantity) {
      return invalid("bad_quantity", where() + ": quantity must be between 1 and " + std::to_string(kMaxQuantity) + ".");
    }
    if (line.unitPrice < 0 || line.unitPrice > kMaxAmount) {
      return invalid("bad_price", where() + ": unit price must be between 0 and " + std::to_string(kMaxAmount) + ".");
    }
    const Wide gross = static_cast<Wide>(line.quantity) * line.unitPrice;
    if (gross > kMaxAmount || total + gross > kMaxAmount) {
      return makeError(ErrorCode::overflow, "overflow", where() + ": the basket total is beyond the supported range.");
    }
    total += static_cast<Money>(gross);
    sorted.push_back(&line);
  }
  std::sort(sorted.begin(), sorted.end(), [](const BasketLine* a, const BasketLine* b) { return a->lineNo < b->lineNo; });
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i]->lineNo == sorted[i - 1]->lineNo) {
      return invalid("duplicate_line_number", "line number " + std::to_string(sorted[i]->lineNo) + " appears twice.");
    }
  }
  for (const auto& redeem : request.redeem) {
    if (redeem.quantity <= 0 || redeem.quantity > kMaxQuantity) {
      return invalid("bad_quantity", "the quantity asked for " + redeem.code + " must be at least 1.");
    }
  }
  return std::nullopt;
}

std::string statusWord(MemberStatus status) {
  return status == MemberStatus::suspended ? "suspended" : status == MemberStatus::closed ? "closed" : "active";
}

void fillBalances(QuoteResult& result, const Program& program, const MemberView& member, const LocalDate& today) {
  for (const auto& currency : program.pointCurrencies) {
    CurrencyBalance balance;
    balance.currency = currency.id;
    balance.before = spendablePoints(member.lots, member.deficits, currency.id, today);
    for (const auto& applied : result.applied) {
      if (applied.pointsCurrency == currency.id) balance.spent += applied.pointsCost;
    }
    if (result.burn && result.burn->applied && result.burn->currency == currency.id) {
      balance.spent += result.burn->points;
    }
    for (const auto& earned : result.earned) {
      if (earned.currency == currency.id) balance.earned += earned.points;
    }
    balance.after = spendablePoints(result.lotsAfter, result.deficitsAfter, currency.id, today);
    result.balances.push_back(balance);
  }
}

void fillCounters(QuoteResult& result, bool memberPresent) {
  for (const auto& applied : result.applied) {
    if (memberPresent) result.redeemablesUsed.push_back(applied.redeemableId);
    if (applied.singleUse && !applied.code.empty()) result.vouchersConsumed.push_back(applied.code);
    if (applied.campaignId.empty()) continue;
    auto it = std::find_if(result.campaignUsageAdded.begin(), result.campaignUsageAdded.end(),
                           [&](const CampaignUsage& u) { return u.campaignId == applied.campaignId; });
    if (it == result.campaignUsageAdded.end()) {
      result.campaignUsageAdded.push_back(CampaignUsage{applied.campaignId, 0, 0, result.gross});
      it = std::prev(result.campaignUsageAdded.end());
    }
    it->redemptions += 1;
    it->discountTotal += applied.discount;
  }
  std::sort(result.campaignUsageAdded.begin(), result.campaignUsageAdded.end(),
            [](const CampaignUsage& a, const CampaignUsage& b) { return a.campaignId < b.campaignId; });
}

}  // namespace

PricingEngine::PricingEngine(Bundle bundle) : index_(std::make_unique<BundleIndex>(std::move(bundle))) {}
PricingEngine::~PricingEngine() = default;
PricingEngine::PricingEngine(PricingEngine&&) noexcept = default;
PricingEngine& PricingEngine::operator=(PricingEngine&&) noexcept = default;

const Bundle& PricingEngine::bundle() const noexcept { return index_->bundle(); }

Result<QuoteResult> PricingEngine::quote(const QuoteRequest& request) const {
  std::vector<const BasketLine*> sortedLines;
  if (auto error = validateRequest(request, sortedLines)) return *error;
  const Store* store = index_->store(request.basket.storeId);
  if (store == nullptr) {
    return makeError(ErrorCode::unknown_reference, "unknown_store",
                     "store " + request.basket.storeId + " is not in the bundle.");
  }
  const QuoteTime& time = request.context.time;
  QuoteResult result;
  result.saleId = request.saleId;
  result.bundleHash = index_->bundle().hash;
  result.bundleVersion = index_->bundle().version;
  result.storeId = store->id;

  // Pricing scope: the member's program if this store serves it, else the store's default.
  const MemberView* member = nullptr;
  const ProgramIndex* program = nullptr;
  if (request.member) {
    const MemberView& m = *request.member;
    if (contains(store->programs, m.programId) && index_->program(m.programId) != nullptr) {
      member = &m;
      program = index_->program(m.programId);
    } else {
      result.notices.push_back(Notice{Reason::program_not_served, reasonMessage(Reason::program_not_served, "")});
    }
  }
  const bool active = member != nullptr && member->status == MemberStatus::active;
  if (member != nullptr && !active) {
    result.notices.push_back(Notice{Reason::member_inactive,
                                    "The member account is " + statusWord(member->status) +
                                        ": no points are earned or spent; general offers still apply."});
  }
  if (program == nullptr) program = index_->program(store->defaultProgram);
  if (program == nullptr) {
    return makeError(ErrorCode::unknown_reference, "unknown_program",
                     "store " + store->id + " has no default program in the bundle.");
  }
  result.programId = program->program->id;
  if (member != nullptr) result.memberId = member->id;

  PricingState state;
  state.lines.reserve(sortedLines.size());
  for (const BasketLine* line : sortedLines) {
    const Money gross = line->quantity * line->unitPrice;
    WorkLine work;
    work.source = line;
    work.gross = gross;
    work.setRemaining(gross);
    state.lines.push_back(std::move(work));
  }
  for (const auto& line : state.lines) result.gross += line.gross;

  const MatchTable matches(*program, sortedLines);

  PointsWallet wallet;
  std::vector<Deficit> deficits;
  if (member != nullptr) {
    wallet.lots = member->lots;
    deficits = member->deficits;
    for (const auto& currency : program->program->pointCurrencies) {
      wallet.spendable[currency.id] = spendablePoints(member->lots, member->deficits, currency.id, time.localDate);
    }
  }
  wallet.allowance = request.context.offlineBurnAllowance;
  wallet.stale = request.context.snapshotStale;

  const SelectionInput input{index_.get(), program, store, &request, member, active, &matches};
  std::vector<Rejection> unresolved;
  std::vector<Candidate> candidates = gatherCandidates(input, state, unresolved);
  SelectionOutcome selection = selectAndApply(input, std::move(candidates), state, wallet);
  result.applied = std::move(selection.applied);
  result.rejected = std::move(unresolved);
  result.rejected.reserve(result.rejected.size() + selection.rejected.size());
  result.rejected.insert(result.rejected.end(), selection.rejected.begin(), selection.rejected.end());

  if (request.burn.mode != BurnMode::none) {
    const BurnPolicy* policy = program->program->burn ? &*program->program->burn : nullptr;
    result.burn = applyBurn(BurnInput{policy, request.burn, member != nullptr, active}, state, wallet, time.localDate);
  }

  std::vector<EarnLine> earnLines;
  earnLines.reserve(state.lines.size());
  result.lines.reserve(state.lines.size());
  for (auto& work : state.lines) {  // the state is done with: its pieces move into the result
    LineResult line;
    line.lineNo = work.source->lineNo;
    line.sku = work.source->sku;
    line.categories = work.source->categories;
    line.quantity = work.source->quantity;
    line.unitPrice = work.source->unitPrice;
    line.gross = work.gross;
    line.discounts = std::move(work.discounts);
    for (const auto& d : line.discounts) line.discountTotal += d.amount;
    line.net = line.gross - line.discountTotal;
    line.pointsPayment = work.burn;
    line.toPay = work.remaining;
    line.earnExcluded = std::any_of(line.categories.begin(), line.categories.end(), [&](const std::string& c) {
      return contains(program->program->excludedCategories, c);
    });
    line.eligibleNet = line.earnExcluded ? 0 : line.toPay;
    earnLines.push_back(EarnLine{work.source, line.eligibleNet, line.earnExcluded});
    result.discountTotal += line.discountTotal;
    result.pointsPayment += line.pointsPayment;
    result.toPay += line.toPay;
    result.lines.push_back(std::move(line));
  }

  if (active) {
    EarnContext context;
    context.program = program->program;
    context.member = member;
    context.tier = program->tier(member->tier);
    context.store = store;
    context.time = time;
    context.disabledCampaigns = &request.context.disabledCampaigns;
    context.basketLines = &request.basket.lines;
    context.matches = &matches;
    EarnOutcome earning = computeEarning(context, earnLines);
    result.earned = std::move(earning.earned);
    result.ruleUsageAdded = std::move(earning.ruleUsageAdded);
  }

  if (member != nullptr) {
    result.lotsAfter = std::move(wallet.lots);
    result.deficitsAfter = std::move(deficits);
    std::map<std::string, Points> earnedByCurrency;
    for (const auto& earned : result.earned) earnedByCurrency[earned.currency] += earned.points;
    const std::string saleId = request.saleId.empty() ? std::string("quote") : request.saleId;
    for (const auto& [currencyId, points] : earnedByCurrency) {
      const PointCurrency* currency = program->currency(currencyId);
      if (currency == nullptr || points <= 0) continue;
      Lot lot{saleLotId(saleId, currencyId), currencyId, points, time.localDate,
              lotExpiry(*currency, *member, time.localDate)};
      creditPoints(result.lotsAfter, result.deficitsAfter, std::move(lot));
    }
    fillBalances(result, *program->program, *member, time.localDate);
  }
  fillCounters(result, member != nullptr);
  return result;
}

Result<ReturnResult> PricingEngine::computeReturn(const QuoteResult& sale, const ReturnRequest& request) const {
  return computeSaleReturn(index_->bundle(), sale, request);
}

Result<EventCredit> PricingEngine::creditEvent(const MemberView& member, std::string_view event,
                                               const std::string& creditId, const QuoteTime& time) const {
  const ProgramIndex* program = index_->program(member.programId);
  if (program == nullptr) {
    return makeError(ErrorCode::unknown_reference, "unknown_program",
                     "program " + member.programId + " is not in the bundle.");
  }
  EventCredit credit;
  credit.lotsAfter = member.lots;
  credit.deficitsAfter = member.deficits;
  if (member.status != MemberStatus::active) return credit;
  const Store noStore;  // events happen outside any store: store conditions do not hold
  const std::vector<std::string> noDisabled;
  const std::vector<BasketLine> noLines;
  EarnContext context;
  context.program = program->program;
  context.member = &member;
  context.tier = program->tier(member.tier);
  context.store = &noStore;
  context.time = time;
  context.disabledCampaigns = &noDisabled;
  context.basketLines = &noLines;
  EarnOutcome earning = computeEventEarning(context, event);
  credit.earned = std::move(earning.earned);
  credit.ruleUsageAdded = std::move(earning.ruleUsageAdded);
  std::map<std::string, Points> byCurrency;
  for (const auto& earned : credit.earned) byCurrency[earned.currency] += earned.points;
  for (const auto& [currencyId, points] : byCurrency) {
    const PointCurrency* currency = program->currency(currencyId);
    if (currency == nullptr || points <= 0) continue;
    creditPoints(credit.lotsAfter, credit.deficitsAfter,
                 Lot{saleLotId(creditId, currencyId), currencyId, points, time.localDate,
                     lotExpiry(*currency, member, time.localDate)});
  }
  return credit;
}

const Tier* tierForPoints(const Program& program, Points qualifying) noexcept {
  const Tier* best = nullptr;
  for (const auto& tier : program.tiers) {
    if (tier.threshold <= qualifying && (best == nullptr || tier.threshold > best->threshold)) best = &tier;
  }
  return best;
}

}  // namespace loyalty::engine
