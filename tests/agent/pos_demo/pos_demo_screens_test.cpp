// The demo POS without a process: reading the API's answers (good, malformed, error
// answers), the request bodies it sends, and what the cashier's screen shows for them.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "codec/quote_codec.h"
#include "codec/return_codec.h"
#include "pos_demo/cashier_screen.h"
#include "pos_demo/pos_answers.h"
#include "pos_demo/pos_requests.h"

using namespace loyalty;
using namespace loyalty::pos_demo;
using nlohmann::json;

namespace {

// A Gold member's basket: coffee with MEMBER20, GIFT-1234 refused, 500 points paid.
engine::QuoteResult sampleQuote() {
  engine::QuoteResult r;
  r.saleId = "s-1";
  r.storeId = "berlin-01";
  r.programId = "demo-de";
  r.memberId = "m-00000042";
  engine::LineResult line;
  line.lineNo = 1;
  line.sku = "coffee-house-blend-500g";
  line.quantity = 2;
  line.unitPrice = 899;
  line.gross = 1798;
  line.discounts = {{"members-20", engine::SourceKind::voucher, 360}, {"reward", engine::SourceKind::burn, 500}};
  line.discountTotal = 360;
  line.net = 1438;
  line.pointsPayment = 500;
  line.toPay = 938;
  line.eligibleNet = 938;
  r.lines = {line};
  engine::AppliedRedeemable applied;
  applied.redeemableId = "members-20";
  applied.name = "Members' 20% off";
  applied.kind = engine::RedeemableKind::voucher;
  applied.code = "MEMBER20";
  applied.discount = 360;
  applied.pieces = {{1, 360}};
  r.applied = {applied};
  engine::Rejection refused;
  refused.subject = "GIFT-1234";
  refused.requested = true;
  refused.reason = engine::Reason::already_used;
  refused.message = "This voucher was already used.";
  r.rejected = {refused};
  engine::BurnResult burn;
  burn.applied = true;
  burn.currency = "reward";
  burn.points = 500;
  burn.value = 500;
  burn.pieces = {{1, 500}};
  r.burn = burn;
  engine::EarnedRule base;
  base.ruleId = "base";
  base.name = "Base points";
  base.currency = "reward";
  base.points = 18;
  base.countedNet = 938;
  r.earned = {base};
  r.balances = {{"reward", 2000, 500, 18, 1518}};
  r.gross = 1798;
  r.discountTotal = 360;
  r.pointsPayment = 500;
  r.toPay = 938;
  return r;
}

std::string saleBody(const std::string& status, bool already = false) {
  return json{{"status", status},
              {"warnings", json::array({json{{"reason", "offline_allowance"}, {"message", "Limited to 1500."}}})},
              {"result", codec::quoteResultToJson(sampleQuote())},
              {"ledger_entries", json::array({json{{"id", "e-1"}, {"sequence", 7}, {"kind", "sale"}}})},
              {"already_committed", already},
              {"a_field_from_a_newer_agent", 1}}
      .dump();
}

}  // namespace

TEST_CASE("pos demo screens: a quote as the cashier reads it", "[pos_demo]") {
  auto quote = parseSaleAnswer(saleBody("quoted"));
  REQUIRE(quote);
  const std::string screen = CashierScreen("EUR").quote(quote.value());
  CHECK(screen.find("coffee-house-blend-500g") != std::string::npos);
  CHECK(screen.find("-3.60  Members' 20% off (voucher MEMBER20)") != std::string::npos);
  CHECK(screen.find("applied  MEMBER20  Members' 20% off: -3.60 EUR") != std::string::npos);
  CHECK(screen.find("REFUSED  GIFT-1234 (already_used): \"This voucher was already used.\"") != std::string::npos);
  CHECK(screen.find("500 reward points pay 5.00 EUR") != std::string::npos);
  CHECK(screen.find("TO PAY    9.38 EUR   (17.98 EUR - discounts 3.60 EUR - points 5.00 EUR)") != std::string::npos);
  CHECK(screen.find("Earns     +18 reward points (Base points +18)") != std::string::npos);
  CHECK(screen.find("Warning   offline_allowance: Limited to 1500.") != std::string::npos);
  // Other currencies print with their own minor units.
  CHECK(CashierScreen("JPY").quote(quote.value()).find("TO PAY    938 JPY") != std::string::npos);
}

TEST_CASE("pos demo screens: approval, a repeated commit, and a refund", "[pos_demo]") {
  auto approved = parseSaleAnswer(saleBody("approved"));
  REQUIRE(approved);
  const CashierScreen screen("EUR");
  const std::string first = screen.approval(approved.value());
  CHECK(first.find("APPROVED  sale s-1: to pay 9.38 EUR, 500 reward points spent, +18 reward points earned") !=
        std::string::npos);
  CHECK(first.find("Balance after the sale: 1518 reward points") != std::string::npos);
  CHECK(first.find("1 entry written, durable before the answer") != std::string::npos);
  CHECK(first.find("#7  sale  e-1") != std::string::npos);
  auto again = parseSaleAnswer(saleBody("approved", true));
  REQUIRE(again);
  CHECK(screen.approval(again.value()).find("already committed earlier: nothing new written") != std::string::npos);

  engine::ReturnResult returned;
  returned.lines = {{1, 1, 469, 719}};
  returned.refund = 469;
  returned.reversed = {{"base", "reward", 18, 0, 9}};
  returned.restored = {{"reward", engine::SourceKind::burn, "reward", 500, 0, 250}};
  const std::string body = json{{"status", "returned"}, {"return_id", "s-1-r1"},
                                {"result", codec::returnResultToJson(returned)},
                                {"ledger_entries", json::array()}, {"already_committed", false}}
                               .dump();
  auto answer = parseReturnAnswer(body);
  REQUIRE(answer);
  const std::string refund = screen.refund(answer.value(), sampleQuote());
  CHECK(refund.find("coffee-house-blend-500g") != std::string::npos);
  CHECK(refund.find("REFUND    4.69 EUR") != std::string::npos);
  CHECK(refund.find("Reversed  -9 reward points earned by \"Base points\"") != std::string::npos);
  CHECK(refund.find("Restored  250 reward points") != std::string::npos);
}

