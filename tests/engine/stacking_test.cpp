// Stacking (SEMANTICS 5, 9 "Selection details"): one order (priority, item-level first,
// larger alone discount, id byte-wise) drives selection and application; exclusives,
// not-combinable lists both ways, per-basket and per-category limits.
#include "engine_fixtures.h"

using namespace fx;  // NOLINT

namespace {

Redeemable with(Redeemable r, int priority, std::string category = {}) {
  r.priority = priority;
  r.stackingCategory = std::move(category);
  return r;
}

Redeemable exclusive(Redeemable r) {
  r.exclusive = true;
  return r;
}

Redeemable notWith(Redeemable r, std::vector<std::string> names) {
  r.notCombinableWith = std::move(names);
  return r;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("stacking: higher priority applies first, a percent takes the amount left", "[stacking]") {
  World w;
  w.add(with(promo("pct", percentOff(1000)), 0));
  w.add(with(promo("amt", amountOff(500)), 5));
  w.lines({line(1, "A", 1, 10000)});
  const QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(appliedIds(q) == Ids{"amt", "pct"});
  CHECK(discountOf(q, "pct") == 950);  // 10% of 95.00, not of 100.00
  CHECK(q.toPay == 8550);
}

TEST_CASE("stacking: item-level before basket-level at equal priority", "[stacking]") {
  World w;
  w.add(promo("a-basket", percentOff(1000)));                  // alone 10.00
  w.add(promo("z-item", amountOff(500, skuTarget({"A"}))));    // alone 5.00
  w.lines({line(1, "A", 1, 6000), line(2, "B", 1, 4000)});
  const QuoteResult q = w.quote();
  CHECK(appliedIds(q) == Ids{"z-item", "a-basket"});
  CHECK(discountOf(q, "a-basket") == 950);
}

TEST_CASE("stacking: the larger discount alone goes first, counting its maximum and its budget",
          "[stacking]") {
  SECTION("larger alone first") {
    World w;
    w.add(promo("a-small", amountOff(500)));
    w.add(promo("b-big", percentOff(1000)));
    w.lines({line(1, "A", 1, 10000)});
    const QuoteResult q = w.quote();
    CHECK(appliedIds(q) == Ids{"b-big", "a-small"});
    CHECK(discountOf(q, "b-big") == 1000);
  }
  SECTION("its own maximum makes it smaller") {
    World w;
    w.add(promo("a-small", amountOff(500)));
    w.add(promo("b-big", capped(percentOff(5000), 400)));
    w.lines({line(1, "A", 1, 10000)});
    const QuoteResult q = w.quote();
    CHECK(appliedIds(q) == Ids{"a-small", "b-big"});
    CHECK(discountOf(q, "b-big") == 400);
  }
  SECTION("what is left of its campaign budget makes it smaller") {
    World w;
    w.add(promo("a-small", amountOff(500)));
    Redeemable big = promo("b-big", percentOff(5000));
    big.campaignId = "C";
    w.add(big);
    w.addCampaign("C").limits.maxDiscountTotal = 100000;
    w.request.context.campaignUsage = {CampaignUsage{"C", 10, 99700, 0}};
    w.lines({line(1, "A", 1, 10000)});
    const QuoteResult q = w.quote();
    CHECK(appliedIds(q) == Ids{"a-small", "b-big"});
    CHECK(discountOf(q, "b-big") == 300);
  }
}

TEST_CASE("stacking: ids break remaining ties byte by byte", "[stacking]") {
  World w;
  for (const char* id : {"a9", "a10", "B", "b"}) w.add(promo(id, amountOff(100)));
  w.lines({line(1, "A", 1, 10000)});
  CHECK(appliedIds(w.quote()) == Ids{"B", "a10", "a9", "b"});
}

TEST_CASE("stacking: the result does not depend on the order of rules in the bundle", "[stacking]") {
  World w;
  w.add(with(promo("x", percentOff(1500)), 0, "general"));
  w.add(promo("y", amountOff(300, skuTarget({"A"}))));
  w.add(with(promo("z", freeItem(basketTarget())), 1));
  w.lines({line(1, "A", 2, 1234), line(2, "B", 3, 999)});
  const QuoteResult forward = w.quote();
  std::reverse(w.program().redeemables.begin(), w.program().redeemables.end());
  const QuoteResult backward = w.quote();
  CHECK(appliedIds(forward) == Ids{"z", "y", "x"});
  CHECK(appliedIds(backward) == appliedIds(forward));
  for (const auto& a : forward.applied) CHECK(discountOf(backward, a.redeemableId) == a.discount);
}

TEST_CASE("stacking: an exclusive first is accepted alone and ends the selection", "[stacking]") {
  World w;
  w.add(with(exclusive(promo("excl", percentOff(2000))), 5));
  w.add(promo("later", amountOff(100)));
  Redeemable gold = promo("gold-only", amountOff(100));
  gold.conditions.tiers = {"gold"};
  w.add(gold);
  w.lines({line(1, "A", 1, 10000)});
  const QuoteResult q = w.quote();
  CHECK(appliedIds(q) == Ids{"excl"});
  CHECK(rejectionOf(q, "later") == "not_combinable");
  CHECK(rejectionOf(q, "gold-only") == "tier_required");  // validity before combinability
}

TEST_CASE("stacking: an exclusive after an accepted one is not combinable, the walk goes on", "[stacking]") {
  World w;
  w.add(with(promo("first", amountOff(100)), 9));
  w.add(with(exclusive(promo("excl", percentOff(2000))), 5));
  w.add(promo("third", amountOff(100)));
  w.lines({line(1, "A", 1, 10000)});
  const QuoteResult q = w.quote();
  CHECK(appliedIds(q) == Ids{"first", "third"});
  CHECK(rejectionOf(q, "excl") == "not_combinable");
}

TEST_CASE("stacking: an exclusive with no effect uses no slot and does not end the selection", "[stacking]") {
  World w;
  w.add(with(exclusive(promo("excl", percentOff(5000, skuTarget({"A"})))), 9));  // A costs nothing
  w.add(promo("other1", amountOff(100, skuTarget({"B"}))));
  w.add(promo("other2", amountOff(200, skuTarget({"B"}))));
  w.bundle.stacking.maxPerBasket = 2;
  w.lines({line(1, "A", 1, 0), line(2, "B", 1, 1000)});
  const QuoteResult q = w.quote();
  CHECK(rejectionOf(q, "excl") == "no_effect");
  CHECK(appliedIds(q) == Ids{"other2", "other1"});
}

TEST_CASE("stacking: the general 15% does not combine with the members' 20%", "[stacking]") {
  const auto world = [] {
    World w;
    w.add(notWith(with(promo("general15", percentOff(1500)), 0, "general"), {"loyalty"}));
    Redeemable members = with(promo("members20", percentOff(2000)), 0, "loyalty");
    members.membersOnly = true;
    w.add(members);
    w.lines({line(1, "A", 1, 5000)});
    return w;
  };
  SECTION("a member gets the 20% (larger alone), the 15% is not combinable") {
    const QuoteResult q = world().quote();
    CHECK(appliedIds(q) == Ids{"members20"});
    CHECK(discountOf(q, "members20") == 1000);
    CHECK(rejectionOf(q, "general15") == "not_combinable");
  }
  SECTION("without a member the 15% applies") {
    World w = world();
    w.anonymous();
    const QuoteResult q = w.quote();
    CHECK(appliedIds(q) == Ids{"general15"});
    CHECK(discountOf(q, "general15") == 750);
    CHECK(rejectionOf(q, "members20") == "member_required");
  }
}

TEST_CASE("stacking: not-combinable works both ways, by id and by category", "[stacking]") {
  const auto run = [](Redeemable first, Redeemable second) {
    World w;
    w.add(with(std::move(first), 2, "cat-first"));
    w.add(with(std::move(second), 1, "cat-second"));
    w.lines({line(1, "A", 1, 5000)});
    return w.quote();
  };
  // The later one names the earlier (by id, then by category) ...
  CHECK(rejectionOf(run(promo("p1", amountOff(100)), notWith(promo("p2", amountOff(100)), {"p1"})), "p2") ==
        "not_combinable");
  CHECK(rejectionOf(run(promo("p1", amountOff(100)), notWith(promo("p2", amountOff(100)), {"cat-first"})), "p2") ==
        "not_combinable");
  // ... or the earlier names the later.
  CHECK(rejectionOf(run(notWith(promo("p1", amountOff(100)), {"p2"}), promo("p2", amountOff(100))), "p2") ==
        "not_combinable");
  CHECK(rejectionOf(run(notWith(promo("p1", amountOff(100)), {"cat-second"}), promo("p2", amountOff(100))), "p2") ==
        "not_combinable");
  // Naming something else does not matter.
  CHECK(appliedIds(run(notWith(promo("p1", amountOff(100)), {"p9", "cat-9"}), promo("p2", amountOff(100)))) ==
        Ids{"p1", "p2"});
}

TEST_CASE("stacking: an invalid candidate that is also not combinable gets its validity reason", "[stacking]") {
  World w;
  w.add(with(promo("first", amountOff(100)), 5, "general"));
  Redeemable late = notWith(promo("late", amountOff(100)), {"general"});
  late.conditions.minAmount = 100000;
  w.add(late);
  w.lines({line(1, "A", 1, 5000)});
  CHECK(rejectionOf(w.quote(), "late") == "min_basket");
}

TEST_CASE("stacking: maximum per basket, rejected candidates use no slot", "[stacking]") {
  World w;
  w.bundle.stacking.maxPerBasket = 3;
  w.add(with(promo("nothing", amountOff(100, skuTarget({"A"}))), 5));  // A already free: no effect
  w.add(with(promo("a", amountOff(100)), 4));
  w.add(with(promo("b", amountOff(100)), 2));
  w.add(with(promo("c", amountOff(100)), 1));
  w.add(with(promo("free-a", freeItem(skuTarget({"A"}))), 9));
  w.lines({line(1, "A", 1, 300), line(2, "B", 1, 5000)});
  const QuoteResult q = w.quote();
  CHECK(appliedIds(q) == Ids{"free-a", "a", "b"});
  CHECK(rejectionOf(q, "nothing") == "no_effect");
  CHECK(rejectionOf(q, "c") == "max_per_basket");
}

TEST_CASE("stacking: maximum per category, listed or by default", "[stacking]") {
  World w;
  w.bundle.stacking.maxPerCategory = {{"coupon", 1}};
  w.bundle.stacking.defaultMaxPerCategory = 2;
  w.add(with(promo("c1", amountOff(100)), 9, "coupon"));
  w.add(with(promo("c2", amountOff(100)), 8, "coupon"));
  w.add(with(promo("o1", amountOff(100)), 7, "other"));
  w.add(with(promo("o2", amountOff(100)), 6, "other"));
  w.add(with(promo("o3", amountOff(100)), 5, "other"));
  w.add(with(promo("n1", amountOff(100)), 4));  // no category: unlimited
  w.add(with(promo("n2", amountOff(100)), 3));
  w.lines({line(1, "A", 1, 5000)});
  const QuoteResult q = w.quote();
  CHECK(appliedIds(q) == Ids{"c1", "o1", "o2", "n1", "n2"});
  CHECK(rejectionOf(q, "c2") == "max_per_category");
  CHECK(rejectionOf(q, "o3") == "max_per_category");
}

TEST_CASE("stacking: campaign redemptions count this basket too", "[stacking]") {
  World w;
  w.addCampaign("first500").limits.maxRedemptions = 500;
  for (const char* id : {"r1", "r2"}) {
    Redeemable r = promo(id, amountOff(100));
    r.campaignId = "first500";
    w.add(r);
  }
  w.lines({line(1, "A", 1, 5000)});
  w.request.context.campaignUsage = {CampaignUsage{"first500", 498, 0, 0}};
  CHECK(appliedIds(w.quote()) == Ids{"r1", "r2"});
  w.request.context.campaignUsage = {CampaignUsage{"first500", 499, 0, 0}};
  QuoteResult q = w.quote();
  CHECK(appliedIds(q) == Ids{"r1"});
  CHECK(rejectionOf(q, "r2") == "limit_reached");
  w.request.context.campaignUsage = {CampaignUsage{"first500", 500, 0, 0}};
  q = w.quote();
  CHECK(q.applied.empty());
  CHECK(rejectionOf(q, "r1") == "limit_reached");
}

TEST_CASE("stacking: a campaign budget caps the last discount, then is exhausted", "[stacking]") {
  World w;
  w.addCampaign("C30k").limits.maxDiscountTotal = 3000000;  // 30000.00
  for (const char* id : {"big", "small"}) {
    Redeemable r = promo(id, percentOff(std::string(id) == "big" ? 1000 : 500));
    r.campaignId = "C30k";
    w.add(r);
  }
  w.lines({line(1, "A", 1, 10000)});
  w.request.context.campaignUsage = {CampaignUsage{"C30k", 0, 2999300, 0}};  // 7.00 left
  QuoteResult q = w.quote();
  checkConsistent(q);
  CHECK(appliedIds(q) == Ids{"big"});
  CHECK(discountOf(q, "big") == 700);
  CHECK(discountOf(q, "small") == 0);
  CHECK(rejectionOf(q, "small") == "budget_exhausted");
  w.request.context.campaignUsage = {CampaignUsage{"C30k", 0, 2998500, 0}};  // 15.00 left
  q = w.quote();
  CHECK(discountOf(q, "big") == 1000);
  CHECK(discountOf(q, "small") == 450);  // 5% of 90.00, under the 5.00 left
  w.request.context.campaignUsage = {CampaignUsage{"C30k", 0, 2998800, 0}};  // 12.00 left
  q = w.quote();
  CHECK(discountOf(q, "big") == 1000);
  CHECK(discountOf(q, "small") == 200);  // 4.50 capped at the 2.00 left
  CHECK(q.campaignUsageAdded.front().discountTotal == 1200);
  w.request.context.campaignUsage = {CampaignUsage{"C30k", 0, 2999800, 0}};  // 2.00 left
  q = w.quote();
  CHECK(discountOf(q, "big") == 200);
  CHECK(rejectionOf(q, "small") == "budget_exhausted");
  CHECK(q.campaignUsageAdded.size() == 1);
  CHECK(q.campaignUsageAdded.front().discountTotal == 200);
  w.request.context.campaignUsage = {CampaignUsage{"C30k", 0, 3000000, 0}};
  q = w.quote();
  CHECK(q.applied.empty());
  CHECK(rejectionOf(q, "big") == "budget_exhausted");
}
