// The quote pipeline through PricingEngine::quote (SEMANTICS 4, 5, 9 "Pricing scope"):
// codes and their validation reasons, who is priced for which program, and everything the
// result carries (breakdown, totals, counters, balances, the new lot, the bundle hash).
#include "engine/lots.h"
#include "engine_fixtures.h"

using namespace fx;  // NOLINT

namespace {

// A 10% voucher "v" reachable through code "CODE" on a 50.00 basket.
World voucherWorld(bool singleUse = false) {
  World w;
  w.add(voucher("v", percentOff(1000)));
  w.addCode("CODE", "v", singleUse);
  w.lines({line(1, "A", 1, 5000)});
  return w;
}

std::string verdictOf(const World& w, const std::string& code = "CODE") {
  const QuoteResult q = w.quote();
  for (const auto& a : q.applied) {
    if (a.code == code) return "applied";
  }
  return rejectionOf(q, code);
}

}  // namespace

TEST_CASE("quote: unknown codes and promotion ids typed as codes", "[quote][codes]") {
  World w = voucherWorld();
  w.add(promo("auto", amountOff(100)));
  w.redeem("NOPE").redeem("auto");
  const QuoteResult q = w.quote();
  CHECK(rejectionOf(q, "NOPE") == "unknown_code");
  CHECK(rejectionOf(q, "auto") == "unknown_code");  // only reward items are asked for by id
  const Rejection& r = q.rejected.front();
  CHECK(r.requested);
  CHECK(r.redeemableId.empty());
  CHECK(r.message.find("NOPE") != std::string::npos);
  CHECK(appliedIds(q) == std::vector<std::string>{"auto"});  // the automatic one still applies
}

TEST_CASE("quote: a redeemable applies once, its second code is a duplicate", "[quote][codes]") {
  World w = voucherWorld();
  w.addCode("CODE2", "v");
  w.redeem("CODE").redeem("CODE");
  QuoteResult q = w.quote();
  CHECK(discountOf(q, "v") == 500);
  REQUIRE(q.rejected.size() == 1);
  CHECK(toString(q.rejected.front().reason) == "duplicate");
  w.request.redeem.clear();
  w.redeem("CODE").redeem("CODE2");
  q = w.quote();
  CHECK(q.applied.size() == 1);
  CHECK(q.applied.front().code == "CODE");
  CHECK(rejectionOf(q, "CODE2") == "duplicate");
}

TEST_CASE("quote: single-use vouchers already used are refused", "[quote][codes]") {
  World w = voucherWorld(true);
  w.redeem("CODE");
  CHECK(verdictOf(w) == "applied");
  CHECK(w.quote().vouchersConsumed == std::vector<std::string>{"CODE"});
  w.request.context.usedVoucherCodes = {"CODE"};  // used on this terminal, not yet synced
  CHECK(verdictOf(w) == "already_used");

  World multi = voucherWorld(false);
  multi.redeem("CODE");
  multi.request.context.usedVoucherCodes = {"CODE"};
  CHECK(verdictOf(multi) == "applied");
  CHECK(multi.quote().vouchersConsumed.empty());

  World own;
  own.add(voucher("v", percentOff(1000)));
  own.lines({line(1, "A", 1, 5000)}).redeem("MINE");
  VoucherCode code;
  code.code = "MINE";
  code.redeemableId = "v";
  code.singleUse = true;
  code.memberId = "M1";
  own.who->vouchers = {MemberVoucher{code, false}};
  CHECK(verdictOf(own, "MINE") == "applied");
  own.who->vouchers.front().used = true;
  CHECK(verdictOf(own, "MINE") == "already_used");
}

TEST_CASE("quote: member-bound codes belong to their member", "[quote][codes]") {
  World w = voucherWorld();
  w.program().voucherCodes.back().memberId = "M2";
  w.redeem("CODE");
  CHECK(verdictOf(w) == "wrong_member");
  w.who->id = "M2";
  CHECK(verdictOf(w) == "applied");
  w.anonymous();
  CHECK(verdictOf(w) == "member_required");
}

