// Bad input never crashes the codecs and every issue points at a real place: seeded
// mutations of the example documents (values of every type at every position, cut and
// corrupted text).
#include <catch2/catch.hpp>

#include <random>

#include "codec/basket_codec.h"
#include "codec/bundle_loader.h"
#include "codec/json_reader.h"
#include "codec/member_codec.h"
#include "codec/quote_codec.h"
#include "codec_test_support.h"

using namespace loyalty;
using nlohmann::json;

namespace {

const std::vector<json> kOddValues = {nullptr, -1, json::parse("1.5"), "x", json::array(), json::object(),
                                      json::parse("1e30"), true, json::parse("18446744073709551615")};

// Every pointer of a value in the document (objects and arrays included).
void collectPointers(const json& value, const std::string& pointer, std::vector<std::string>& out) {
  out.push_back(pointer);
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) collectPointers(child, pointer + "/" + codec::escapePointerToken(key), out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) collectPointers(value[i], pointer + "/" + std::to_string(i), out);
  }
}

}  // namespace

TEST_CASE("every value of the example bundle replaced by an odd value is handled", "[codec][robust]") {
  const json example = codec_test::exampleBundle();
  std::vector<std::string> pointers;
  collectPointers(example, "", pointers);
  REQUIRE(pointers.size() > 300);
  std::size_t rejected = 0;
  for (std::size_t p = 1; p < pointers.size(); ++p) {  // skip the root
    for (const json& odd : kOddValues) {
      json document = example;
      document[json::json_pointer(pointers[p])] = odd;
      const auto result = codec::loadBundle(document.dump());
      if (result.ok()) {
        CHECK(result.issues.empty());
        continue;
      }
      ++rejected;
      REQUIRE_FALSE(result.issues.empty());
      for (const auto& issue : result.issues) {
        INFO(pointers[p] << " = " << odd.dump() << " -> " << issue.pointer << " " << issue.reason);
        CHECK_FALSE(issue.message.empty());
        if (issue.reason != "missing_field") CHECK(document.contains(json::json_pointer(issue.pointer)));
      }
    }
  }
  CHECK(rejected > pointers.size() * 4);
}

TEST_CASE("cut and corrupted bundle text never crashes the loader", "[codec][robust]") {
  const std::string text = codec_test::exampleBundleText();
  std::mt19937_64 random(20261122);
  for (int i = 0; i < 1500; ++i) {
    std::string mutated = text;
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    switch (i % 3) {
      case 0:
        mutated.resize(pick(mutated.size()));
        break;
      case 1:
        for (int k = 0; k < 4; ++k) mutated[pick(mutated.size())] = static_cast<char>(random() % 256);
        break;
      default:
        mutated.insert(pick(mutated.size()), std::string(1 + pick(80), "[{\"]}:,"[pick(7)]));
        break;
    }
    const auto result = codec::loadBundle(mutated);
    CHECK(result.ok() != !result.issues.empty());
  }
}

TEST_CASE("odd values in members, baskets and quote results are refused, not crashed on", "[codec][robust]") {
  const json member = json::parse(R"({"id":"m","program":"p","segments":["a"],"attributes":{"k":"v"},
    "lots":[{"id":"l","currency":"c","points":5,"earned_on":"2026-01-01","expires_on":null}],
    "rule_usage":[{"rule":"r","period":"day","period_start":"2026-01-01","points":1}],
    "vouchers":[{"code":"C","redeemable":"r","valid_until":"2026-12-31"}]})");
  const json basket = json::parse(R"({"store":"s","lines":[{"line":1,"sku":"a","categories":["c"],"quantity":2,"unit_price":100}]})");
  engine::QuoteResult quote;
  quote.lines.push_back(engine::LineResult{});
  quote.lines[0].discounts.push_back({"x", engine::SourceKind::burn, 1});
  quote.burn = engine::BurnResult{};
  quote.burn->refusal = engine::Reason::burn_limit;
  const json quoteJson = codec::quoteResultToJson(quote);

  for (const json* document : {&member, &basket, &quoteJson}) {
    std::vector<std::string> pointers;
    collectPointers(*document, "", pointers);
    for (std::size_t p = 1; p < pointers.size(); ++p) {
      for (const json& odd : kOddValues) {
        json mutated = *document;
        mutated[json::json_pointer(pointers[p])] = odd;
        const std::string text = mutated.dump();
        std::string error;
        if (document == &member) {
          const auto r = codec::parseMember(text);
          if (!r.ok()) error = r.error().message;
        } else if (document == &basket) {
          const auto r = codec::parseBasket(text);
          if (!r.ok()) error = r.error().message;
        } else {
          const auto r = codec::quoteResultFromJson(text);
          if (!r.ok()) error = r.error().message;
        }
        if (!error.empty()) CHECK(error.rfind("At ", 0) == 0);
      }
    }
  }
}
