#include <catch2/catch.hpp>

#include <string>

#include "codec/bundle_loader.h"
#include "codec_test_support.h"
#include "engine/money.h"

using codec_test::describe;
using codec_test::exampleBundle;
using codec_test::hasIssue;
using codec_test::load;
using codec_test::rejectsWith;
using nlohmann::json;
using namespace loyalty;

namespace {

// Sets the value at a JSON pointer of a copy of the example bundle.
json withValue(const std::string& pointer, const json& value) {
  json document = exampleBundle();
  document[json::json_pointer(pointer)] = value;
  return document;
}

json without(const std::string& pointer) {
  json document = exampleBundle();
  const json::json_pointer path(pointer);
  document[path.parent_pointer()].erase(path.back());
  return document;
}

// Replaces a value in the example's text (to write numbers nlohmann would not produce).
std::string withRawValue(const std::string& pointer, const std::string& rawValue) {
  json document = withValue(pointer, "@@RAW@@");
  std::string text = document.dump();
  const auto at = text.find("\"@@RAW@@\"");
  text.replace(at, 9, rawValue);
  return text;
}

bool rawRejectsWith(const std::string& text, const std::string& pointer, const std::string& reason) {
  const auto result = codec::loadBundle(text);
  INFO(describe(result));
  return !result.ok() && hasIssue(result, pointer, reason);
}

const std::string kDe = "/programs/0";

}  // namespace

TEST_CASE("malformed bundle text is rejected as a whole", "[codec][bundle][reject]") {
  for (const std::string text : {"", "{", "[1,2]", "{\"format\":1,}", "null", "\"bundle\""}) {
    const auto result = codec::loadBundle(text);
    CHECK_FALSE(result.ok());
    REQUIRE_FALSE(result.issues.empty());
  }
  CHECK(codec::loadBundle("{").issues[0].reason == "malformed_json");
  CHECK(codec::loadBundle("[1,2]").issues[0].reason == "wrong_type");
}