TEST_CASE("quote: per-member limits, total and per period", "[quote][codes]") {
  World w = voucherWorld();
  Redeemable& v = w.program().redeemables.back();
  v.limits.perMemberTotal = 3;
  v.limits.perMemberPerPeriod = 1;
  v.limits.period = Period::week;
  w.redeem("CODE");
  const LocalDate monday{2026, 3, 2};
  const LocalDate lastMonday{2026, 2, 23};
  w.who->redeemableUsage = {RedeemableUsage{"v", 2, Period::week, lastMonday, 1}};
  CHECK(verdictOf(w) == "applied");  // last week's use does not count this week
  w.who->redeemableUsage = {RedeemableUsage{"v", 2, Period::week, monday, 1}};
  CHECK(verdictOf(w) == "limit_reached");
  w.who->redeemableUsage = {RedeemableUsage{"v", 3, Period::week, lastMonday, 1}};
  CHECK(verdictOf(w) == "limit_reached");
}

TEST_CASE("quote: disabled campaigns, by the bundle or by a kill switch heard since", "[quote][codes]") {
  World w = voucherWorld();
  w.program().redeemables.back().campaignId = "C";
  Redeemable autoPromo = promo("auto", amountOff(100));
  autoPromo.campaignId = "C";
  w.add(autoPromo);
  w.addCampaign("C");
  w.redeem("CODE");
  CHECK(w.quote().applied.size() == 2);
  w.request.context.disabledCampaigns = {"C"};
  QuoteResult q = w.quote();
  CHECK(q.applied.empty());
  CHECK(rejectionOf(q, "CODE") == "campaign_disabled");
  CHECK(rejectionOf(q, "auto") == "campaign_disabled");
  w.request.context.disabledCampaigns.clear();
  w.program().campaigns.back().disabled = true;
  q = w.quote();
  CHECK(rejectionOf(q, "CODE") == "campaign_disabled");
  CHECK(rejectionOf(q, "auto") == "campaign_disabled");
}

TEST_CASE("quote: a campaign's total order value limit", "[quote][codes]") {
  World w = voucherWorld();
  w.program().redeemables.back().campaignId = "C";
  w.addCampaign("C").limits.maxOrderValue = 1000000;
  w.redeem("CODE");
  w.request.context.campaignUsage = {CampaignUsage{"C", 3, 0, 999999}};
  CHECK(verdictOf(w) == "applied");
  w.request.context.campaignUsage = {CampaignUsage{"C", 3, 0, 1000000}};
  CHECK(verdictOf(w) == "limit_reached");
}

TEST_CASE("quote: a card of a program the store does not serve", "[quote][scope]") {
  World w;
  Program other = w.program();
  other.id = "Q";
  w.bundle.programs.push_back(other);
  w.who->programId = "Q";
  w.who->lots = {lot("l1", 1000)};
  w.add(promo("auto", percentOff(1000)));
  w.lines({line(1, "A", 1, 5000)}).burnExact(100);
  const QuoteResult q = w.quote();
  REQUIRE(q.notices.size() == 1);
  CHECK(toString(q.notices.front().reason) == "program_not_served");
  CHECK(q.programId == "P");  // priced with the store's default program, as anonymous
  CHECK(q.memberId.empty());
  CHECK(discountOf(q, "auto") == 500);
  CHECK(q.earned.empty());
  CHECK(q.balances.empty());
  CHECK(burnRefusal(q) == "member_required");
}

TEST_CASE("quote: an anonymous basket takes automatic promotions and bearer vouchers, earns nothing",
          "[quote][scope]") {
  World w = voucherWorld(true);
  w.add(promo("auto", amountOff(100)));
  Redeemable members = promo("members", amountOff(200));
  members.membersOnly = true;
  w.add(members);
  w.anonymous().redeem("CODE").burnMax();
  const QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(appliedIds(q) == std::vector<std::string>{"v", "auto"});
  CHECK(discountOf(q, "v") == 500);
  CHECK(discountOf(q, "auto") == 100);
  CHECK(rejectionOf(q, "members") == "member_required");
  CHECK(q.earned.empty());
  CHECK(q.balances.empty());
  CHECK(q.lotsAfter.empty());
  CHECK(q.memberId.empty());
  CHECK(q.redeemablesUsed.empty());
  CHECK(q.vouchersConsumed == std::vector<std::string>{"CODE"});
  CHECK(burnRefusal(q) == "member_required");
  CHECK(q.notices.empty());
}

