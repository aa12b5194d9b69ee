// `loyaltyctl quote` through the real binary: JSON totals, the text receipt, store time.
#include <catch2/catch.hpp>

#include <filesystem>

#include "cli_test_support.h"
#include "engine/reason.h"

using namespace loyalty::ctl::test;
using loyalty::engine::Reason;

namespace {

constexpr const char* kMondayHappyHourUtc = "2026-03-16T16:30:00Z";  // 17:30 in Berlin (CET)
constexpr const char* kTuesdayMorningUtc = "2026-03-17T09:00:00Z";   // 10:00 in Berlin

// Every total is the sum of its lines, every line adds up, nothing is below zero.
void checkConsistent(const loyalty::engine::QuoteResult& r) {
  std::int64_t gross = 0, discounts = 0, points = 0, toPay = 0;
  for (const auto& line : r.lines) {
    CHECK(line.gross == line.quantity * line.unitPrice);
    CHECK(line.net == line.gross - line.discountTotal);
    CHECK(line.toPay == line.net - line.pointsPayment);
    CHECK(line.toPay >= 0);
    CHECK(line.discountTotal >= 0);
    std::int64_t pieces = 0;
    for (const auto& piece : line.discounts) {
      if (piece.kind != loyalty::engine::SourceKind::burn) pieces += piece.amount;
    }
    CHECK(pieces == line.discountTotal);
    gross += line.gross;
    discounts += line.discountTotal;
    points += line.pointsPayment;
    toPay += line.toPay;
  }
  CHECK(r.gross == gross);
  CHECK(r.discountTotal == discounts);
  CHECK(r.pointsPayment == points);
  CHECK(r.toPay == toPay);
  CHECK(r.toPay == r.gross - r.discountTotal - r.pointsPayment);
  std::int64_t applied = 0;
  for (const auto& a : r.applied) {
    std::int64_t spread = 0;
    for (const auto& piece : a.pieces) spread += piece.amount;
    CHECK(spread == a.discount);
    applied += a.discount;
  }
  CHECK(applied == r.discountTotal);
}

}  // namespace

TEST_CASE("cli quote: every example basket, anonymous and with every member", "[cli][quote]") {
  std::vector<std::string> members = {""};
  for (const auto& entry : std::filesystem::directory_iterator(example("members"))) {
    members.push_back(entry.path().filename().string());
  }
  int baskets = 0;
  for (const auto& entry : std::filesystem::directory_iterator(example("baskets"))) {
    ++baskets;
    for (const auto& member : members) {
      const auto basket = entry.path().filename().string();
      INFO(basket << " with member '" << member << "'");
      auto run = quoteExample(basket, member, kMondayHappyHourUtc);
      REQUIRE(run.process.exitCode == 0);
      CHECK(run.process.err.empty());
      REQUIRE(run.result.has_value());
      checkConsistent(*run.result);
      CHECK(run.result->saleId == run.result->storeId + "-20260316T163000Z");
    }
  }
  CHECK(baskets >= 5);
}

TEST_CASE("cli quote: gold German member on Monday at 17:30 Berlin, given in UTC", "[cli][quote][time]") {
  // 21.52 gross, 15% off = 3.228 -> 3.23 (half-up), 18.29 to pay. Gold earns 2 per 1.00:
  // base 36, Monday double +36, happy hour triple +2 x 36.58 = 73 (floored once per rule).
  auto run = quoteExample("weekly-shop.json", "gold-de.json", kMondayHappyHourUtc);
  REQUIRE(run.result.has_value());
  const auto& r = *run.result;
  CHECK(r.gross == 2152);
  CHECK(r.discountTotal == 323);
  CHECK(r.toPay == 1829);
  REQUIRE(earnedBy(r, "base-reward") != nullptr);
  CHECK(earnedBy(r, "base-reward")->points == 36);
  REQUIRE(earnedBy(r, "de-monday-double") != nullptr);
  CHECK(earnedBy(r, "de-monday-double")->points == 36);
  REQUIRE(earnedBy(r, "happy-hour-triple") != nullptr);
  CHECK(earnedBy(r, "happy-hour-triple")->points == 73);
  CHECK(earnedBy(r, "base-qualifying")->points == 18);
}

