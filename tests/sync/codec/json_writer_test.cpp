// The streaming writer must print exactly what nlohmann's dump() prints (stored ledger
// payloads and API answers did not change when it replaced the document trees): the same
// escaping, the same key order, the same numbers. Checked byte for byte against dump(),
// for every ASCII byte and for seeded quote results and payloads of the real engine.
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "codec/json_writer.h"
#include "codec/ledger_payload_codec.h"
#include "codec/quote_codec.h"
#include "codec/value_codec.h"
#include "engine/member_delta.h"
#include "engine/pricing_engine.h"
#include "random_bundle.h"

namespace {

using loyalty::codec::JsonWriter;
using nlohmann::json;

std::string written(const std::string& text) {
  std::string out;
  JsonWriter(out).value(text);
  return out;
}

template <typename T, typename F>
std::string writtenWith(const T& value, F write) {
  std::string out;
  JsonWriter writer(out);
  write(writer, value);
  return out;
}

}  // namespace

TEST_CASE("json writer: strings are escaped as dump() escapes them", "[codec][json_writer]") {
  for (int byte = 0; byte < 0x80; ++byte) {
    const std::string text = "a" + std::string(1, static_cast<char>(byte)) + "z";
    INFO("byte " << byte);
    CHECK(written(text) == json(text).dump());
  }
  for (const std::string text : {"", "Jürgen D.", "café €5 😀", "tab\tquote\"back\\slash/", "\x7f"}) {
    CHECK(written(text) == json(text).dump());
  }
}

TEST_CASE("json writer: bytes that are not UTF-8 become U+FFFD instead of throwing", "[codec][json_writer]") {
  CHECK(written("a\xff" "b") == "\"a\xEF\xBF\xBD" "b\"");
  CHECK(written("\xC3") == "\"\xEF\xBF\xBD\"");                  // cut short
  CHECK(written("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong '/'
  CHECK(written("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a surrogate
  CHECK(json::parse(written("\xF4\x90\x80\x80")).get<std::string>().size() == 12);  // past U+10FFFF
}

TEST_CASE("json writer: structure, numbers and the key order it enforces", "[codec][json_writer]") {
  std::string out;
  JsonWriter w(out);
  w.beginObject().member("a", std::int64_t{-9223372036854775807 - 1}).member("b", true).key("c").null();
  w.key("d").beginArray().value(1).value("x").beginObject().endObject().beginArray().endArray().endArray();
  w.member("e", std::uint64_t{18446744073709551615U}).endObject();
  CHECK(out == R"({"a":-9223372036854775808,"b":true,"c":null,"d":[1,"x",{},[]],"e":18446744073709551615})");
  CHECK(out == json::parse(out).dump());

  std::string bad;
  JsonWriter unordered(bad);
  unordered.beginObject().member("b", 1);
  CHECK_THROWS_AS(unordered.key("a"), std::logic_error);
  CHECK_THROWS_AS(unordered.key("b"), std::logic_error);  // a repeated key
  std::string keyless;
  JsonWriter noKey(keyless);
  noKey.beginObject();
  CHECK_THROWS_AS(noKey.value(1), std::logic_error);
  CHECK_THROWS_AS(noKey.endArray(), std::logic_error);
}

TEST_CASE("json writer: quote results and ledger payloads print as dump() prints their trees (500 seeded quotes)",
          "[codec][json_writer]") {
  loyalty::testing::RandomInputs random(20261122);
  int checked = 0;
  for (int i = 0; i < 500; ++i) {
    loyalty::testing::RandomBundleShape shape;
    const loyalty::engine::Bundle bundle = random.bundle(shape);
    const loyalty::engine::PricingEngine engine(bundle);
    const auto request = random.request(bundle, shape, loyalty::testing::RandomBasketShape{}, i % 4 != 0);
    const auto result = engine.quote(request);
    if (!result) continue;
    INFO("case " << i);
    const std::string text = loyalty::codec::quoteResultText(*result);
    // Parsing and printing again sorts the keys and re-escapes: nothing may move.
    REQUIRE(text == json::parse(text).dump());
    auto back = loyalty::codec::quoteResultFromJson(text);
    REQUIRE(back.ok());
    REQUIRE(loyalty::codec::quoteResultText(back.value()) == text);

    for (const auto& lot : result->lotsAfter) {
      REQUIRE(writtenWith(lot, loyalty::codec::writeLot) == loyalty::codec::lotToJson(lot).dump());
    }
    for (const auto& deficit : result->deficitsAfter) {
      REQUIRE(writtenWith(deficit, loyalty::codec::writeDeficit) == loyalty::codec::deficitToJson(deficit).dump());
    }
    for (const auto& usage : result->ruleUsageAdded) {
      REQUIRE(writtenWith(usage, loyalty::codec::writeRuleUsage) == loyalty::codec::ruleUsageToJson(usage).dump());
    }
    for (const auto& usage : result->campaignUsageAdded) {
      REQUIRE(writtenWith(usage, loyalty::codec::writeCampaignUsage) ==
              loyalty::codec::campaignUsageToJson(usage).dump());
    }

    loyalty::codec::EntryPayload payload;
    payload.posSaleId = "sale-" + std::to_string(i);
    payload.campaignDelta = result->campaignUsageAdded;
    payload.codesUsed = result->vouchersConsumed;
    if (request.member) {
      loyalty::engine::diffBalances(*request.member, result->lotsAfter, result->deficitsAfter, payload.memberDelta);
    }
    payload.memberDelta.ruleUsageAdded = result->ruleUsageAdded;
    payload.memberDelta.redeemablesUsed = result->redeemablesUsed;
    payload.detail = json{{"sale", json{{"result", json::parse(text)}}}};
    const std::string payloadText = loyalty::codec::entryPayloadToText(payload);
    REQUIRE(payloadText == json::parse(payloadText).dump());
    REQUIRE(loyalty::codec::entryPayloadToText(payload, payload.detail.dump()) == payloadText);
    auto payloadBack = loyalty::codec::parseEntryPayload(payloadText);
    REQUIRE(payloadBack.ok());
    REQUIRE(loyalty::codec::entryPayloadToText(payloadBack.value()) == payloadText);
    ++checked;
  }
  CHECK(checked > 400);
}
