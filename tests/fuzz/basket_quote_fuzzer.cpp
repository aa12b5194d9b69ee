// Any bytes as a basket priced with the example bundle and member: an error or a result
// whose totals add up and which survives the JSON round trip unchanged.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "codec/basket_codec.h"
#include "codec/bundle_loader.h"
#include "codec/member_codec.h"
#include "codec/quote_codec.h"
#include "engine/pricing_engine.h"

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Fixture {
  loyalty::engine::PricingEngine engine;
  loyalty::engine::MemberView member;
};

Fixture load() {
  const std::string root = LOYALTY_SOURCE_DIR "/config/examples/";
  auto bundle = loyalty::codec::loadBundle(readFile(root + "bundle.json"));
  auto member = loyalty::codec::parseMember(readFile(root + "members/gold-de.json"));
  if (!bundle.ok() || !member) __builtin_trap();
  return Fixture{loyalty::engine::PricingEngine(std::move(*bundle.bundle)), std::move(member).value()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Fixture fixture = load();  // fuzzer harness state, built once
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto basket = loyalty::codec::parseBasket(text);
  if (!basket) return 0;
  loyalty::engine::QuoteRequest request;
  request.saleId = "fuzz";
  request.basket = std::move(basket).value();
  request.member = fixture.member;
  request.redeem = {{"MEMBER20", 1}, {"free-coffee-reward", 2}};
  request.burn.mode = loyalty::engine::BurnMode::max;
  request.context.time.localDate = {2026, 11, 23};
  request.context.time.localSecondOfDay = 17 * 3600 + 1800;
  request.context.time.epochSeconds = 1795451400;
  auto result = fixture.engine.quote(request);
  if (!result) return 0;
  if (result->toPay < 0 || result->gross - result->discountTotal - result->pointsPayment != result->toPay) {
    __builtin_trap();
  }
  const std::string json = loyalty::codec::quoteResultToJson(*result).dump();
  auto back = loyalty::codec::quoteResultFromJson(json);
  if (!back || !(back.value() == *result)) __builtin_trap();
  return 0;
}
