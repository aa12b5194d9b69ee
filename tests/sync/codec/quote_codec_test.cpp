#include <catch2/catch.hpp>

#include "codec/quote_codec.h"
#include "codec/return_codec.h"
#include "codec_equality.h"

using namespace loyalty;
using codec_test::same;
using engine::LocalDate;

namespace {

// A quote result with every field set to a value other than its default.
engine::QuoteResult fullQuoteResult() {
  engine::QuoteResult r;
  r.saleId = "T07-000123";
  r.bundleHash = std::string(64, 'a');
  r.bundleVersion = 42;
  r.programId = "demo-de";
  r.storeId = "berlin-01";
  r.memberId = "M-1001";
  r.notices = {{engine::Reason::stale_snapshot, "The member snapshot is too old for burns."}};
  engine::LineResult line;
  line.lineNo = 3;
  line.sku = "coffee-house-blend-500g";
  line.categories = {"coffee", "grocery"};
  line.quantity = 3;
  line.unitPrice = 599;
  line.gross = 1797;
  line.discounts = {{"spring-coffee", engine::SourceKind::promotion, 599},
                    {"members-20", engine::SourceKind::voucher, 240},
                    {"reward", engine::SourceKind::burn, 100}};
  line.discountTotal = 939;
  line.net = 958;
  line.pointsPayment = 100;
  line.toPay = 858;
  line.earnExcluded = true;
  line.eligibleNet = 0;
  engine::LineResult second = line;
  second.lineNo = 7;
  second.categories = {};
  second.discounts = {};
  second.earnExcluded = false;
  second.eligibleNet = 858;
  r.lines = {line, second};
  engine::AppliedRedeemable applied;
  applied.redeemableId = "free-coffee-reward";
  applied.campaignId = "spring-sale";
  applied.name = "Free coffee for 500 points";
  applied.kind = engine::RedeemableKind::reward;
  applied.code = "free-coffee-reward";
  applied.singleUse = true;
  applied.reinstateOnReturn = false;
  applied.validUntil = LocalDate{2027, 12, 31};
  applied.discount = 599;
  applied.pieces = {{3, 599}, {7, 0}};
  applied.unitsRewarded = 1;
  applied.pointsCurrency = "reward";
  applied.pointsCost = 500;
  applied.lotsUsed = {{"L-1", "reward", 300, LocalDate{2025, 11, 30}, LocalDate{2026, 11, 30}},
                      {"L-2", "reward", 200, LocalDate{2026, 1, 2}, std::nullopt}};
  engine::AppliedRedeemable voucher = applied;
  voucher.kind = engine::RedeemableKind::voucher;
  voucher.validUntil = std::nullopt;
  voucher.lotsUsed = {};
  r.applied = {applied, voucher};
  r.rejected = {{"GIFT-1234", "gift-3-off", "Gift voucher", true, engine::Reason::already_used, "Already used."},
                {"NOPE", "", "", true, engine::Reason::unknown_code, "Unknown code NOPE."}};
  engine::BurnResult burn;
  burn.applied = false;
  burn.currency = "reward";
  burn.points = 150;
  burn.value = 150;
  burn.pieces = {{3, 100}, {7, 50}};
  burn.lotsUsed = {{"L-3", "reward", 150, LocalDate{2026, 2, 1}, LocalDate{2027, 2, 1}}};
  burn.refusal = engine::Reason::offline_limit;
  burn.message = "Offline limit reached.";
  r.burn = burn;
  r.earned = {{"base-reward", "Points", "members-club", engine::EarnKind::multiplier, "reward", 12, 17, 858,
               {{3, 0}, {7, 858}}}};
  r.balances = {{"reward", 1000, 650, 12, 362}, {"qualifying", 10, 0, 8, 18}};
  r.gross = 3594;
  r.discountTotal = 1878;
  r.pointsPayment = 200;
  r.toPay = 1516;
  r.lotsAfter = {{"T07-000123:reward", "reward", 12, LocalDate{2026, 11, 22}, LocalDate{2027, 11, 22}},
                 {"L-9", "qualifying", 18, LocalDate{2026, 11, 22}, std::nullopt}};
  r.deficitsAfter = {{"reward", 5}};
  r.ruleUsageAdded = {{"social-share", engine::Period::week, LocalDate{2026, 11, 16}, 20},
                      {"x", engine::Period::lifetime, LocalDate{1, 1, 1}, 3}};
  r.redeemablesUsed = {"free-coffee-reward", "members-20"};
  r.campaignUsageAdded = {{"spring-sale", 1, 599, 3594}};
  r.vouchersConsumed = {"GIFT-1234"};
  return r;
}

engine::ReturnResult fullReturnResult() {
  engine::ReturnResult r;
  r.lines = {{3, 1, 286, 319}, {7, 2, 572, 638}};
  r.refund = 858;
  r.reversed = {{"base-reward", "reward", 12, 4, 8}};
  r.restored = {{"reward", engine::SourceKind::burn, "reward", 150, 50, 100},
                {"free-coffee-reward", engine::SourceKind::reward, "reward", 500, 0, 500}};
  r.reinstated = {{"GIFT-1234", "gift-3-off", "spring-sale", 300}};
  r.campaignUsageReleased = {{"spring-sale", 1, 300, 0}};
  r.redeemablesReleased = {"gift-3-off"};
  r.completesSale = true;
  r.negativeBalance = true;
  r.lotsAfter = {{"L-1", "reward", 300, LocalDate{2025, 11, 30}, LocalDate{2026, 11, 30}}};
  r.deficitsAfter = {{"reward", 8}};
  r.returnedAfter = {{3, 3}, {7, 3}};
  return r;
}

}  // namespace

