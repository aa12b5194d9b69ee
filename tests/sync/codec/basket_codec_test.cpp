#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "codec/basket_codec.h"
#include "codec/json_document.h"
#include "codec_equality.h"
#include "engine/money.h"

using namespace loyalty;
using codec_test::same;

namespace {

std::string basketWithLine(const std::string& line) {
  return R"({"store":"berlin-01","lines":[)" + line + "]}";
}

void reject(const std::string& text, const std::string& reason, const std::string& pointer) {
  const auto basket = codec::parseBasket(text);
  INFO(text.substr(0, 300));
  REQUIRE_FALSE(basket.ok());
  CHECK(basket.error().reason == reason);
  CHECK(basket.error().message.find(pointer) != std::string::npos);
}

}  // namespace

TEST_CASE("a basket is parsed in file order", "[codec][basket]") {
  const auto basket = codec::parseBasket(R"({
    "store": "berlin-01",
    "lines": [
      {"line": 2, "sku": "coffee-house-blend-500g", "categories": ["coffee"], "quantity": 3, "unit_price": 599},
      {"line": 1, "sku": "cigarettes-20", "categories": ["tobacco"], "quantity": 1, "unit_price": 850},
      {"line": 5, "sku": "pretzel", "quantity": 4, "unit_price": 0}
    ]})");
  INFO((basket.ok() ? std::string() : basket.error().message));
  REQUIRE(basket.ok());
  CHECK(basket->storeId == "berlin-01");
  REQUIRE(basket->lines.size() == 3);
  CHECK(basket->lines[0].lineNo == 2);
  CHECK(basket->lines[0].categories == std::vector<std::string>{"coffee"});
  CHECK(basket->lines[0].quantity == 3);
  CHECK(basket->lines[0].unitPrice == 599);
  CHECK(basket->lines[2].categories.empty());
  CHECK(basket->lines[2].unitPrice == 0);

  const auto again = codec::parseBasket(codec::basketToJson(*basket).dump());
  REQUIRE(again.ok());
  CHECK(same(*again, *basket));
}

TEST_CASE("bad baskets are refused with a reason and a pointer", "[codec][basket]") {
  reject(R"({"store":"berlin-01","lines":[{"line":1,"sku":"a","quantity":1,"unit_price":1},)"
         R"({"line":2,"sku":"b","quantity":1,"unit_price":1},{"line":1,"sku":"c","quantity":1,"unit_price":1}]})",
         "duplicate_line_number", "/lines/2/line");
  reject(basketWithLine(R"({"line":1,"sku":"a","quantity":0,"unit_price":100})"), "out_of_range", "/lines/0/quantity");
  reject(basketWithLine(R"({"line":1,"sku":"a","quantity":-2,"unit_price":100})"), "out_of_range", "/lines/0/quantity");
  reject(basketWithLine(R"({"line":1,"sku":"a","quantity":1,"unit_price":-1})"), "out_of_range", "/lines/0/unit_price");
  reject(basketWithLine(R"({"line":1,"sku":"a","quantity":1.5,"unit_price":100})"), "wrong_type", "/lines/0/quantity");
  reject(basketWithLine(R"({"line":1,"sku":"a","quantity":1,"unit_price":9.99})"), "wrong_type", "/lines/0/unit_price");
  reject(basketWithLine(R"({"line":1,"sku":"a","quantity":1,"unit_price":1e30})"), "wrong_type", "/lines/0/unit_price");
  reject(basketWithLine(R"({"line":1,"sku":"a","quantity":1,"unit_price":18446744073709551616})"), "wrong_type",
         "/lines/0/unit_price");
  reject(basketWithLine(R"({"line":1,"sku":"a","quantity":1,"unit_price":9223372036854775807})"), "out_of_range",
         "/lines/0/unit_price");
  reject(basketWithLine(R"({"line":1,"sku":"a","quantity":1,"unit_price":"100"})"), "wrong_type", "/lines/0/unit_price");
  reject(basketWithLine(R"({"line":1,"sku":"","quantity":1,"unit_price":100})"), "empty_value", "/lines/0/sku");
  reject(basketWithLine(R"({"line":1,"sku":"a","quantity":1,"unit_price":100,"price":1})"), "unknown_field",
         "/lines/0/price");
  reject(basketWithLine(R"({"line":1,"sku":"a","quantity":1})"), "missing_field", "/lines/0/unit_price");
  reject(R"({"lines":[]})", "missing_field", "/store");
  reject(R"({"store":"berlin-01","lines":{}})", "wrong_type", "/lines");
  reject(R"({"store":"berlin-01","lines":[})", "malformed_json", "the document");
}

