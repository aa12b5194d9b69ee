// A quote: what the POS asks (basket, member, codes, burn) and everything the engine
// answers (per-line breakdown, accepted and rejected redeemables, burn, earning,
// balances and lots after the sale, counters to increment, the bundle hash).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "basket.h"
#include "bundle.h"
#include "calendar.h"
#include "member.h"
#include "money.h"
#include "reason.h"

namespace loyalty::engine {

struct RedeemRequest {
  std::string code;           // a voucher code or a reward-catalog item id
  std::int64_t quantity = 1;  // reward items: units asked for
  friend bool operator==(const RedeemRequest&, const RedeemRequest&) = default;
};

enum class BurnMode { none, exact, max };
struct BurnRequest {
  BurnMode mode = BurnMode::none;
  Points points = 0;  // exact
  friend bool operator==(const BurnRequest&, const BurnRequest&) = default;
};

// Campaign counters as HQ last reported them plus this terminal's unsynced use.
struct CampaignUsage {
  std::string campaignId;
  std::int64_t redemptions = 0;
  Money discountTotal = 0;
  Money orderValueTotal = 0;
  friend bool operator==(const CampaignUsage&, const CampaignUsage&) = default;
};

struct QuoteContext {
  QuoteTime time;
  std::vector<CampaignUsage> campaignUsage;
  std::vector<std::string> disabledCampaigns;  // kill switches heard since the bundle
  std::vector<std::string> usedVoucherCodes;   // single-use codes already used
  std::optional<Points> offlineBurnAllowance;  // points still burnable here; nullopt = no bound
  bool snapshotStale = false;                  // past the bundle's staleness limit
  friend bool operator==(const QuoteContext&, const QuoteContext&) = default;
};

struct QuoteRequest {
  std::string saleId;  // names this sale's accrual lots
  Basket basket;
  std::optional<MemberView> member;
  std::vector<RedeemRequest> redeem;
  BurnRequest burn;
  QuoteContext context;
  friend bool operator==(const QuoteRequest&, const QuoteRequest&) = default;
};

enum class SourceKind { promotion, voucher, reward, burn };

struct LinePiece {
  std::int64_t lineNo = 0;
  Money amount = 0;
  friend bool operator==(const LinePiece&, const LinePiece&) = default;
};

struct DiscountPiece {
  std::string sourceId;  // redeemable id, or the burn policy's currency for burns
  SourceKind kind = SourceKind::promotion;
  Money amount = 0;
  friend bool operator==(const DiscountPiece&, const DiscountPiece&) = default;
};

// Points taken from one lot; kept so that a return can give them back to that lot.
struct LotUse {
  std::string lotId;
  std::string currency;
  Points points = 0;
  LocalDate earnedOn;
  std::optional<LocalDate> expiresOn;
  friend bool operator==(const LotUse&, const LotUse&) = default;
};

struct LineResult {
  std::int64_t lineNo = 0;
  std::string sku;
  std::vector<std::string> categories;
  std::int64_t quantity = 0;
  Money unitPrice = 0;
  Money gross = 0;                      // quantity x unit price
  std::vector<DiscountPiece> discounts; // in application order
  Money discountTotal = 0;
  Money net = 0;                        // gross - discounts
  Money pointsPayment = 0;              // part of net paid with points (burn)
  Money toPay = 0;                      // net - pointsPayment
  bool earnExcluded = false;            // in an excluded category
  Money eligibleNet = 0;                // what earning counts: toPay unless excluded
  friend bool operator==(const LineResult&, const LineResult&) = default;
};

struct AppliedRedeemable {
  std::string redeemableId;
  std::string campaignId;
  std::string name;
  RedeemableKind kind = RedeemableKind::promotion;
  std::string code;                     // the code presented (vouchers, rewards)
  bool singleUse = false;
  bool reinstateOnReturn = true;
  std::optional<LocalDate> validUntil;  // vouchers: last valid day, for reinstatement
  Money discount = 0;
  std::vector<LinePiece> pieces;        // by line number
  std::int64_t unitsRewarded = 0;       // reward items
  std::string pointsCurrency;
  Points pointsCost = 0;                // reward items: cost x units rewarded
  std::vector<LotUse> lotsUsed;
  friend bool operator==(const AppliedRedeemable&, const AppliedRedeemable&) = default;
};

struct Rejection {
  std::string subject;        // the code presented, or the promotion's id
  std::string redeemableId;   // empty for unknown codes
  std::string name;
  bool requested = false;     // asked for by the cashier (else automatic)
  Reason reason = Reason::unknown_code;
  std::string message;
  friend bool operator==(const Rejection&, const Rejection&) = default;
};

struct BurnResult {
  bool applied = false;
  std::string currency;
  Points points = 0;
  Money value = 0;
  std::vector<LinePiece> pieces;
  std::vector<LotUse> lotsUsed;
  std::optional<Reason> refusal;
  std::string message;
  friend bool operator==(const BurnResult&, const BurnResult&) = default;
};

struct EarnedRule {
  std::string ruleId;
  std::string name;
  std::string campaignId;
  EarnKind kind = EarnKind::base;
  std::string currency;
  Points points = 0;          // credited (after the cap)
  Points uncapped = 0;        // before the cap
  Money countedNet = 0;       // eligible net amount the rule counted
  std::vector<LinePiece> lines;  // per matched line, the eligible net it counted
  friend bool operator==(const EarnedRule&, const EarnedRule&) = default;
};

struct CurrencyBalance {
  std::string currency;
  Points before = 0;  // spendable at the quote's time (unexpired lots less deficit)
  Points spent = 0;   // burn and reward items
  Points earned = 0;
  Points after = 0;
  friend bool operator==(const CurrencyBalance&, const CurrencyBalance&) = default;
};

struct Notice {
  Reason reason = Reason::member_inactive;
  std::string message;
  friend bool operator==(const Notice&, const Notice&) = default;
};

struct QuoteResult {
  std::string saleId;
  std::string bundleHash;
  std::int64_t bundleVersion = 0;
  std::string programId;
  std::string storeId;
  std::string memberId;        // empty when no member was identified (or refused)
  std::vector<Notice> notices; // member-level refusals (program_not_served, member_inactive)
  std::vector<LineResult> lines;  // ascending line number
  std::vector<AppliedRedeemable> applied;  // in application order
  std::vector<Rejection> rejected;
  std::optional<BurnResult> burn;  // present when a burn was asked for
  std::vector<EarnedRule> earned;  // by rule id; zero-point rules omitted
  std::vector<CurrencyBalance> balances;
  Money gross = 0;
  Money discountTotal = 0;
  Money pointsPayment = 0;
  Money toPay = 0;
  // What a commit books.
  std::vector<Lot> lotsAfter;
  std::vector<Deficit> deficitsAfter;
  std::vector<RuleUsage> ruleUsageAdded;      // for every capped rule that credited points
  std::vector<std::string> redeemablesUsed;   // member usage +1 each
  std::vector<CampaignUsage> campaignUsageAdded;
  std::vector<std::string> vouchersConsumed;  // single-use codes now used
  friend bool operator==(const QuoteResult&, const QuoteResult&) = default;
};

}  // namespace loyalty::engine