TEST_CASE("a fully populated quote result survives a JSON round trip exactly", "[codec][quote]") {
  const engine::QuoteResult original = fullQuoteResult();
  const nlohmann::json json = codec::quoteResultToJson(original);
  const auto parsed = codec::quoteResultFromJson(json.dump());
  INFO((parsed.ok() ? std::string() : parsed.error().message));
  REQUIRE(parsed.ok());
  CHECK(same(*parsed, original));
  CHECK(codec::quoteResultToJson(*parsed) == json);
  // Pretty-printed text reads back the same.
  const auto pretty = codec::quoteResultFromJson(json.dump(2));
  REQUIRE(pretty.ok());
  CHECK(same(*pretty, original));
}

TEST_CASE("a quote result without member and burn round-trips with nulls", "[codec][quote]") {
  engine::QuoteResult original = fullQuoteResult();
  original.memberId.clear();
  original.burn.reset();
  const nlohmann::json json = codec::quoteResultToJson(original);
  CHECK(json.at("member").is_null());
  CHECK(json.at("burn").is_null());
  CHECK(json.at("applied").at(1).at("valid_until").is_null());
  CHECK(json.at("rejected").at(0).at("reason") == "already_used");
  CHECK(json.at("lines").at(0).at("discounts").at(2).at("kind") == "burn");
  const auto parsed = codec::quoteResultFromJson(json.dump());
  REQUIRE(parsed.ok());
  CHECK(same(*parsed, original));

  engine::BurnResult applied;
  applied.applied = true;
  original.burn = applied;  // no refusal: "refusal": null
  const auto again = codec::quoteResultFromJson(codec::quoteResultToJson(original).dump());
  REQUIRE(again.ok());
  CHECK(same(*again, original));
}

TEST_CASE("the equality used by the round trips notices every field", "[codec][quote]") {
  const engine::QuoteResult original = fullQuoteResult();
  engine::QuoteResult changed = original;
  changed.applied[0].lotsUsed[1].expiresOn = LocalDate{2030, 1, 1};
  CHECK_FALSE(same(changed, original));
  changed = original;
  changed.burn->refusal.reset();
  CHECK_FALSE(same(changed, original));
  changed = original;
  changed.lines[1].eligibleNet += 1;
  CHECK_FALSE(same(changed, original));
}