TEST_CASE("cli quote: happy hour follows Berlin wall-clock time", "[cli][quote][time]") {
  struct Case {
    const char* at;
    bool monday;
    bool happyHour;
  };
  const Case cases[] = {
      {"2026-03-16T15:59:00Z", true, false},   // 16:59 CET: not yet
      {"2026-03-16T16:00:00Z", true, true},    // 17:00 CET: start included
      {"2026-03-16T17:59:59Z", true, true},    // 18:59:59 CET
      {"2026-03-16T18:00:00Z", true, false},   // 19:00 CET: end excluded
      {"2026-03-16T17:30:00+01:00", true, true},
      {"2026-06-15T15:30:00Z", true, true},    // 17:30 CEST (summer time, UTC+2)
      {"2026-06-15T16:30:00Z", true, true},    // 18:30 CEST
      {"2026-06-15T17:00:00Z", true, false},   // 19:00 CEST
      {"2026-03-15T23:30:00Z", true, false},   // Sunday in UTC, Monday 00:30 in Berlin
      {"2026-03-16T23:30:00Z", false, false},  // Monday in UTC, Tuesday 00:30 in Berlin
      {"2026-03-17T16:30:00Z", false, true},   // Tuesday 17:30: happy hour only
  };
  for (const auto& c : cases) {
    INFO(c.at);
    auto run = quoteExample("weekly-shop.json", "gold-de.json", c.at);
    REQUIRE(run.result.has_value());
    CHECK((earnedBy(*run.result, "de-monday-double") != nullptr) == c.monday);
    CHECK((earnedBy(*run.result, "happy-hour-triple") != nullptr) == c.happyHour);
  }
}

TEST_CASE("cli quote: an offset or Z spelling of one instant gives the same quote", "[cli][quote][time]") {
  auto utc = quoteExample("weekly-shop.json", "gold-de.json", "2026-03-16T16:30:00Z");
  auto local = quoteExample("weekly-shop.json", "gold-de.json", "2026-03-16T17:30:00+01:00");
  auto other = quoteExample("weekly-shop.json", "gold-de.json", "2026-03-16T12:30:00-04:00");
  REQUIRE(utc.process.exitCode == 0);
  CHECK(utc.process.out == local.process.out);
  CHECK(utc.process.out == other.process.out);
}

TEST_CASE("cli quote: the Monday double is for German members only", "[cli][quote]") {
  // Silver earns 1.5 per 1.00: floor(18.29 x 3 / 2) = 27.
  auto run = quoteExample("weekly-shop.json", "silver-nl.json", "2026-03-16T09:00:00Z");
  REQUIRE(run.result.has_value());
  CHECK(earnedBy(*run.result, "de-monday-double") == nullptr);
  REQUIRE(earnedBy(*run.result, "base-reward") != nullptr);
  CHECK(earnedBy(*run.result, "base-reward")->points == 27);
}

TEST_CASE("cli quote: text format reads like a receipt", "[cli][quote][text]") {
  auto run = quoteExample("weekly-shop.json", "gold-de.json", kMondayHappyHourUtc,
                          {"--format", "text"});
  REQUIRE(run.process.exitCode == 0);
  const std::string& text = run.process.out;
  CHECK(text.find("2026-03-16 17:30:00 Monday Europe/Berlin") != std::string::npos);
  CHECK(text.find("15% off your basket (promotion general-15)") != std::string::npos);
  CHECK(text.find("To pay   18.29 EUR") != std::string::npos);
  CHECK(text.find("-3.23 EUR") != std::string::npos);
  CHECK(text.find("Happy hour: triple points 17:00-19:00") != std::string::npos);
  CHECK(text.find("Double points on Mondays for German members") != std::string::npos);
  CHECK(text.find("reward +145") != std::string::npos);
  CHECK(text.find("coffee-house-blend-500g") != std::string::npos);
  CHECK(text.find("outside_schedule") != std::string::npos);  // Saturday bakery deal
  CHECK(text.find('{') == std::string::npos);                 // not JSON
}

TEST_CASE("cli quote: MEMBER20 and the automatic 15% do not combine", "[cli][quote]") {
  auto run = quoteExample("weekly-shop.json", "gold-de.json", kTuesdayMorningUtc,
                          {"--redeem", "MEMBER20"});
  REQUIRE(run.result.has_value());
  REQUIRE(appliedById(*run.result, "members-20") != nullptr);
  CHECK(appliedById(*run.result, "members-20")->discount == 430);  // 20% of 21.52 = 4.304
  CHECK(appliedById(*run.result, "general-15") == nullptr);
  REQUIRE(rejectedBy(*run.result, "general-15") != nullptr);
  CHECK(rejectedBy(*run.result, "general-15")->reason == Reason::not_combinable);
  checkConsistent(*run.result);
}