TEST_CASE("quote: a suspended member keeps general offers, burns and rewards refused, nothing earned",
          "[quote][scope]") {
  World w = voucherWorld();
  w.add(promo("auto", amountOff(100)));
  w.add(reward("coffee", freeItem(skuTarget({"coffee"})), 100));
  w.lines({line(1, "A", 1, 5000), line(2, "coffee", 1, 250)});
  w.who->status = MemberStatus::suspended;
  w.who->lots = {lot("l1", 1000)};
  w.redeem("CODE").redeem("coffee").burnExact(100);
  const QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(appliedOf(q, "auto") != nullptr);
  CHECK(appliedOf(q, "v") != nullptr);
  CHECK(rejectionOf(q, "coffee") == "member_inactive");
  CHECK(burnRefusal(q) == "member_inactive");
  CHECK(q.earned.empty());
  REQUIRE(q.notices.size() == 1);
  CHECK(toString(q.notices.front().reason) == "member_inactive");
  CHECK(q.memberId == "M1");
  const CurrencyBalance* b = balanceOf(q, "reward");
  REQUIRE(b != nullptr);
  CHECK(b->before == 1000);
  CHECK(b->after == 1000);
}

TEST_CASE("quote: the result carries the breakdown, counters, balances, new lot and bundle hash",
          "[quote][result]") {
  World w;
  w.who->tier = "gold";
  w.who->lots = {lot("l1", 2000, LocalDate{2026, 6, 30})};
  w.addCampaign("C");
  Redeemable pct = promo("pct", percentOff(1000));
  pct.campaignId = "C";
  w.add(pct);
  w.add(voucher("v", amountOff(100, skuTarget({"B"}))));
  w.addCode("ONCE", "v", true);
  w.lines({line(2, "B", 1, 766), line(1, "A", 2, 617)}).redeem("ONCE").burnExact(500);
  const QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(q.saleId == "sale-1");
  CHECK(q.bundleHash == "feedc0de");
  CHECK(q.bundleVersion == 7);
  CHECK(q.storeId == "S1");
  CHECK(q.programId == "P");
  CHECK(q.memberId == "M1");
  // Item-level voucher first (1.00 off B), then 10% of 12.34 + 6.66 = 19.00 -> 1.90.
  CHECK(appliedIds(q) == std::vector<std::string>{"v", "pct"});
  CHECK(q.gross == 2000);
  CHECK(q.discountTotal == 290);
  const LineResult& b = lineOf(q, 2);
  REQUIRE(b.discounts.size() == 2);
  CHECK(b.discounts[0].sourceId == "v");
  CHECK(b.discounts[0].kind == SourceKind::voucher);
  CHECK(b.discounts[0].amount == 100);
  CHECK(b.discounts[1].sourceId == "pct");
  CHECK(b.discounts[1].kind == SourceKind::promotion);
  CHECK(pieceOf(q, "pct", 1) + pieceOf(q, "pct", 2) == 190);
  CHECK(pieceOf(q, "pct", 1) == 123);  // 190 x 1234 / 1900 = 123.4
  CHECK(pieceOf(q, "pct", 2) == 67);   // 190 x 666 / 1900 = 66.6
  // Burn 5.00 over the 17.10 left; earning (gold, 2 per 1.00) on 12.10 -> 24.
  CHECK(q.pointsPayment == 500);
  CHECK(q.toPay == 1210);
  CHECK(earnedTotal(q) == 24);
  // Counters.
  CHECK(q.redeemablesUsed == std::vector<std::string>{"v", "pct"});
  CHECK(q.vouchersConsumed == std::vector<std::string>{"ONCE"});
  REQUIRE(q.campaignUsageAdded.size() == 1);
  CHECK(q.campaignUsageAdded.front().campaignId == "C");
  CHECK(q.campaignUsageAdded.front().redemptions == 1);
  CHECK(q.campaignUsageAdded.front().discountTotal == 190);
  CHECK(q.campaignUsageAdded.front().orderValueTotal == 2000);
  // Balances and lots.
  const CurrencyBalance* bal = balanceOf(q, "reward");
  REQUIRE(bal != nullptr);
  CHECK(bal->before == 2000);
  CHECK(bal->spent == 500);
  CHECK(bal->earned == 24);
  CHECK(bal->after == 1524);
  const auto saleLot = std::find_if(q.lotsAfter.begin(), q.lotsAfter.end(),
                                    [](const Lot& l) { return l.id == saleLotId("sale-1", "reward"); });
  REQUIRE(saleLot != q.lotsAfter.end());
  CHECK(saleLot->points == 24);
  CHECK(saleLot->earnedOn == LocalDate{2026, 3, 2});
  CHECK(saleLot->expiresOn == LocalDate{2027, 3, 2});  // 12 months after
  const auto old = std::find_if(q.lotsAfter.begin(), q.lotsAfter.end(), [](const Lot& l) { return l.id == "l1"; });
  REQUIRE(old != q.lotsAfter.end());
  CHECK(old->points == 1500);
}