TEST_CASE("amounts that would overflow are refused as overflow", "[codec][basket]") {
  // quantity x price beyond 64 bits.
  const auto big = codec::parseBasket(basketWithLine(
      R"({"line":1,"sku":"a","quantity":1000000000,"unit_price":1000000000000000})"));
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().code == ErrorCode::overflow);
  CHECK(big.error().reason == "overflow");
  CHECK(big.error().message.find("/lines/0") != std::string::npos);
  // A line total just above kMaxAmount.
  reject(basketWithLine(R"({"line":1,"sku":"a","quantity":3,"unit_price":333333333333334})"), "overflow", "/lines/0");
  CHECK(codec::parseBasket(basketWithLine(R"({"line":1,"sku":"a","quantity":2,"unit_price":500000000000000})")).ok());
  // Each line fits, the basket total does not.
  reject(R"({"store":"s","lines":[{"line":1,"sku":"a","quantity":1,"unit_price":600000000000000},)"
         R"({"line":2,"sku":"b","quantity":1,"unit_price":600000000000000}]})",
         "overflow", "/lines/1");
}

TEST_CASE("a basket of 100,000 lines parses quickly", "[codec][basket]") {
  std::string text = R"({"store":"berlin-01","lines":[)";
  constexpr int kLines = 100'000;
  for (int i = 0; i < kLines; ++i) {
    if (i > 0) text += ',';
    // Line numbers descending, so any order-dependent check would be exercised.
    text += R"({"line":)" + std::to_string(kLines - i) + R"(,"sku":"sku-)" + std::to_string(i % 977) +
            R"(","categories":["grocery"],"quantity":)" + std::to_string(1 + i % 5) + R"(,"unit_price":)" +
            std::to_string(99 + i % 1000) + "}";
  }
  text += "]}";
  // Baseline: nlohmann's own parse of the same text, under the same build and load.
  const auto baselineStart = std::chrono::steady_clock::now();
  const auto plain = nlohmann::json::parse(text);
  const auto baseline = std::chrono::steady_clock::now() - baselineStart;
  REQUIRE(plain["lines"].size() == kLines);
  const auto start = std::chrono::steady_clock::now();
  const auto basket = codec::parseBasket(text);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(basket.ok());
  CHECK(basket->lines.size() == kLines);
  CHECK(basket->lines.front().lineNo == kLines);
  CHECK(basket->lines.back().lineNo == 1);
  // Linear: a few times the plain parse (about 4x in a release build). A quadratic check
  // would be hundreds of times slower. The absolute bound covers slow sanitizer builds.
  INFO("parseBasket " << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms, plain parse "
                      << std::chrono::duration_cast<std::chrono::milliseconds>(baseline).count() << " ms");
  CHECK((elapsed < std::chrono::seconds(5) || elapsed < 40 * baseline));

  // The same basket with one duplicate at the end is refused.
  const std::string duplicate = text.substr(0, text.size() - 2) +
                                R"(,{"line":50000,"sku":"x","quantity":1,"unit_price":1}]})";
  const auto refused = codec::parseBasket(duplicate);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().reason == "duplicate_line_number");
  CHECK(refused.error().message.find("/lines/100000/line") != std::string::npos);
}

TEST_CASE("basket lines read in place from a larger document get the basket's checks", "[codec][basket]") {
  // What the local API does with a sale: its lines beside fields of its own.
  const auto read = [](const std::string& text) {
    codec::Issues issues;
    auto document = codec::parseDocument(text, issues);
    REQUIRE(document.has_value());
    codec::ObjectReader reader(*document, "", issues);
    auto lines = codec::readBasketLines(reader);
    reader.string("member_id");
    reader.finish();
    return std::make_pair(std::move(lines), issues.take());
  };
  const std::string line1 = R"({"line":1,"sku":"a","categories":["coffee"],"quantity":2,"unit_price":599})";
  const std::string line2 = R"({"line":2,"sku":"b","quantity":1,"unit_price":100})";

  auto [lines, issues] = read(R"({"member_id":"m-1","lines":[)" + line1 + "," + line2 + "]}");
  CHECK(issues.empty());
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].sku == "a");
  CHECK(lines[0].categories == std::vector<std::string>{"coffee"});
  CHECK(lines[1].unitPrice == 100);
  // The same document as a basket gives the same lines.
  const auto basket = codec::parseBasket(R"({"store":"s","lines":[)" + line1 + "," + line2 + "]}");
  REQUIRE(basket.ok());
  CHECK(same(basket->lines, lines));

  const auto firstProblem = [&](const std::string& linesJson) {
    auto [ignored, found] = read(R"({"member_id":"m-1","lines":)" + linesJson + "}");
    REQUIRE_FALSE(found.empty());
    return found.front();
  };
  CHECK(firstProblem("[" + line1 + "," + line1 + "]").reason == "duplicate_line_number");
  CHECK(firstProblem("[" + line1 + "," + line1 + "]").pointer == "/lines/1/line");
  const auto huge = firstProblem(R"([{"line":1,"sku":"a","quantity":1000000,"unit_price":900000000000000}])");
  CHECK(huge.reason == "overflow");
  CHECK(huge.pointer == "/lines/0");
  CHECK(firstProblem(R"([{"line":1,"sku":"a","quantity":0,"unit_price":1}])").pointer == "/lines/0/quantity");
  CHECK(firstProblem(R"("not a list")").pointer == "/lines");
  auto [none, missing] = read(R"({"member_id":"m-1"})");
  REQUIRE_FALSE(missing.empty());
  CHECK(missing.front().pointer == "/lines");
}