TEST_CASE("cli quote: burns and reward items", "[cli][quote][burn]") {
  auto exact = quoteExample("weekly-shop.json", "gold-de.json", kTuesdayMorningUtc,
                            {"--burn", "500"});
  REQUIRE(exact.result.has_value());
  REQUIRE(exact.result->burn.has_value());
  CHECK(exact.result->burn->applied);
  CHECK(exact.result->burn->points == 500);
  CHECK(exact.result->pointsPayment == 500);
  CHECK(exact.result->toPay == 1829 - 500);
  checkConsistent(*exact.result);

  // Max share 50% of 18.29 = 9.14 -> 914 points, in steps of 50: 900.
  auto max = quoteExample("weekly-shop.json", "gold-de.json", kTuesdayMorningUtc,
                          {"--burn", "max"});
  REQUIRE(max.result.has_value());
  REQUIRE(max.result->burn.has_value());
  CHECK(max.result->burn->points == 900);
  CHECK(max.result->pointsPayment == 900);

  // Anna has 320 points: 500 is refused, never clamped.
  auto poor = quoteExample("weekly-shop.json", "basic-de.json", kTuesdayMorningUtc,
                           {"--burn", "500", "--reward", "free-coffee-reward"});
  REQUIRE(poor.result.has_value());
  REQUIRE(poor.result->burn.has_value());
  CHECK_FALSE(poor.result->burn->applied);
  REQUIRE(poor.result->burn->refusal.has_value());
  CHECK(*poor.result->burn->refusal == Reason::insufficient_points);
  REQUIRE(rejectedBy(*poor.result, "free-coffee-reward") != nullptr);
  CHECK(rejectedBy(*poor.result, "free-coffee-reward")->reason == Reason::insufficient_points);

  auto reward = quoteExample("weekly-shop.json", "gold-de.json", kTuesdayMorningUtc,
                             {"--reward", "free-coffee-reward:1"});
  REQUIRE(reward.result.has_value());
  const auto* coffee = appliedById(*reward.result, "free-coffee-reward");
  REQUIRE(coffee != nullptr);
  CHECK(coffee->unitsRewarded == 1);
  CHECK(coffee->pointsCost == 500);
  checkConsistent(*reward.result);
}

TEST_CASE("cli quote: burns are bounded by the offline allowance", "[cli][quote][burn]") {
  // 49.98 - 15% = 42.48; half of it would be 2124 -> 2100 points, but without an allowance in
  // the context the bundle's daily limit per member and store (2000) applies.
  auto max = quoteExample("family-shop.json", "gold-de.json", kTuesdayMorningUtc,
                          {"--burn", "max"});
  REQUIRE(max.result.has_value());
  REQUIRE(max.result->burn.has_value());
  CHECK(max.result->burn->points == 2000);

  auto over = quoteExample("family-shop.json", "gold-de.json", kTuesdayMorningUtc,
                           {"--burn", "2050"});
  REQUIRE(over.result.has_value());
  REQUIRE(over.result->burn.has_value());
  CHECK_FALSE(over.result->burn->applied);
  CHECK(over.result->burn->refusal == Reason::offline_limit);

  auto allowance = quoteExample("family-shop.json", "gold-de.json", kTuesdayMorningUtc,
                                {"--burn", "max", "--context",
                                 example("contexts/offline-allowance-300.json")});
  REQUIRE(allowance.result.has_value());
  CHECK(allowance.result->burn->points == 300);

  auto stale = quoteExample("family-shop.json", "gold-de.json", kTuesdayMorningUtc,
                            {"--burn", "max", "--context", example("contexts/offline-stale.json")});
  REQUIRE(stale.result.has_value());
  CHECK(stale.result->burn->refusal == Reason::stale_snapshot);
  CHECK_FALSE(stale.result->earned.empty());  // earning continues
}

TEST_CASE("cli quote: campaign limits come from the context file", "[cli][quote][context]") {
  auto lastSlot = quoteExample("weekly-shop.json", "basic-de.json", kTuesdayMorningUtc,
                               {"--redeem", "WELCOME5", "--context",
                                example("contexts/welcome500-last-slot.json")});
  REQUIRE(lastSlot.result.has_value());
  CHECK(appliedById(*lastSlot.result, "welcome-5") != nullptr);

  auto full = quoteExample("weekly-shop.json", "basic-de.json", kTuesdayMorningUtc,
                           {"--redeem", "WELCOME5", "--context",
                            example("contexts/welcome500-full.json")});
  REQUIRE(full.result.has_value());
  REQUIRE(rejectedBy(*full.result, "WELCOME5") != nullptr);
  CHECK(rejectedBy(*full.result, "WELCOME5")->reason == Reason::limit_reached);

  // 1.00 left of the spring sale's 30000.00: the 15% (3.23) is capped at 1.00.
  auto budget = quoteExample("weekly-shop.json", "basic-de.json", kTuesdayMorningUtc,
                             {"--context", example("contexts/spring-budget-almost-spent.json")});
  REQUIRE(budget.result.has_value());
  REQUIRE(appliedById(*budget.result, "general-15") != nullptr);
  CHECK(appliedById(*budget.result, "general-15")->discount == 100);

  auto killed = quoteExample("weekly-shop.json", "basic-de.json", kTuesdayMorningUtc,
                             {"--context", example("contexts/spring-sale-disabled.json")});
  REQUIRE(killed.result.has_value());
  CHECK(appliedById(*killed.result, "general-15") == nullptr);
  CHECK(killed.result->discountTotal == 0);
}

