#include <catch2/catch.hpp>

#include "codec/context_codec.h"
#include "codec_equality.h"

using namespace loyalty;
using codec_test::same;

TEST_CASE("a quote context is parsed with every field", "[codec][context]") {
  const auto context = codec::parseQuoteContext(R"({
    "campaign_usage": [{"campaign": "welcome500", "redemptions": 499, "discount_total": 249500,
                        "order_value_total": 1500000},
                       {"campaign": "spring-sale", "discount_total": 2999000}],
    "disabled_campaigns": ["members-club"],
    "used_voucher_codes": ["GIFT-1234"],
    "offline_burn_allowance": 1500,
    "snapshot_stale": true
  })");
  INFO((context.ok() ? std::string() : context.error().message));
  REQUIRE(context.ok());
  REQUIRE(context->campaignUsage.size() == 2);
  CHECK(context->campaignUsage[0].redemptions == 499);
  CHECK(context->campaignUsage[0].orderValueTotal == 1500000);
  CHECK(context->campaignUsage[1].redemptions == 0);
  CHECK(context->campaignUsage[1].discountTotal == 2999000);
  CHECK(context->disabledCampaigns == std::vector<std::string>{"members-club"});
  CHECK(context->usedVoucherCodes == std::vector<std::string>{"GIFT-1234"});
  CHECK(context->offlineBurnAllowance == 1500);
  CHECK(context->snapshotStale);

  const auto again = codec::parseQuoteContext(codec::quoteContextToJson(*context).dump());
  REQUIRE(again.ok());
  CHECK(same(again->campaignUsage, context->campaignUsage));
  CHECK(again->disabledCampaigns == context->disabledCampaigns);
  CHECK(again->usedVoucherCodes == context->usedVoucherCodes);
  CHECK(again->offlineBurnAllowance == context->offlineBurnAllowance);
  CHECK(again->snapshotStale == context->snapshotStale);
}

TEST_CASE("an empty quote context means no counters and no bounds", "[codec][context]") {
  const auto context = codec::parseQuoteContext("{}");
  REQUIRE(context.ok());
  CHECK(context->campaignUsage.empty());
  CHECK_FALSE(context->offlineBurnAllowance.has_value());
  CHECK_FALSE(context->snapshotStale);
  const auto nullAllowance = codec::parseQuoteContext(R"({"offline_burn_allowance": null})");
  REQUIRE(nullAllowance.ok());
  CHECK_FALSE(nullAllowance->offlineBurnAllowance.has_value());
}

TEST_CASE("bad quote contexts are refused", "[codec][context]") {
  const auto reason = [](const char* text) { return codec::parseQuoteContext(text).error().reason; };
  CHECK(reason(R"({"offline_burn_allowance": -1})") == "out_of_range");
  CHECK(reason(R"({"offline_burn_allowance": 10.5})") == "wrong_type");
  CHECK(reason(R"({"snapshot_stale": "yes"})") == "wrong_type");
  CHECK(reason(R"({"time": "2026-11-22T10:00:00Z"})") == "unknown_field");
  CHECK(reason(R"({"campaign_usage": [{"redemptions": 1}]})") == "missing_field");
  CHECK(reason(R"({"campaign_usage": [{"campaign": "a"}, {"campaign": "a"}]})") == "duplicate_id");
  CHECK(reason(R"({"campaign_usage": [{"campaign": "a", "redemptions": -1}]})") == "out_of_range");
  CHECK(reason(R"({"disabled_campaigns": "spring-sale"})") == "wrong_type");
  CHECK(reason("{") == "malformed_json");
}