TEST_CASE("bad quote result documents are refused with a pointer", "[codec][quote]") {
  nlohmann::json json = codec::quoteResultToJson(fullQuoteResult());
  {
    auto broken = json;
    broken["rejected"][1]["reason"] = "no_such_reason";
    const auto parsed = codec::quoteResultFromJson(broken.dump());
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().reason == "invalid_value");
    CHECK(parsed.error().message.find("/rejected/1/reason") != std::string::npos);
  }
  {
    auto broken = json;
    broken["lines"][0].erase("to_pay");
    const auto parsed = codec::quoteResultFromJson(broken.dump());
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().reason == "missing_field");
    CHECK(parsed.error().code == ErrorCode::invalid_input);
    CHECK(parsed.error().message.find("/lines/0/to_pay") != std::string::npos);
  }
  {
    auto broken = json;
    broken["gross"] = 35.94;
    const auto parsed = codec::quoteResultFromJson(broken.dump());
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().reason == "wrong_type");
  }
  {
    auto broken = json;
    broken["extra"] = 1;
    CHECK(codec::quoteResultFromJson(broken.dump()).error().reason == "unknown_field");
  }
  const auto malformed = codec::quoteResultFromJson("{\"sale_id\":");
  REQUIRE_FALSE(malformed.ok());
  CHECK(malformed.error().code == ErrorCode::parse_error);
  CHECK(malformed.error().reason == "malformed_json");
  CHECK(codec::quoteResultFromJson(std::string(100'000, '{')).error().reason == "too_deep");
}

TEST_CASE("a fully populated return result survives a JSON round trip exactly", "[codec][return]") {
  const engine::ReturnResult original = fullReturnResult();
  const nlohmann::json json = codec::returnResultToJson(original);
  const auto parsed = codec::returnResultFromJson(json.dump());
  INFO((parsed.ok() ? std::string() : parsed.error().message));
  REQUIRE(parsed.ok());
  CHECK(same(*parsed, original));
  CHECK(codec::returnResultToJson(*parsed) == json);
  CHECK(json.at("restored").at(1).at("kind") == "reward");

  auto broken = json;
  broken.erase("completes_sale");
  const auto missing = codec::returnResultFromJson(broken.dump());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().reason == "missing_field");
}

TEST_CASE("return lines are parsed and checked", "[codec][return]") {
  const auto lines = codec::parseReturnLines(R"([{"line":1,"quantity":2},{"line":7,"quantity":1}])");
  REQUIRE(lines.ok());
  REQUIRE(lines->size() == 2);
  CHECK(lines->at(0).lineNo == 1);
  CHECK(lines->at(0).quantity == 2);
  CHECK(lines->at(1).lineNo == 7);
  CHECK(codec::parseReturnLines("[]").ok());

  const auto duplicate = codec::parseReturnLines(R"([{"line":1,"quantity":2},{"line":1,"quantity":1}])");
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.error().reason == "duplicate_line_number");
  CHECK(duplicate.error().message.find("/1/line") != std::string::npos);
  CHECK(codec::parseReturnLines(R"([{"line":1,"quantity":0}])").error().reason == "out_of_range");
  CHECK(codec::parseReturnLines(R"([{"line":1,"quantity":-2}])").error().reason == "out_of_range");
  CHECK(codec::parseReturnLines(R"([{"line":1,"quantity":1.5}])").error().reason == "wrong_type");
  CHECK(codec::parseReturnLines(R"([{"line":1}])").error().reason == "missing_field");
  CHECK(codec::parseReturnLines(R"([{"line":1,"quantity":1,"qty":1}])").error().reason == "unknown_field");
  CHECK(codec::parseReturnLines(R"({"line":1,"quantity":1})").error().reason == "wrong_type");
  CHECK(codec::parseReturnLines("[{").error().reason == "malformed_json");
}