TEST_CASE("pos demo screens: the member and a refused card", "[pos_demo]") {
  const std::string member = R"({"member_id": "m-1", "program": "demo-de", "display_name": "Jürgen K.",
    "status": "active", "tier": "gold", "provisional": false,
    "balances": [{"currency": "reward", "points": 2000}, {"currency": "qualifying", "points": 517}],
    "expiring_soon": [{"currency": "reward", "points": 120, "expires_on": "2026-04-30"}],
    "recent_activity": [], "available_rewards": ["free-coffee-reward"]})";
  auto scan = parseScanAnswer(R"({"accepted": true, "reason": "ok", "message": "Valid card.", "card_id": "C1-1",
                                  "member": )" + member + "}");
  REQUIRE(scan);
  const std::string screen = CashierScreen("EUR").scan(scan.value());
  CHECK(screen.find("Card C1-1 accepted: Valid card.") != std::string::npos);
  CHECK(screen.find("Member    Jürgen K. (m-1)") != std::string::npos);
  CHECK(screen.find("Tier      gold, active") != std::string::npos);
  CHECK(screen.find("Balance   2000 reward points, 517 qualifying points") != std::string::npos);
  CHECK(screen.find("Expiring  120 reward points on 2026-04-30") != std::string::npos);
  CHECK(screen.find("Rewards   free-coffee-reward") != std::string::npos);
  CHECK(scan->member->balance("reward") == 2000);
  CHECK(scan->member->balance("miles") == 0);

  auto refused = parseScanAnswer(R"({"accepted": false, "reason": "revoked", "message": "This card was blocked."})");
  REQUIRE(refused);
  CHECK(CashierScreen("EUR").scan(refused.value()) == "  The code REFUSED (revoked): This card was blocked.\n");
}

TEST_CASE("pos demo answers: malformed answers are errors, never crashes", "[pos_demo]") {
  CHECK(parseSaleAnswer("").error().reason == "malformed_json");
  CHECK_FALSE(parseSaleAnswer("{\"status\": \"quoted\"}"));  // no result
  auto badResult = parseSaleAnswer(R"({"status": "quoted", "result": {"lines": 3}})");
  REQUIRE_FALSE(badResult);
  CHECK(badResult.error().message.find("/result") != std::string::npos);
  CHECK_FALSE(parseMemberAnswer(R"({"member_id": "m-1", "status": "active", "balances": "none"})"));
  CHECK_FALSE(parseScanAnswer("[]"));
  CHECK_FALSE(parseStatusAnswer(R"({"terminal_id": 1})"));
  CHECK_FALSE(parseReturnAnswer(R"({"status": "returned", "result": null})"));

  const Error known = agentError({409, R"({"error": {"reason": "quote_changed", "message": "Quote again.", "status": 409}})"});
  CHECK(known.reason == "quote_changed");
  CHECK(known.message == "Quote again. (HTTP 409)");
  CHECK(agentError({502, "<html>bad gateway</html>"}).reason == "unexpected_answer");
  CHECK(agentError({500, R"({"error": {"reason": 5}})"}).reason == "unexpected_answer");
}

TEST_CASE("pos demo requests: bodies, path segments and picture types", "[pos_demo]") {
  SaleBody sale{"m-1", {{1, "croissant", {"bakery"}, 3, 129}}, {"MEMBER20"}, {engine::BurnMode::exact, 500}};
  const json quote = json::parse(quoteBody(sale));
  CHECK(quote["member_id"] == "m-1");
  CHECK(quote["lines"][0]["unit_price"] == 129);
  CHECK(quote["redeem"][0]["code"] == "MEMBER20");
  CHECK(quote["burn"] == json{{"points", 500}});
  CHECK_FALSE(quote.contains("pos_sale_id"));
  sale.burn = {engine::BurnMode::max, 0};
  const json commit = json::parse(commitBody(sale, "s-9", 1234));
  CHECK(commit["pos_sale_id"] == "s-9");
  CHECK(commit["expected_to_pay"] == 1234);
  CHECK(commit["burn"] == json{{"max", true}});
  CHECK(json::parse(returnBody("r-1", {{2, 1}})) == json{{"return_id", "r-1"}, {"lines", {{{"line", 2}, {"quantity", 1}}}}});
  CHECK(describeAsk(sale) == "voucher MEMBER20, pay as many points as allowed");

  CHECK(pathSegment("demo-1_a.b~") == "demo-1_a.b~");
  CHECK(pathSegment("a/b c?%") == "a%2Fb%20c%3F%25");
  CHECK(pathSegment("ü") == "%C3%BC");
  CHECK(imageContentType(std::string("\x89PNG\r\n\x1a\n....", 12)).value() == "image/png");
  CHECK(imageContentType("\xFF\xD8\xFF\xE0").value() == "image/jpeg");
  CHECK(imageContentType("GIF89a").error().reason == "not_an_image");
  CHECK(imageContentType("").error().reason == "not_an_image");
  CHECK(readBasketLines("/nonexistent/basket.json").error().reason == "file_unreadable");
}
