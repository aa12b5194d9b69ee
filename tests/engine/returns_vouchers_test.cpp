// Returns: voucher reinstatement on the return that completes a sale, campaign counters
// given back, and every error a return request can carry.
#include <catch2/catch.hpp>

#include "returns_fixture.h"

using namespace returns_test;  // NOLINT: test builders

namespace {

eng::AppliedRedeemable voucher(std::string id, std::string campaign, eng::Money discount) {
  eng::AppliedRedeemable v;
  v.redeemableId = id;
  v.campaignId = std::move(campaign);
  v.kind = eng::RedeemableKind::voucher;
  v.code = "CODE-" + id;
  v.singleUse = true;
  v.discount = discount;
  v.validUntil = d(2026, 4, 30);
  return v;
}

eng::Redeemable redeemable(std::string id, std::string campaign, eng::RedeemableKind kind) {
  eng::Redeemable r;
  r.id = std::move(id);
  r.campaignId = std::move(campaign);
  r.kind = kind;
  return r;
}

// Sale S1 with two vouchers of campaign "spring" and an automatic promotion of "summer".
struct VoucherFixture {
  eng::Bundle bundle;
  eng::QuoteResult sale = standardSale();

  VoucherFixture() {
    eng::Program program;
    program.id = "p1";
    program.redeemables = {redeemable("v1", "spring", eng::RedeemableKind::voucher),
                           redeemable("v2", "spring", eng::RedeemableKind::voucher),
                           redeemable("promo", "summer", eng::RedeemableKind::promotion)};
    program.campaigns = {eng::Campaign{"spring", "Spring", false, {}},
                         eng::Campaign{"summer", "Summer", false, {}}};
    bundle.programs = {eng::Program{}, program};
    bundle.programs[0].id = "other";
    eng::AppliedRedeemable promo = voucher("promo", "summer", 100);
    promo.kind = eng::RedeemableKind::promotion;
    sale.applied.insert(sale.applied.begin(), {voucher("v1", "spring", 500), voucher("v2", "spring", 300), promo});
  }

  eng::ReturnResult full(eng::ReturnRequest r = request({{1, 3}, {2, 1}, {3, 2}})) const {
    auto result = eng::computeSaleReturn(bundle, sale, r);
    REQUIRE(result.ok());
    return std::move(result).value();
  }
};

loyalty::Error returnError(const eng::QuoteResult& sale, const eng::ReturnRequest& r) {
  auto result = eng::computeSaleReturn(eng::Bundle{}, sale, r);
  REQUIRE_FALSE(result.ok());
  return result.error();
}

}  // namespace

TEST_CASE("returns vouchers: a full return reinstates still-valid vouchers", "[returns][vouchers]") {
  VoucherFixture f;
  const auto result = f.full();
  CHECK(result.completesSale);
  REQUIRE(result.reinstated.size() == 2);
  CHECK(result.reinstated[0].code == "CODE-v1");
  CHECK(result.reinstated[0].redeemableId == "v1");
  CHECK(result.reinstated[0].campaignId == "spring");
  CHECK(result.reinstated[0].discount == 500);
  CHECK(result.reinstated[1].redeemableId == "v2");
  CHECK(result.redeemablesReleased == std::vector<std::string>{"v1", "v2"});
  REQUIRE(result.campaignUsageReleased.size() == 1);  // promotions are not given back
  const auto& usage = result.campaignUsageReleased[0];
  CHECK(usage.campaignId == "spring");
  CHECK(usage.redemptions == 2);
  CHECK(usage.discountTotal == 800);
  CHECK(usage.orderValueTotal == 2900);  // every applied redeemable of "spring" came back
}

TEST_CASE("returns vouchers: nothing is reinstated before the sale is complete", "[returns][vouchers]") {
  VoucherFixture f;
  const auto partial = f.full(request({{1, 3}, {2, 1}, {3, 1}}));
  CHECK_FALSE(partial.completesSale);
  CHECK(partial.reinstated.empty());
  CHECK(partial.campaignUsageReleased.empty());
  const auto last = f.full(request({{3, 1}}, partial.returnedAfter));
  CHECK(last.completesSale);
  CHECK(last.reinstated.size() == 2);
}

TEST_CASE("returns vouchers: a voucher that says so is not reinstated", "[returns][vouchers]") {
  VoucherFixture f;
  f.sale.applied[1].reinstateOnReturn = false;
  const auto result = f.full();
  REQUIRE(result.reinstated.size() == 1);
  CHECK(result.reinstated[0].redeemableId == "v1");
  REQUIRE(result.campaignUsageReleased.size() == 1);
  CHECK(result.campaignUsageReleased[0].redemptions == 1);
  CHECK(result.campaignUsageReleased[0].discountTotal == 500);
  CHECK(result.campaignUsageReleased[0].orderValueTotal == 0);  // v2 still counts the sale
}

TEST_CASE("returns vouchers: the last valid day is included", "[returns][vouchers]") {
  VoucherFixture f;
  CHECK(f.full(request({{1, 3}, {2, 1}, {3, 2}}, {}, d(2026, 4, 30))).reinstated.size() == 2);
  CHECK(f.full(request({{1, 3}, {2, 1}, {3, 2}}, {}, d(2026, 5, 1))).reinstated.empty());
  f.sale.applied[0].validUntil.reset();  // no end date: always valid
  CHECK(f.full(request({{1, 3}, {2, 1}, {3, 2}}, {}, d(2026, 5, 1))).reinstated.size() == 1);
}

