#include <catch2/catch.hpp>

#include <algorithm>

#include "codec/bundle_loader.h"
#include "codec_test_support.h"

using codec_test::describe;
using codec_test::exampleBundle;
using codec_test::load;
using namespace loyalty;

namespace {

const engine::Program& program(const engine::Bundle& bundle, const std::string& id) {
  const auto it = std::find_if(bundle.programs.begin(), bundle.programs.end(),
                               [&](const engine::Program& p) { return p.id == id; });
  REQUIRE(it != bundle.programs.end());
  return *it;
}

template <typename T>
const T& byId(const std::vector<T>& items, const std::string& id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  REQUIRE(it != items.end());
  return *it;
}

}  // namespace

TEST_CASE("the example bundle loads completely", "[codec][bundle]") {
  const auto result = codec::loadBundle(codec_test::exampleBundleText());
  INFO(describe(result));
  REQUIRE(result.ok());
  REQUIRE(result.issues.empty());
  const engine::Bundle& bundle = *result.bundle;
  CHECK(bundle.format == 1);
  CHECK(bundle.version == 1);
  CHECK(bundle.hash.size() == 64);
  CHECK(bundle.programs.size() == 2);

  const engine::Program& de = program(bundle, "demo-de");
  CHECK(de.brand == "Demo Markt");
  CHECK(de.country == "DE");
  CHECK(de.currency == "EUR");
  CHECK(de.qualifyingCurrency == "qualifying");
  const auto& reward = byId(de.pointCurrencies, "reward");
  CHECK(reward.kind == engine::CurrencyKind::reward);
  CHECK(reward.expiry.kind == engine::ExpiryKind::months_after);
  CHECK(reward.expiry.months == 12);
  REQUIRE(reward.expiry.extensions.size() == 1);
  CHECK(reward.expiry.extensions[0].segment == "vip");
  CHECK(reward.expiry.extensions[0].extraMonths == 12);
  CHECK(byId(de.pointCurrencies, "qualifying").expiry.kind == engine::ExpiryKind::never);

  REQUIRE(de.tiers.size() == 3);
  CHECK(de.tiers[0].id == "basic");
  CHECK(de.tiers[1].threshold == 1000);
  CHECK(de.tiers[1].baseRate == engine::EarnRate{3, 200});
  CHECK(de.tiers[2].baseRate == engine::EarnRate{2, 100});
  CHECK(de.excludedCategories == std::vector<std::string>{"tobacco", "gift_cards"});

  REQUIRE(de.burn.has_value());
  CHECK(de.burn->currency == "reward");
  CHECK(de.burn->points == 100);
  CHECK(de.burn->value == 100);
  CHECK(de.burn->minPoints == 100);
  CHECK(de.burn->step == 50);
  CHECK(de.burn->maxPoints == 10000);
  CHECK(de.burn->maxShareBp == 5000);

  CHECK(byId(de.campaigns, "spring-sale").limits.maxDiscountTotal == 3000000);
  CHECK(byId(de.campaigns, "welcome500").limits.maxRedemptions == 500);

  const auto& monday = byId(de.earningRules, "de-monday-double");
  CHECK(monday.kind == engine::EarnKind::multiplier);
  CHECK(monday.multiplier == engine::Multiplier{2, 1});
  REQUIRE(monday.conditions.schedule.has_value());
  CHECK(monday.conditions.schedule->daysOfWeek == 0x01);
  REQUIRE(monday.conditions.attributes.size() == 1);
  CHECK(monday.conditions.attributes[0].op == engine::AttributeOp::eq);
  CHECK(monday.conditions.attributes[0].values == std::vector<std::string>{"DE"});
  const auto& happy = byId(de.earningRules, "happy-hour-triple");
  REQUIRE(happy.conditions.schedule->windows.size() == 1);
  CHECK(happy.conditions.schedule->windows[0].startSecond == 17 * 3600);
  CHECK(happy.conditions.schedule->windows[0].endSecond == 19 * 3600);
  const auto& qualifying = byId(de.earningRules, "base-qualifying");
  CHECK(qualifying.rate == engine::EarnRate{1, 100});
  const auto& social = byId(de.earningRules, "social-share");
  CHECK(social.trigger == engine::EarnTrigger::event);
  CHECK(social.event == "social_share");
  CHECK(social.fixedPoints == 20);
  REQUIRE(social.cap.has_value());
  CHECK(social.cap->maxPoints == 100);
  CHECK(social.cap->period == engine::Period::day);

  const auto& general = byId(de.redeemables, "general-15");
  CHECK(general.automatic);
  CHECK(general.effect.kind == engine::EffectKind::percent_off);
  CHECK(general.effect.percentBp == 1500);
  CHECK(general.effect.maxDiscount == 10000);
  CHECK(general.notCombinableWith == std::vector<std::string>{"member_discount"});
  REQUIRE(general.conditions.schedule.has_value());
  CHECK(general.conditions.schedule->startDate == engine::LocalDate{2026, 1, 1});
  const auto& members = byId(de.redeemables, "members-20");
  CHECK(members.kind == engine::RedeemableKind::voucher);
  CHECK(members.membersOnly);
  CHECK(members.stackingCategory == "member_discount");
  const auto& coffee = byId(de.redeemables, "spring-coffee");
  CHECK(coffee.effect.kind == engine::EffectKind::buy_x_get_y);
  CHECK(coffee.effect.buyQuantity == 2);
  CHECK(coffee.effect.getQuantity == 1);
  CHECK(coffee.effect.percentBp == 10000);
  const auto& freeCoffee = byId(de.redeemables, "free-coffee-reward");
  CHECK(freeCoffee.kind == engine::RedeemableKind::reward);
  CHECK(freeCoffee.pointsCost == 500);
  CHECK(freeCoffee.pointsCurrency == "reward");
  CHECK(freeCoffee.effect.cheapestUnits == 1);
  CHECK(byId(de.redeemables, "welcome-5").limits.perMemberTotal == 1);

  REQUIRE(de.voucherCodes.size() == 3);
  CHECK(de.voucherCodes[2].code == "GIFT-1234");
  CHECK(de.voucherCodes[2].singleUse);
  CHECK(de.voucherCodes[2].memberId.empty());
  CHECK(de.voucherCodes[2].validUntil == engine::LocalDate{2027, 12, 31});

  const engine::Program& at = program(bundle, "demo-at");
  CHECK(at.qualifyingCurrency == "qualifying");  // the only qualifying currency
  CHECK(byId(at.pointCurrencies, "reward").expiry.kind == engine::ExpiryKind::end_of_quarter);
  CHECK(at.burn->maxShareBp == 3000);
  CHECK(byId(at.redeemables, "weekend-bakery-10").effect.percentBp == 1000);

  REQUIRE(bundle.stores.size() == 2);
  CHECK(bundle.stores[0].id == "berlin-01");
  CHECK(bundle.stores[0].timeZone == "Europe/Berlin");
  CHECK(bundle.stores[0].region == "de-north");
  CHECK(bundle.stores[0].defaultProgram == "demo-de");
  CHECK(bundle.stores[1].programs == std::vector<std::string>{"demo-at"});
  CHECK(bundle.stacking.maxPerBasket == 3);
  CHECK(bundle.stacking.maxPerCategory.at("member_discount") == 1);
  CHECK(bundle.terminal.offlineBurnLimitPerDay == 2000);
  CHECK(bundle.terminal.snapshotStalenessSeconds == 72 * 3600);
}

