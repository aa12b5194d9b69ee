#include <catch2/catch.hpp>

#include <filesystem>

#include "codec/basket_codec.h"
#include "codec/bundle_loader.h"
#include "codec/context_codec.h"
#include "codec/member_codec.h"
#include "codec/quote_codec.h"
#include "codec/return_codec.h"
#include "codec_equality.h"
#include "codec_test_support.h"
#include "engine/pricing_engine.h"

using namespace loyalty;
using codec_test::readText;
using codec_test::same;
namespace fs = std::filesystem;

namespace {

const std::string kExamples = std::string(LOYALTY_SOURCE_DIR) + "/config/examples";

std::vector<std::string> jsonFiles(const std::string& folder) {
  std::vector<std::string> files;
  if (!fs::exists(kExamples + "/" + folder)) return files;
  for (const auto& entry : fs::directory_iterator(kExamples + "/" + folder)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

engine::QuoteTime mondayEvening() {
  // Monday 2026-11-23, 17:30 in Berlin (16:30 UTC): Monday double and happy hour apply.
  return engine::QuoteTime{1795451400, engine::LocalDate{2026, 11, 23}, 17 * 3600 + 30 * 60};
}

}  // namespace

TEST_CASE("every example member, basket and context parses and round-trips", "[codec][examples]") {
  for (const auto& file : jsonFiles("members")) {
    INFO(file);
    const auto member = codec::parseMember(readText(file));
    REQUIRE(member.ok());
    const auto again = codec::parseMember(codec::memberToJson(*member).dump());
    REQUIRE(again.ok());
    CHECK(same(*again, *member));
  }
  for (const auto& file : jsonFiles("baskets")) {
    INFO(file);
    const auto basket = codec::parseBasket(readText(file));
    REQUIRE(basket.ok());
    const auto again = codec::parseBasket(codec::basketToJson(*basket).dump());
    REQUIRE(again.ok());
    CHECK(same(*again, *basket));
  }
  for (const auto& file : jsonFiles("contexts")) {
    INFO(file);
    CHECK(codec::parseQuoteContext(readText(file)).ok());
  }
}

TEST_CASE("a priced example quote and its return round-trip through JSON", "[codec][examples]") {
  const auto load = codec::loadBundle(codec_test::exampleBundleText());
  REQUIRE(load.ok());
  const engine::PricingEngine engine(*load.bundle);

  engine::QuoteRequest request;
  request.saleId = "sale-2026-11-23-berlin-01-0001";
  request.basket.storeId = "berlin-01";
  request.basket.lines = {{1, "espresso-beans-1kg", {"coffee"}, 3, 1499},
                          {2, "coffee-house-blend-500g", {"coffee"}, 1, 899},
                          {3, "cigarettes-20", {"tobacco"}, 1, 850},
                          {4, "pretzel", {"bakery"}, 4, 89}};
  engine::MemberView member;
  member.id = "m-vip";
  member.programId = "demo-de";
  member.tier = "silver";
  member.segments = {"vip"};
  member.attributes = {{"country", "DE"}};
  member.lots = {{"old", "reward", 2000, engine::LocalDate{2026, 1, 10}, engine::LocalDate{2027, 1, 10}}};
  request.member = member;
  request.redeem = {{"MEMBER20", 1}, {"GIFT-1234", 1}, {"free-coffee-reward", 1}, {"NO-SUCH-CODE", 1}};
  request.burn = {engine::BurnMode::exact, 300};
  request.context.time = mondayEvening();

  const auto quote = engine.quote(request);
  INFO((quote.ok() ? std::string() : quote.error().message));
  REQUIRE(quote.ok());
  CHECK_FALSE(quote->applied.empty());
  CHECK_FALSE(quote->rejected.empty());
  CHECK_FALSE(quote->earned.empty());
  CHECK(quote->bundleHash == load.bundle->hash);

  const nlohmann::json json = codec::quoteResultToJson(*quote);
  const auto parsed = codec::quoteResultFromJson(json.dump(2));
  INFO((parsed.ok() ? std::string() : parsed.error().message));
  REQUIRE(parsed.ok());
  CHECK(same(*parsed, *quote));

  // A full return computed from the parsed sale, and its own round trip.
  engine::ReturnRequest returnRequest;
  for (const auto& line : parsed->lines) returnRequest.lines.push_back({line.lineNo, line.quantity});
  engine::MemberView after = member;
  after.lots = parsed->lotsAfter;
  after.deficits = parsed->deficitsAfter;
  returnRequest.member = after;
  returnRequest.time = mondayEvening();
  const auto returned = engine.computeReturn(*parsed, returnRequest);
  INFO((returned.ok() ? std::string() : returned.error().message));
  REQUIRE(returned.ok());
  CHECK(returned->completesSale);
  const auto returnParsed = codec::returnResultFromJson(codec::returnResultToJson(*returned).dump());
  REQUIRE(returnParsed.ok());
  CHECK(same(*returnParsed, *returned));
}