TEST_CASE("cli quote: anonymous basket takes bearer vouchers and earns nothing", "[cli][quote]") {
  auto run = quoteExample("weekly-shop.json", "", kTuesdayMorningUtc, {"--redeem", "GIFT-1234"});
  REQUIRE(run.result.has_value());
  CHECK(run.result->memberId.empty());
  CHECK(run.result->earned.empty());
  CHECK(appliedById(*run.result, "gift-3-off") != nullptr);
  REQUIRE(run.result->vouchersConsumed.size() == 1);
  CHECK(run.result->vouchersConsumed.front() == "GIFT-1234");
}

TEST_CASE("cli quote: tobacco and gift cards earn nothing", "[cli][quote]") {
  auto run = quoteExample("tobacco-and-gift-card.json", "gold-de.json", kTuesdayMorningUtc);
  REQUIRE(run.result.has_value());
  std::int64_t eligible = 0;
  for (const auto& line : run.result->lines) {
    const bool excluded = line.sku == "cigarettes-20" || line.sku == "gift-card-25";
    CHECK(line.earnExcluded == excluded);
    if (!excluded) eligible += line.eligibleNet;
  }
  REQUIRE(earnedBy(*run.result, "base-reward") != nullptr);
  CHECK(earnedBy(*run.result, "base-reward")->countedNet == eligible);
  CHECK(earnedBy(*run.result, "base-reward")->points == eligible * 2 / 100);
}

TEST_CASE("cli quote: VIP points expire 24 months after earning, others 12", "[cli][quote]") {
  auto vip = quoteExample("weekly-shop.json", "vip-silver-de.json", kTuesdayMorningUtc,
                          {"--sale-id", "sale-vip"});
  auto regular = quoteExample("weekly-shop.json", "silver-nl.json", kTuesdayMorningUtc,
                              {"--sale-id", "sale-regular"});
  REQUIRE(vip.result.has_value());
  REQUIRE(regular.result.has_value());
  auto expiryOf = [](const loyalty::engine::QuoteResult& r, const std::string& lotId) {
    for (const auto& lot : r.lotsAfter) {
      if (lot.id == lotId) return lot.expiresOn;
    }
    FAIL("no lot " << lotId);
    return std::optional<loyalty::engine::LocalDate>();
  };
  CHECK(expiryOf(*vip.result, "sale-vip/reward") == loyalty::engine::LocalDate{2028, 3, 17});
  CHECK(expiryOf(*regular.result, "sale-regular/reward") ==
        loyalty::engine::LocalDate{2027, 3, 17});
}

TEST_CASE("cli quote: suspended members earn and burn nothing", "[cli][quote]") {
  auto run = quoteExample("weekly-shop.json", "suspended-de.json", kTuesdayMorningUtc,
                          {"--burn", "200"});
  REQUIRE(run.result.has_value());
  CHECK(run.result->earned.empty());
  REQUIRE(run.result->burn.has_value());
  CHECK_FALSE(run.result->burn->applied);
  REQUIRE_FALSE(run.result->notices.empty());
  CHECK(run.result->notices.front().reason == Reason::member_inactive);
  CHECK(appliedById(*run.result, "general-15") != nullptr);  // promotions still apply
}

TEST_CASE("cli quote: same input gives the same output, --sale-id names the lots", "[cli][quote]") {
  auto first = quoteExample("family-shop.json", "gold-de.json", kMondayHappyHourUtc,
                            {"--burn", "max", "--sale-id", "till-7/000123"});
  auto second = quoteExample("family-shop.json", "gold-de.json", kMondayHappyHourUtc,
                             {"--burn", "max", "--sale-id", "till-7/000123"});
  REQUIRE(first.result.has_value());
  CHECK(first.process.out == second.process.out);
  CHECK(first.result->saleId == "till-7/000123");
  bool found = false;
  for (const auto& lot : first.result->lotsAfter) found = found || lot.id == "till-7/000123/reward";
  CHECK(found);
}

TEST_CASE("cli quote: without --at the current clock is used", "[cli][quote][time]") {
  auto run = runCtl({"quote", "--bundle", example("bundle.json"), "--basket",
                     example("baskets/weekly-shop.json")});
  REQUIRE(run.exitCode == 0);
  auto parsed = loyalty::codec::quoteResultFromJson(run.out);
  REQUIRE(parsed.ok());
  CHECK(parsed->saleId.rfind("berlin-01-20", 0) == 0);
}