TEST_CASE("returns vouchers: disabled campaigns and withdrawn redeemables", "[returns][vouchers]") {
  VoucherFixture f;
  SECTION("campaign disabled in the bundle") {
    f.bundle.programs[1].campaigns[0].disabled = true;
    CHECK(f.full().reinstated.empty());
  }
  SECTION("campaign disabled by a kill switch heard since") {
    auto r = request({{1, 3}, {2, 1}, {3, 2}});
    r.disabledCampaigns = {"spring"};
    CHECK(f.full(r).reinstated.empty());
    r.disabledCampaigns = {"summer"};
    CHECK(f.full(r).reinstated.size() == 2);
  }
  SECTION("redeemable no longer in the program") {
    f.bundle.programs[1].redeemables.erase(f.bundle.programs[1].redeemables.begin());
    const auto result = f.full();
    REQUIRE(result.reinstated.size() == 1);
    CHECK(result.reinstated[0].redeemableId == "v2");
  }
  SECTION("program no longer in the bundle") {
    f.bundle.programs.pop_back();
    CHECK(f.full().reinstated.empty());
  }
}

TEST_CASE("returns vouchers: an offer whose schedule is over is not reinstated", "[returns][vouchers]") {
  VoucherFixture f;
  eng::Schedule ends;
  ends.endDate = d(2026, 3, 20);
  f.bundle.programs[1].redeemables[0].conditions.schedule = ends;
  CHECK(f.full().reinstated.size() == 2);  // the end date is included
  f.bundle.programs[1].redeemables[0].conditions.schedule->endDate = d(2026, 3, 19);
  CHECK(f.full().reinstated.size() == 1);
  eng::Schedule instant;
  instant.endsAt = 1'774'000'000;  // the request's instant: ends are exclusive
  f.bundle.programs[1].redeemables[0].conditions.schedule = instant;
  CHECK(f.full().reinstated.size() == 1);
  f.bundle.programs[1].redeemables[0].conditions.schedule->endsAt = 1'774'000'001;
  CHECK(f.full().reinstated.size() == 2);
}

TEST_CASE("returns errors: lines, quantities and member are checked", "[returns][errors]") {
  const auto sale = standardSale();
  auto e = returnError(sale, request({{9, 1}}));
  CHECK(e.code == loyalty::ErrorCode::unknown_reference);
  CHECK(e.reason == "unknown_line");
  CHECK_FALSE(e.message.empty());
  CHECK(returnError(sale, request({{1, 1}, {1, 1}})).reason == "duplicate_line");
  CHECK(returnError(sale, request({{1, 0}})).reason == "bad_quantity");
  CHECK(returnError(sale, request({{1, -1}})).reason == "bad_quantity");
  CHECK(returnError(sale, request({{1, 4}})).reason == "more_than_sold");
  CHECK(returnError(sale, request({{1, 2}}, {{1, 2}})).reason == "more_than_sold");
  CHECK(returnError(sale, request({{1, INT64_MAX}}, {{1, 2}})).reason == "more_than_sold");
  CHECK(returnError(sale, request({})).reason == "no_lines");
  CHECK(returnError(sale, request({{1, 1}}, {{7, 1}})).reason == "unknown_line");
  CHECK(returnError(sale, request({{1, 1}}, {{2, 1}, {2, 1}})).reason == "duplicate_line");
  CHECK(returnError(sale, request({{1, 1}}, {{2, -1}})).reason == "bad_quantity");
  auto r = request({{1, 1}});
  r.member = eng::MemberView{};
  r.member->id = "m2";
  e = returnError(sale, r);
  CHECK(e.reason == "wrong_member");
  CHECK(e.code == loyalty::ErrorCode::invalid_input);
  CHECK(returnError(sale, request({{1, 1}, {2, 2}})).reason == "more_than_sold");
}

TEST_CASE("returns errors: an inconsistent sale is refused, not trusted", "[returns][errors]") {
  auto sale = standardSale();
  SECTION("earned lines do not add up to the counted net") {
    sale.earned[0].countedNet += 1;
  }
  SECTION("an earned line that is not in the sale") {
    sale.earned[1].lines[0].lineNo = 42;
  }
  SECTION("burn lots do not add up to the points") {
    sale.burn->lotsUsed[0].points -= 1;
  }
  SECTION("burn pieces do not add up to its value") {
    sale.burn->pieces[0].amount = -120;
  }
  SECTION("duplicate line numbers") {
    sale.lines[1].lineNo = 1;
  }
  SECTION("zero quantity") {
    sale.lines[2].quantity = 0;
  }
  SECTION("more to pay than the line's net") {
    sale.lines[2].toPay = 1;
  }
  SECTION("a total beyond the supported range") {
    sale.lines[0].net = sale.lines[1].net = eng::kMaxAmount;
  }
  const auto e = returnError(sale, request({{1, 1}}));
  CHECK(e.reason == "invalid_sale");
  CHECK(e.code == loyalty::ErrorCode::invalid_input);
}