TEST_CASE("quote: Gold earns 40 on 12.34 + 7.66, floored once over the basket", "[quote][result]") {
  World w;
  w.who->tier = "gold";
  w.lines({line(1, "A", 1, 1234), line(2, "B", 1, 766)});
  CHECK(earnedTotal(w.quote()) == 40);
}

TEST_CASE("quote: input that cannot be priced is an error, never a crash", "[quote][errors]") {
  World w;
  w.lines({line(1, "A", 1, 100), line(1, "B", 1, 100)});
  auto r = w.tryQuote();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().reason == "duplicate_line_number");
  w.lines({line(1, "A", 1, -5)});
  CHECK_FALSE(w.tryQuote().ok());
  w.lines({line(1, "A", 0, 100)});
  CHECK_FALSE(w.tryQuote().ok());
  w.lines({line(1, "A", kMaxQuantity, kMaxAmount)});
  r = w.tryQuote();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == loyalty::ErrorCode::overflow);
  w.lines({line(1, "A", 1, 100)});
  w.request.basket.storeId = "nowhere";
  r = w.tryQuote();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == loyalty::ErrorCode::unknown_reference);
}

TEST_CASE("quote: an empty basket prices to zero", "[quote][errors]") {
  World w;
  w.add(promo("auto", percentOff(1000)));
  w.lines({}).burnMax();
  const QuoteResult q = w.quote();
  CHECK(q.lines.empty());
  CHECK(q.toPay == 0);
  CHECK(q.applied.empty());
  CHECK(burnRefusal(q) == "insufficient_points");
}


TEST_CASE("quote: the first code of a redeemable is the one considered", "[quote][codes]") {
  World w = voucherWorld(true);
  w.addCode("CODE2", "v");
  w.request.context.usedVoucherCodes = {"CODE"};
  w.redeem("CODE").redeem("CODE2");
  QuoteResult q = w.quote();
  CHECK(rejectionOf(q, "CODE") == "already_used");
  CHECK(rejectionOf(q, "CODE2") == "duplicate");
  // A code of an automatic promotion: the promotion applies on its own.
  World a;
  a.add(promo("auto", amountOff(100)));
  a.addCode("AUTO", "auto");
  a.lines({line(1, "A", 1, 5000)}).redeem("AUTO");
  q = a.quote();
  CHECK(discountOf(q, "auto") == 100);
  CHECK(rejectionOf(q, "AUTO") == "duplicate");
}

TEST_CASE("quote: an unserved card's own vouchers are not looked up", "[quote][scope]") {
  World w;
  Program other = w.program();
  other.id = "Q";
  w.bundle.programs.push_back(other);
  w.who->programId = "Q";
  VoucherCode code;
  code.code = "MINE";
  code.redeemableId = "v";
  code.memberId = "M1";
  w.who->vouchers = {MemberVoucher{code, false}};
  w.add(voucher("v", percentOff(1000)));
  w.add(reward("coffee", freeItem(skuTarget({"coffee"})), 100));
  w.lines({line(1, "coffee", 1, 5000)}).redeem("MINE").redeem("coffee");
  const QuoteResult q = w.quote();
  CHECK(rejectionOf(q, "MINE") == "unknown_code");
  CHECK(rejectionOf(q, "coffee") == "member_required");
  CHECK(q.applied.empty());
}
TEST_CASE("quote: every reason has a code that reads back and a sentence naming its subject", "[quote][reasons]") {
  for (int i = 0; i <= static_cast<int>(Reason::program_not_served); ++i) {
    const auto reason = static_cast<Reason>(i);
    const std::string code(toString(reason));
    INFO(code);
    CHECK(code != "unknown");
    Reason back = Reason::unknown_code;
    CHECK(reasonFromString(code, back));
    CHECK(back == reason);
    const std::string sentence = reasonMessage(reason, "Spring voucher");
    CHECK_FALSE(sentence.empty());
    CHECK(sentence.find("{}") == std::string::npos);
    CHECK(sentence.back() == '.');
  }
  CHECK(reasonMessage(Reason::expired, "Spring voucher") == "Spring voucher has expired.");
  Reason none = Reason::expired;
  CHECK_FALSE(reasonFromString("no_such_reason", none));
}