TEST_CASE("the bundle hash ignores key order and whitespace but not content", "[codec][bundle]") {
  const std::string text = codec_test::exampleBundleText();
  const auto original = codec::loadBundle(text);
  REQUIRE(original.ok());
  const auto document = nlohmann::json::parse(text);
  CHECK(original.bundle->hash == codec::bundleHash(document));

  // Same content, different formatting and key order (serialised by hand, reversed keys).
  const auto compact = codec::loadBundle(document.dump());
  const auto pretty = codec::loadBundle(document.dump(4));
  nlohmann::ordered_json reversed;
  std::vector<std::string> keys;
  for (const auto& [key, value] : document.items()) keys.push_back(key);
  std::reverse(keys.begin(), keys.end());
  for (const auto& key : keys) reversed[key] = document[key];
  const std::string reversedText = reversed.dump(1, '\t');
  REQUIRE(reversedText.find("\"terminal\"") < reversedText.find("\"format\""));
  const auto reordered = codec::loadBundle(reversedText);
  REQUIRE(compact.ok());
  REQUIRE(pretty.ok());
  REQUIRE(reordered.ok());
  CHECK(compact.bundle->hash == original.bundle->hash);
  CHECK(pretty.bundle->hash == original.bundle->hash);
  CHECK(reordered.bundle->hash == original.bundle->hash);

  auto changed = document;
  changed["version"] = 2;
  const auto bumped = load(changed);
  REQUIRE(bumped.ok());
  CHECK(bumped.bundle->hash != original.bundle->hash);
  auto changedRule = document;
  changedRule["programs"][0]["tiers"][2]["earn_rate"]["points"] = 3;
  CHECK(load(changedRule).bundle->hash != original.bundle->hash);
}

