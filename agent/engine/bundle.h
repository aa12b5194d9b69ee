// The rule bundle as the engine sees it: plain values, already validated by the loader.
// Field meanings follow SEMANTICS.md; docs/bundle-format.md maps the JSON onto them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar.h"
#include "money.h"

namespace loyalty::engine {

enum class CurrencyKind { qualifying, reward };

// How long the lot of an accrual lives. Extensions (by tier or segment) add months
// before the rounding of `kind`; the largest matching extension wins.
struct ExpiryExtension {
  std::string tier;      // empty = any tier
  std::string segment;   // empty = any segment
  int extraMonths = 0;
  friend bool operator==(const ExpiryExtension&, const ExpiryExtension&) = default;
};
enum class ExpiryKind { never, months_after, end_of_quarter };
struct ExpiryPolicy {
  ExpiryKind kind = ExpiryKind::never;
  int months = 0;  // months_after: lot earned on D expires on D + months (clamped);
                   // end_of_quarter: expires at the end of the quarter of D + months
  std::vector<ExpiryExtension> extensions;
  friend bool operator==(const ExpiryPolicy&, const ExpiryPolicy&) = default;
};

struct PointCurrency {
  std::string id;
  CurrencyKind kind = CurrencyKind::reward;
  ExpiryPolicy expiry;
  friend bool operator==(const PointCurrency&, const PointCurrency&) = default;
};

struct Tier {
  std::string id;
  std::string name;
  Points threshold = 0;   // qualifying points over the rolling window; tiers are ordered by it
  EarnRate baseRate;      // base earn rate of this tier (SEMANTICS 3)
  friend bool operator==(const Tier&, const Tier&) = default;
};

// Schedule: every window includes its start and excludes its end.
struct TimeWindow {
  int startSecond = 0;  // local second of day, inclusive
  int endSecond = 0;    // exclusive; a window with end <= start wraps past midnight
  friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};
struct Schedule {
  std::optional<std::int64_t> startsAt;  // UTC instant, inclusive
  std::optional<std::int64_t> endsAt;    // UTC instant, exclusive
  std::optional<LocalDate> startDate;    // whole local day, inclusive
  std::optional<LocalDate> endDate;      // whole local day, inclusive
  std::uint8_t daysOfWeek = 0x7f;        // bit 0 = Monday ... bit 6 = Sunday
  std::vector<TimeWindow> windows;       // empty = all day
  friend bool operator==(const Schedule&, const Schedule&) = default;
};

enum class AttributeOp { eq, ne, in, not_in, exists, missing, today_month_day };
struct AttributeTest {
  std::string key;
  AttributeOp op = AttributeOp::eq;
  std::vector<std::string> values;  // one value for eq/ne; a list for in/not_in
  friend bool operator==(const AttributeTest&, const AttributeTest&) = default;
};

// Which lines a rule or discount looks at. An empty include list on both SKUs and
// categories means the whole basket; exclusions always apply.
struct Target {
  std::vector<std::string> skus;
  std::vector<std::string> categories;
  std::vector<std::string> excludeSkus;
  std::vector<std::string> excludeCategories;
  [[nodiscard]] bool isBasket() const noexcept { return skus.empty() && categories.empty(); }
  friend bool operator==(const Target&, const Target&) = default;
};

struct Conditions {
  std::optional<Schedule> schedule;
  std::vector<std::string> tiers;          // any of; empty = any tier
  std::vector<std::string> segments;       // member must have at least one; empty = none needed
  std::vector<std::string> excludeSegments;
  std::vector<AttributeTest> attributes;   // all must hold
  std::vector<std::string> stores;         // any of; empty = every store
  std::vector<std::string> regions;        // any of; empty = every region
  Money minAmount = 0;                     // over the targeted lines (inclusive)
  std::int64_t minQuantity = 0;            // units over the targeted lines (inclusive)
  std::vector<std::string> requiredSkus;   // each must be in the basket
  friend bool operator==(const Conditions&, const Conditions&) = default;
};

// ---- earning -------------------------------------------------------------------------

enum class EarnKind { base, multiplier, fixed };
enum class EarnTrigger { purchase, event };

struct EarnCap {
  Points maxPoints = 0;
  Period period = Period::day;
  friend bool operator==(const EarnCap&, const EarnCap&) = default;
};

struct EarningRule {
  std::string id;
  std::string name;
  std::string campaignId;            // empty = not part of a campaign
  EarnKind kind = EarnKind::base;
  EarnTrigger trigger = EarnTrigger::purchase;
  std::string event;                 // event name when trigger == event
  std::string currency;              // the point currency it credits
  std::optional<EarnRate> rate;      // base/multiplier: overrides the tier's base rate
  Multiplier multiplier;             // multiplier rules: adds (m-1) x rate
  Points fixedPoints = 0;            // fixed rules: N points when the conditions hold
  Target target;
  Conditions conditions;
  std::optional<EarnCap> cap;
  friend bool operator==(const EarningRule&, const EarningRule&) = default;
};

// ---- redeeming -------------------------------------------------------------------------

enum class EffectKind { percent_off, amount_off, fixed_price, free_item, buy_x_get_y };

struct Effect {
  EffectKind kind = EffectKind::percent_off;
  std::int64_t percentBp = 0;       // percent_off; buy_x_get_y: discount on the "get" units
  Money amount = 0;                 // amount_off: amount; fixed_price: the price
  bool perUnit = false;             // amount_off / fixed_price: per targeted unit
  Target target;                    // targeted lines; buy_x_get_y: the "buy" units
  std::int64_t cheapestUnits = 0;   // > 0: only the N cheapest targeted units (free_item: default 1)
  std::int64_t buyQuantity = 0;     // buy_x_get_y: X
  std::int64_t getQuantity = 0;     // buy_x_get_y: Y
  std::optional<Target> getTarget;  // buy_x_get_y: units that can be the free ones (default: target)
  std::int64_t maxGroups = 0;       // buy_x_get_y: 0 = unlimited
  std::optional<Money> maxDiscount;
  friend bool operator==(const Effect&, const Effect&) = default;
};

enum class RedeemableKind { promotion, voucher, reward };

struct RedeemableLimits {
  std::optional<std::int64_t> perMemberTotal;
  std::optional<std::int64_t> perMemberPerPeriod;
  Period period = Period::day;
  friend bool operator==(const RedeemableLimits&, const RedeemableLimits&) = default;
};

struct Redeemable {
  std::string id;
  std::string name;                  // what the cashier and the receipt show
  std::string campaignId;            // empty = not part of a campaign
  RedeemableKind kind = RedeemableKind::promotion;
  bool automatic = false;            // promotions: applies without a code
  bool membersOnly = false;          // needs an identified, active member
  int priority = 0;                  // higher first
  std::string stackingCategory;
  bool exclusive = false;
  std::vector<std::string> notCombinableWith;  // stacking categories or redeemable ids
  Effect effect;
  Conditions conditions;
  RedeemableLimits limits;
  bool reinstateOnReturn = true;     // vouchers: a full return gives the voucher back
  // reward items
  std::string pointsCurrency;
  Points pointsCost = 0;             // per unit rewarded
  friend bool operator==(const Redeemable&, const Redeemable&) = default;
};

struct CampaignLimits {
  std::optional<std::int64_t> maxRedemptions;
  std::optional<Money> maxDiscountTotal;
  std::optional<Money> maxOrderValue;
  friend bool operator==(const CampaignLimits&, const CampaignLimits&) = default;
};

struct Campaign {
  std::string id;
  std::string name;
  bool disabled = false;
  CampaignLimits limits;
  friend bool operator==(const Campaign&, const Campaign&) = default;
};

// A voucher code published in the bundle (bearer or shared codes). Member-bound codes
// travel with the member (MemberView::vouchers).
struct VoucherCode {
  std::string code;
  std::string redeemableId;
  bool singleUse = false;
  std::string memberId;               // empty = bearer
  std::optional<LocalDate> validFrom;  // inclusive
  std::optional<LocalDate> validUntil; // inclusive
  friend bool operator==(const VoucherCode&, const VoucherCode&) = default;
};

struct BurnPolicy {
  std::string currency;
  Points points = 100;          // `points` points are worth `value` minor units
  Money value = 1;
  Points minPoints = 0;
  std::optional<Points> maxPoints;
  Points step = 1;
  std::int64_t maxShareBp = kFullBasisPoints;  // share of the basket remaining after discounts
  friend bool operator==(const BurnPolicy&, const BurnPolicy&) = default;
};

struct Program {
  std::string id;
  std::string name;
  std::string brand;
  std::string country;
  std::string currency;                        // ISO 4217
  std::vector<PointCurrency> pointCurrencies;
  std::string qualifyingCurrency;              // counts toward tier; empty = none
  std::vector<Tier> tiers;                     // ascending thresholds
  std::vector<std::string> excludedCategories; // never earn (tobacco, gift cards)
  std::optional<BurnPolicy> burn;
  std::vector<EarningRule> earningRules;
  std::vector<Redeemable> redeemables;
  std::vector<Campaign> campaigns;
  std::vector<VoucherCode> voucherCodes;
  friend bool operator==(const Program&, const Program&) = default;
};

struct Store {
  std::string id;
  std::string name;
  std::string region;
  std::string timeZone;                  // IANA name; resolved at the edges
  std::vector<std::string> programs;     // programs served
  std::string defaultProgram;            // for baskets without a member
  friend bool operator==(const Store&, const Store&) = default;
};

struct StackingLimits {
  int maxPerBasket = 0;                   // 0 = unlimited
  std::map<std::string, int> maxPerCategory;  // stacking category -> limit
  int defaultMaxPerCategory = 0;          // for categories not listed; 0 = unlimited
  friend bool operator==(const StackingLimits&, const StackingLimits&) = default;
};

struct TerminalSettings {
  Points offlineBurnLimitPerDay = 0;       // per member per store per day
  std::int64_t snapshotStalenessSeconds = 0;  // no burns past this snapshot age; 0 = none
  friend bool operator==(const TerminalSettings&, const TerminalSettings&) = default;
};

struct Bundle {
  int format = 1;
  std::int64_t version = 0;
  std::string hash;            // sha256 of the canonical bundle, set by the loader
  std::vector<Program> programs;
  std::vector<Store> stores;
  StackingLimits stacking;
  TerminalSettings terminal;
  friend bool operator==(const Bundle&, const Bundle&) = default;
};

}  // namespace loyalty::engine