TEST_CASE("a deeply nested bundle is refused before parsing", "[codec][bundle][reject]") {
  const auto result = codec::loadBundle(std::string(100'000, '['));
  REQUIRE(result.issues.size() == 1);
  CHECK(result.issues[0].reason == "too_deep");
  const auto objects = codec::loadBundle(R"({"programs":)" + std::string(70, '[') + std::string(70, ']') + "}");
  CHECK(objects.issues[0].reason == "too_deep");
}

TEST_CASE("unknown fields are rejected at every depth", "[codec][bundle][reject]") {
  CHECK(rejectsWith(withValue("/verison", 2), "/verison", "unknown_field"));
  CHECK(rejectsWith(withValue(kDe + "/tierz", json::array()), kDe + "/tierz", "unknown_field"));
  CHECK(rejectsWith(withValue(kDe + "/tiers/0/earn_rate/pre", 1), kDe + "/tiers/0/earn_rate/pre", "unknown_field"));
  CHECK(rejectsWith(withValue(kDe + "/redeemables/0/effect/percnt", 1), kDe + "/redeemables/0/effect/percnt",
                    "unknown_field"));
  CHECK(rejectsWith(withValue(kDe + "/earning_rules/4/conditions/min_amout", 1),
                    kDe + "/earning_rules/4/conditions/min_amout", "unknown_field"));
  CHECK(rejectsWith(withValue("/stores/0/timezone", "Europe/Berlin"), "/stores/0/timezone", "unknown_field"));
  CHECK(rejectsWith(withValue("/terminal/offline_limit", 5), "/terminal/offline_limit", "unknown_field"));
  CHECK(rejectsWith(withValue(kDe + "/earning_rules/3/conditions/schedule/times/0/stop", "19:00"),
                    kDe + "/earning_rules/3/conditions/schedule/times/0/stop", "unknown_field"));
  // A key with "/" and "~" is escaped in the pointer.
  json odd = exampleBundle();
  odd["a~b/c"] = 1;
  CHECK(rejectsWith(odd, "/a~0b~1c", "unknown_field"));
}

TEST_CASE("fields that do not apply to the kind are rejected", "[codec][bundle][reject]") {
  CHECK(rejectsWith(withValue(kDe + "/redeemables/2/effect/percent", 10), kDe + "/redeemables/2/effect/percent",
                    "not_applicable"));
  CHECK(rejectsWith(withValue(kDe + "/earning_rules/0/multiplier", 2), kDe + "/earning_rules/0/multiplier",
                    "not_applicable"));
  CHECK(rejectsWith(withValue(kDe + "/redeemables/0/points_cost", 5), kDe + "/redeemables/0/points_cost",
                    "not_applicable"));
  CHECK(rejectsWith(withValue(kDe + "/earning_rules/0/event", "x"), kDe + "/earning_rules/0/event", "not_applicable"));
  // An invalid kind is reported once, without a cascade about the kind's fields.
  const auto result = load(withValue(kDe + "/redeemables/0/effect/kind", "percentage_off"));
  REQUIRE(result.issues.size() == 1);
  CHECK(result.issues[0].pointer == kDe + "/redeemables/0/effect/kind");
  CHECK(result.issues[0].reason == "invalid_value");
}

TEST_CASE("wrong types are rejected", "[codec][bundle][reject]") {
  CHECK(rejectsWith(withValue("/version", "1"), "/version", "wrong_type"));
  CHECK(rejectsWith(withValue(kDe + "/tiers/1/threshold", "1000"), kDe + "/tiers/1/threshold", "wrong_type"));
  CHECK(rejectsWith(withValue(kDe + "/tiers", json::object()), kDe + "/tiers", "wrong_type"));
  CHECK(rejectsWith(withValue(kDe + "/excluded_categories", "tobacco"), kDe + "/excluded_categories", "wrong_type"));
  CHECK(rejectsWith(withValue(kDe + "/campaigns/0/disabled", "yes"), kDe + "/campaigns/0/disabled", "wrong_type"));
  CHECK(rejectsWith(withValue("/stores/0", "berlin-01"), "/stores/0", "wrong_type"));
}

TEST_CASE("missing required fields are rejected", "[codec][bundle][reject]") {
  CHECK(rejectsWith(without("/terminal"), "/terminal", "missing_field"));
  CHECK(rejectsWith(without("/programs"), "/programs", "missing_field"));
  CHECK(rejectsWith(without(kDe + "/brand"), kDe + "/brand", "missing_field"));
  CHECK(rejectsWith(without(kDe + "/tiers/0/earn_rate"), kDe + "/tiers/0/earn_rate", "missing_field"));
  CHECK(rejectsWith(without(kDe + "/earning_rules/2/multiplier"), kDe + "/earning_rules/2/multiplier",
                    "missing_field"));
  CHECK(rejectsWith(without(kDe + "/redeemables/6/points_cost"), kDe + "/redeemables/6/points_cost",
                    "missing_field"));
  CHECK(rejectsWith(without("/stores/1/time_zone"), "/stores/1/time_zone", "missing_field"));
  CHECK(rejectsWith(withValue(kDe + "/brand", nullptr), kDe + "/brand", "missing_field"));
}

TEST_CASE("unknown references are rejected", "[codec][bundle][reject]") {
  CHECK(rejectsWith(withValue(kDe + "/earning_rules/0/currency", "points"), kDe + "/earning_rules/0/currency",
                    "unknown_reference"));
  CHECK(rejectsWith(withValue(kDe + "/earning_rules/2/conditions/tiers", {"platinum"}),
                    kDe + "/earning_rules/2/conditions/tiers/0", "unknown_reference"));
  CHECK(rejectsWith(withValue(kDe + "/earning_rules/2/conditions/min_tier", "platinum"),
                    kDe + "/earning_rules/2/conditions/min_tier", "unknown_reference"));
  CHECK(rejectsWith(withValue(kDe + "/redeemables/0/campaign", "summer-sale"), kDe + "/redeemables/0/campaign",
                    "unknown_reference"));
  CHECK(rejectsWith(withValue(kDe + "/voucher_codes/0/redeemable", "members-25"),
                    kDe + "/voucher_codes/0/redeemable", "unknown_reference"));
  CHECK(rejectsWith(withValue("/stores/0/programs", {"demo-de", "demo-fr"}), "/stores/0/programs/1",
                    "unknown_reference"));
  CHECK(rejectsWith(withValue("/stores/0/default_program", "demo-at"), "/stores/0/default_program",
                    "unknown_reference"));
  CHECK(rejectsWith(withValue(kDe + "/redeemables/0/not_combinable_with", {"members_discount"}),
                    kDe + "/redeemables/0/not_combinable_with/0", "unknown_reference"));
  CHECK(rejectsWith(withValue("/stacking/max_per_category/member_discounts", 1),
                    "/stacking/max_per_category/member_discounts", "unknown_reference"));
  CHECK(rejectsWith(withValue(kDe + "/redeemables/0/conditions/stores", {"hamburg-07"}),
                    kDe + "/redeemables/0/conditions/stores/0", "unknown_reference"));
  CHECK(rejectsWith(withValue(kDe + "/redeemables/0/conditions/regions", {"de-south"}),
                    kDe + "/redeemables/0/conditions/regions/0", "unknown_reference"));
  CHECK(rejectsWith(withValue(kDe + "/point_currencies/0/expiry/extensions/0/tier", "diamond"),
                    kDe + "/point_currencies/0/expiry/extensions/0/tier", "unknown_reference"));
  CHECK(rejectsWith(withValue(kDe + "/burn/currency", "bonus"), kDe + "/burn/currency", "unknown_reference"));
  CHECK(rejectsWith(withValue(kDe + "/redeemables/6/points_currency", "stars"), kDe + "/redeemables/6/points_currency",
                    "unknown_reference"));
  // A reward currency is required where points are spent.
  CHECK(rejectsWith(withValue(kDe + "/burn/currency", "qualifying"), kDe + "/burn/currency", "not_spendable"));
  // Codes belong to vouchers and non-automatic promotions.
  CHECK(rejectsWith(withValue(kDe + "/voucher_codes/0/redeemable", "general-15"), kDe + "/voucher_codes/0/redeemable",
                    "invalid_reference"));
}

TEST_CASE("duplicate ids are rejected", "[codec][bundle][reject]") {
  CHECK(rejectsWith(withValue(kDe + "/tiers/1/id", "basic"), kDe + "/tiers/1", "duplicate_id"));
  CHECK(rejectsWith(withValue("/stores/1/id", "berlin-01"), "/stores/1", "duplicate_id"));
  CHECK(rejectsWith(withValue("/programs/1/id", "demo-de"), "/programs/1", "duplicate_id"));
  CHECK(rejectsWith(withValue(kDe + "/voucher_codes/1/code", "MEMBER20"), kDe + "/voucher_codes/1", "duplicate_id"));
  CHECK(rejectsWith(withValue(kDe + "/redeemables/1/id", "general-15"), kDe + "/redeemables/1", "duplicate_id"));
  CHECK(rejectsWith(withValue(kDe + "/earning_rules/1/id", "base-reward"), kDe + "/earning_rules/1", "duplicate_id"));
  CHECK(rejectsWith(withValue(kDe + "/campaigns/1/id", "spring-sale"), kDe + "/campaigns/1", "duplicate_id"));
  CHECK(rejectsWith(withValue(kDe + "/point_currencies/1/id", "reward"), kDe + "/point_currencies/1", "duplicate_id"));
  CHECK(rejectsWith(withValue(kDe + "/excluded_categories", {"tobacco", "tobacco"}), kDe + "/excluded_categories/1",
                    "duplicate_value"));
  CHECK(codec::loadBundle(R"({"format":1,"format":1})").issues[0].reason == "duplicate_key");
}

TEST_CASE("tier thresholds must strictly increase", "[codec][bundle][reject]") {
  CHECK(rejectsWith(withValue(kDe + "/tiers/2/threshold", 1000), kDe + "/tiers/2/threshold", "not_increasing"));
  CHECK(rejectsWith(withValue(kDe + "/tiers/1/threshold", 0), kDe + "/tiers/1/threshold", "not_increasing"));
  auto swapped = exampleBundle();
  std::swap(swapped["programs"][0]["tiers"][1], swapped["programs"][0]["tiers"][2]);
  CHECK(rejectsWith(swapped, kDe + "/tiers/2/threshold", "not_increasing"));
}

TEST_CASE("amounts must be non-negative and at most kMaxAmount", "[codec][bundle][reject]") {
  CHECK(rejectsWith(withValue(kDe + "/earning_rules/4/conditions/min_amount", -1),
                    kDe + "/earning_rules/4/conditions/min_amount", "out_of_range"));
  CHECK(rejectsWith(withValue(kDe + "/redeemables/2/effect/amount", -500), kDe + "/redeemables/2/effect/amount",
                    "out_of_range"));
  CHECK(rejectsWith(withValue(kDe + "/redeemables/2/effect/amount", engine::kMaxAmount + 1),
                    kDe + "/redeemables/2/effect/amount", "out_of_range"));
  CHECK(load(withValue(kDe + "/redeemables/2/effect/amount", engine::kMaxAmount)).ok());
  CHECK(rejectsWith(withValue(kDe + "/tiers/0/threshold", -1), kDe + "/tiers/0/threshold", "out_of_range"));
  CHECK(rejectsWith(withValue(kDe + "/campaigns/0/limits/max_discount_total", -3), kDe + "/campaigns/0/limits/max_discount_total",
                    "out_of_range"));
  CHECK(rejectsWith(withValue("/terminal/offline_burn_limit_per_day", -1), "/terminal/offline_burn_limit_per_day",
                    "out_of_range"));
}

TEST_CASE("quantities above kMaxQuantity are rejected", "[codec][bundle][reject]") {
  CHECK(rejectsWith(withValue(kDe + "/redeemables/4/effect/buy", engine::kMaxQuantity + 1),
                    kDe + "/redeemables/4/effect/buy", "out_of_range"));
  CHECK(rejectsWith(withValue(kDe + "/redeemables/4/effect/get", 0), kDe + "/redeemables/4/effect/get", "out_of_range"));
  CHECK(rejectsWith(withValue(kDe + "/redeemables/0/conditions/min_quantity", engine::kMaxQuantity + 1),
                    kDe + "/redeemables/0/conditions/min_quantity", "out_of_range"));
}

TEST_CASE("huge numbers and fractions are never read as integers", "[codec][bundle][reject]") {
  CHECK(rawRejectsWith(withRawValue("/version", "1e30"), "/version", "wrong_type"));
  CHECK(rawRejectsWith(withRawValue(kDe + "/tiers/1/threshold", "18446744073709551616"), kDe + "/tiers/1/threshold",
                       "wrong_type"));
  CHECK(rawRejectsWith(withRawValue(kDe + "/tiers/1/threshold", "18446744073709551615"), kDe + "/tiers/1/threshold",
                       "out_of_range"));
  CHECK(rawRejectsWith(withRawValue(kDe + "/tiers/1/threshold", "9223372036854775808"), kDe + "/tiers/1/threshold",
                       "out_of_range"));
  CHECK(rawRejectsWith(withRawValue(kDe + "/tiers/1/threshold", "-1"), kDe + "/tiers/1/threshold", "out_of_range"));
  CHECK(rawRejectsWith(withRawValue(kDe + "/redeemables/2/effect/amount", "499.99"), kDe + "/redeemables/2/effect/amount",
                       "wrong_type"));
  CHECK(rawRejectsWith(withRawValue(kDe + "/redeemables/2/effect/amount", "500.0"), kDe + "/redeemables/2/effect/amount",
                       "wrong_type"));
  CHECK(rawRejectsWith(withRawValue(kDe + "/redeemables/0/effect/percent", "15.5"), kDe + "/redeemables/0/effect/percent",
                       "wrong_type"));
  CHECK(rawRejectsWith(withRawValue("/version", "-9223372036854775809"), "/version", "wrong_type"));
}

TEST_CASE("percentages above 100 or with more than 2 decimals are rejected", "[codec][bundle][reject]") {
  const std::string percent = kDe + "/redeemables/0/effect/percent";
  CHECK(rejectsWith(withValue(percent, 101), percent, "out_of_range"));
  CHECK(rejectsWith(withValue(percent, "100.01"), percent, "out_of_range"));
  CHECK(rejectsWith(withValue(percent, 0), percent, "out_of_range"));
  CHECK(rejectsWith(withValue(percent, "12.345"), percent, "invalid_value"));
  CHECK(rejectsWith(withValue(percent, "-5"), percent, "invalid_value"));
  CHECK(rejectsWith(withValue(percent, "1e1"), percent, "invalid_value"));
  CHECK(rejectsWith(withValue(percent, ".5"), percent, "invalid_value"));
  CHECK(load(withValue(percent, "100")).ok());
  CHECK(rejectsWith(withValue(kDe + "/burn/max_share", 150), kDe + "/burn/max_share", "out_of_range"));
}

TEST_CASE("zero denominators and bad multipliers are rejected", "[codec][bundle][reject]") {
  CHECK(rejectsWith(withValue(kDe + "/tiers/0/earn_rate/per", 0), kDe + "/tiers/0/earn_rate/per", "zero_denominator"));
  CHECK(rejectsWith(withValue(kDe + "/earning_rules/1/rate/per", 0), kDe + "/earning_rules/1/rate/per",
                    "zero_denominator"));
  const std::string multiplier = kDe + "/earning_rules/2/multiplier";
  CHECK(rejectsWith(withValue(multiplier, "3/0"), multiplier, "zero_denominator"));
  CHECK(rejectsWith(withValue(multiplier, "1/2"), multiplier, "out_of_range"));
  CHECK(rejectsWith(withValue(multiplier, 0), multiplier, "out_of_range"));
  CHECK(rejectsWith(withValue(multiplier, "1.5x"), multiplier, "invalid_value"));
  CHECK(rejectsWith(withValue(multiplier, "3/-2"), multiplier, "invalid_value"));
  CHECK(rejectsWith(withValue(kDe + "/burn/value", 0), kDe + "/burn/value", "out_of_range"));
  CHECK(rejectsWith(withValue(kDe + "/burn/points", 0), kDe + "/burn/points", "out_of_range"));
}

TEST_CASE("invalid dates, times and time zones are rejected", "[codec][bundle][reject]") {
  const std::string schedule = kDe + "/redeemables/0/conditions/schedule";
  CHECK(rejectsWith(withValue(schedule + "/start", "2026-02-30"), schedule + "/start", "invalid_date"));
  CHECK(rejectsWith(withValue(schedule + "/start", "2026-03-01T08:00:00"), schedule + "/start", "invalid_date"));
  CHECK(rejectsWith(withValue(schedule + "/start", "2026-03-01T25:00:00Z"), schedule + "/start", "invalid_date"));
  CHECK(rejectsWith(withValue(schedule + "/start", "01.03.2026"), schedule + "/start", "invalid_date"));
  CHECK(rejectsWith(withValue(schedule + "/end", "2025-12-31"), schedule + "/end", "invalid_range"));
  CHECK(rejectsWith(withValue(schedule + "/days", {"mon"}), schedule + "/days/0", "invalid_value"));
  const std::string window = kDe + "/earning_rules/3/conditions/schedule/times/0";
  CHECK(rejectsWith(withValue(window + "/end", "25:00"), window + "/end", "invalid_time"));
  CHECK(rejectsWith(withValue(window + "/start", "17h"), window + "/start", "invalid_time"));
  CHECK(rejectsWith(withValue(window + "/start", "24:00"), window + "/start", "invalid_time"));
  CHECK(rejectsWith(withValue(window + "/end", "17:00"), window, "invalid_time"));
  CHECK(rejectsWith(withValue("/stores/0/time_zone", "Europe/Berlinn"), "/stores/0/time_zone", "invalid_time_zone"));
  CHECK(rejectsWith(withValue("/stores/0/time_zone", "CET+1"), "/stores/0/time_zone", "invalid_time_zone"));
  CHECK(rejectsWith(withValue(kDe + "/voucher_codes/1/valid_until", "2027-13-01"), kDe + "/voucher_codes/1/valid_until",
                    "invalid_date"));
  CHECK(rejectsWith(withValue(kDe + "/voucher_codes/1/valid_until", "2025-12-31"), kDe + "/voucher_codes/1/valid_until",
                    "invalid_range"));
}

TEST_CASE("an unsupported format is rejected", "[codec][bundle][reject]") {
  CHECK(rejectsWith(withValue("/format", 2), "/format", "unsupported_format"));
}

TEST_CASE("every problem is listed and nothing is loaded", "[codec][bundle][reject]") {
  json document = exampleBundle();
  document["verison"] = 3;                                              // unknown field
  document["programs"][0]["tiers"][2]["threshold"] = 500;               // not increasing
  document["programs"][0]["earning_rules"][0]["currency"] = "points";  // unknown reference
  document["programs"][0]["redeemables"][2]["effect"]["amount"] = -1;  // negative
  document["programs"][1]["redeemables"][0]["effect"]["percent"] = 120;  // over 100
  document["stores"][1]["time_zone"] = "Mars/Olympus";                 // time zone
  document["terminal"].erase("snapshot_staleness_seconds");            // missing
  const auto result = load(document);
  INFO(describe(result));
  CHECK_FALSE(result.ok());
  CHECK_FALSE(result.bundle.has_value());
  CHECK(result.issues.size() == 7);
  CHECK(hasIssue(result, "/verison", "unknown_field"));
  CHECK(hasIssue(result, kDe + "/tiers/2/threshold", "not_increasing"));
  CHECK(hasIssue(result, kDe + "/earning_rules/0/currency", "unknown_reference"));
  CHECK(hasIssue(result, kDe + "/redeemables/2/effect/amount", "out_of_range"));
  CHECK(hasIssue(result, "/programs/1/redeemables/0/effect/percent", "out_of_range"));
  CHECK(hasIssue(result, "/stores/1/time_zone", "invalid_time_zone"));
  CHECK(hasIssue(result, "/terminal/snapshot_staleness_seconds", "missing_field"));
  for (const auto& issue : result.issues) CHECK_FALSE(issue.message.empty());
  // Listed in document order: by pointer, numbers compared as numbers.
  REQUIRE(result.issues.size() == 7);
  CHECK(result.issues[0].pointer == kDe + "/earning_rules/0/currency");
  CHECK(result.issues[1].pointer == kDe + "/redeemables/2/effect/amount");
  CHECK(result.issues[2].pointer == kDe + "/tiers/2/threshold");
  CHECK(result.issues[3].pointer == "/programs/1/redeemables/0/effect/percent");
  CHECK(result.issues[4].pointer == "/stores/1/time_zone");
  CHECK(result.issues[5].pointer == "/terminal/snapshot_staleness_seconds");
  CHECK(result.issues[6].pointer == "/verison");
}

TEST_CASE("issues of later array elements sort after earlier ones numerically", "[codec][bundle][reject]") {
  json document = exampleBundle();
  auto& rules = document["programs"][0]["earning_rules"];
  while (rules.size() < 12) rules.push_back(rules[0]);
  for (auto& rule : rules) rule["id"] = "r" + std::to_string(&rule - &rules[0]);
  rules[11]["currency"] = "nope";
  rules[2]["currency"] = "nope";
  const auto result = load(document);
  REQUIRE(result.issues.size() == 2);
  CHECK(result.issues[0].pointer == kDe + "/earning_rules/2/currency");
  CHECK(result.issues[1].pointer == kDe + "/earning_rules/11/currency");
}

TEST_CASE("an oversized bundle is refused", "[codec][bundle][reject]") {
  std::string text = R"({"description":")";
  text.append(64u * 1024u * 1024u, 'x');
  text += "\"}";
  const auto result = codec::loadBundle(text);
  REQUIRE(result.issues.size() == 1);
  CHECK(result.issues[0].reason == "too_large");
}