TEST_CASE("bundleHash is sha256 of the canonical text", "[codec][bundle]") {
  // sha256("{}") and sha256('{"a":1,"b":[true,null]}') computed independently (sha256sum).
  CHECK(codec::bundleHash(nlohmann::json::object()) ==
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  CHECK(codec::bundleHash(nlohmann::json::parse(R"({ "b": [true, null], "a": 1 })")) ==
        "1cc69c7fa23616ca2ec3ee70d24390a6225c8832db8a4c814c7e0e7f942f8668");
}

TEST_CASE("min_tier expands to that tier and every higher one", "[codec][bundle]") {
  auto document = exampleBundle();
  document["programs"][0]["earning_rules"][2]["conditions"]["min_tier"] = "silver";
  const auto result = load(document);
  INFO(describe(result));
  REQUIRE(result.ok());
  const auto& rule = result.bundle->programs[0].earningRules[2];
  CHECK(rule.conditions.tiers == std::vector<std::string>{"silver", "gold"});

  document["programs"][0]["earning_rules"][2]["conditions"]["tiers"] = {"gold"};
  const auto both = load(document);
  REQUIRE(both.ok());
  CHECK(both.bundle->programs[0].earningRules[2].conditions.tiers == std::vector<std::string>{"gold", "silver"});
}

TEST_CASE("schedules: dates, instants, days and local time windows", "[codec][bundle]") {
  auto document = exampleBundle();
  auto& conditions = document["programs"][0]["redeemables"][0]["conditions"];
  conditions["schedule"] = {{"start", "2026-03-01T08:00:00+01:00"},
                            {"end", "2026-03-31"},
                            {"days", {"saturday", "sunday"}},
                            {"times", {{{"start", "22:00"}, {"end", "02:00"}}, {{"start", "12:30:15"}, {"end", "24:00"}}}}};
  conditions["attributes"] = {{{"key", "birthday"}, {"op", "today_month_day"}},
                              {{"key", "country"}, {"op", "in"}, {"values", {"DE", "AT"}}},
                              {{"key", "staff"}, {"op", "missing"}}};
  conditions["stores"] = {"berlin-01"};
  conditions["regions"] = {"de-north"};
  const auto result = load(document);
  INFO(describe(result));
  REQUIRE(result.ok());
  const auto& parsed = result.bundle->programs[0].redeemables[0].conditions;
  REQUIRE(parsed.schedule.has_value());
  CHECK(parsed.schedule->startsAt == 1772348400);  // 2026-03-01T07:00:00Z
  CHECK_FALSE(parsed.schedule->startDate.has_value());
  CHECK(parsed.schedule->endDate == engine::LocalDate{2026, 3, 31});
  CHECK_FALSE(parsed.schedule->endsAt.has_value());
  CHECK(parsed.schedule->daysOfWeek == 0x60);
  REQUIRE(parsed.schedule->windows.size() == 2);
  CHECK(parsed.schedule->windows[0].startSecond == 22 * 3600);
  CHECK(parsed.schedule->windows[0].endSecond == 2 * 3600);
  CHECK(parsed.schedule->windows[1].startSecond == 12 * 3600 + 30 * 60 + 15);
  CHECK(parsed.schedule->windows[1].endSecond == 0);  // midnight: wraps
  REQUIRE(parsed.attributes.size() == 3);
  CHECK(parsed.attributes[0].op == engine::AttributeOp::today_month_day);
  CHECK(parsed.attributes[1].values == std::vector<std::string>{"DE", "AT"});
  CHECK(parsed.attributes[2].op == engine::AttributeOp::missing);
}

TEST_CASE("percentages and multipliers are read exactly", "[codec][bundle]") {
  auto document = exampleBundle();
  document["programs"][0]["redeemables"][0]["effect"]["percent"] = "12.5";
  document["programs"][0]["redeemables"][1]["effect"]["percent"] = "0.05";
  document["programs"][0]["earning_rules"][2]["multiplier"] = "1.5";
  document["programs"][0]["earning_rules"][3]["multiplier"] = "7/3";
  const auto result = load(document);
  INFO(describe(result));
  REQUIRE(result.ok());
  const auto& de = result.bundle->programs[0];
  CHECK(de.redeemables[0].effect.percentBp == 1250);
  CHECK(de.redeemables[1].effect.percentBp == 5);
  CHECK(de.earningRules[2].multiplier == engine::Multiplier{3, 2});
  CHECK(de.earningRules[3].multiplier == engine::Multiplier{7, 3});
}

TEST_CASE("file order is kept", "[codec][bundle]") {
  auto document = exampleBundle();
  auto& rules = document["programs"][0]["earning_rules"];
  std::swap(rules[0], rules[5]);
  const auto result = load(document);
  REQUIRE(result.ok());
  CHECK(result.bundle->programs[0].earningRules[0].id == "social-share");
  CHECK(result.bundle->programs[0].earningRules[5].id == "base-reward");
}
