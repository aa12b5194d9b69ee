#include <catch2/catch.hpp>

#include "codec/member_codec.h"
#include "codec_equality.h"

using namespace loyalty;
using codec_test::same;
using engine::LocalDate;

namespace {

const char* const kMember = R"({
  "id": "M-1001",
  "program": "demo-de",
  "kind": "account",
  "status": "suspended",
  "display_name": "Bäckerei Schmidt GmbH",
  "tier": "silver",
  "segments": ["vip", "b2b"],
  "attributes": {"country": "DE", "birthday": "05-14"},
  "lots": [
    {"id": "L-1", "currency": "reward", "points": 1200, "earned_on": "2025-12-01", "expires_on": "2026-12-01"},
    {"id": "L-2", "currency": "qualifying", "points": 3400, "earned_on": "2025-12-01", "expires_on": null}
  ],
  "deficits": [{"currency": "reward", "points": 30}],
  "rule_usage": [
    {"rule": "social-share", "period": "day", "period_start": "2026-11-22", "points": 40},
    {"rule": "coffee-bonus", "period": "lifetime", "points": 50}
  ],
  "redeemable_usage": [
    {"redeemable": "members-20", "total": 7, "period": "week", "period_start": "2026-11-16", "in_period": 1}
  ],
  "vouchers": [
    {"code": "ANNA-BDAY-10", "redeemable": "members-20", "single_use": true, "valid_until": "2026-12-31"},
    {"code": "SHARED-1", "redeemable": "welcome-5", "member": "", "used": true}
  ]
})";

}  // namespace

TEST_CASE("a member document is parsed completely", "[codec][member]") {
  const auto member = codec::parseMember(kMember);
  INFO((member.ok() ? std::string() : member.error().message));
  REQUIRE(member.ok());
  CHECK(member->id == "M-1001");
  CHECK(member->programId == "demo-de");
  CHECK(member->kind == engine::MemberKind::account);
  CHECK(member->status == engine::MemberStatus::suspended);
  CHECK(member->displayName == "Bäckerei Schmidt GmbH");
  CHECK(member->tier == "silver");
  CHECK(member->segments == std::vector<std::string>{"vip", "b2b"});
  CHECK(member->attributes.at("birthday") == "05-14");
  REQUIRE(member->lots.size() == 2);
  CHECK(member->lots[0] == engine::Lot{"L-1", "reward", 1200, LocalDate{2025, 12, 1}, LocalDate{2026, 12, 1}});
  CHECK_FALSE(member->lots[1].expiresOn.has_value());
  CHECK(member->deficits == std::vector<engine::Deficit>{{"reward", 30}});
  REQUIRE(member->ruleUsage.size() == 2);
  CHECK(member->ruleUsage[0].periodStart == LocalDate{2026, 11, 22});
  CHECK(member->ruleUsage[1].period == engine::Period::lifetime);
  REQUIRE(member->redeemableUsage.size() == 1);
  CHECK(member->redeemableUsage[0].inPeriod == 1);
  CHECK(member->redeemableUsage[0].total == 7);
  REQUIRE(member->vouchers.size() == 2);
  CHECK(member->vouchers[0].voucher.memberId == "M-1001");  // issued to this member by default
  CHECK(member->vouchers[0].voucher.singleUse);
  CHECK(member->vouchers[0].voucher.validUntil == LocalDate{2026, 12, 31});
  CHECK_FALSE(member->vouchers[0].used);
  CHECK(member->vouchers[1].voucher.memberId.empty());
  CHECK(member->vouchers[1].used);
}

TEST_CASE("a minimal member gets the documented defaults", "[codec][member]") {
  const auto member = codec::parseMember(R"({"id":"M-1","program":"demo-de"})");
  REQUIRE(member.ok());
  CHECK(member->kind == engine::MemberKind::person);
  CHECK(member->status == engine::MemberStatus::active);
  CHECK(member->tier.empty());
  CHECK(member->lots.empty());
}

TEST_CASE("members round-trip through JSON", "[codec][member]") {
  const auto member = codec::parseMember(kMember);
  REQUIRE(member.ok());
  const nlohmann::json json = codec::memberToJson(*member);
  const auto again = codec::parseMember(json.dump());
  INFO((again.ok() ? std::string() : again.error().message));
  REQUIRE(again.ok());
  CHECK(same(*again, *member));
  CHECK(codec::memberToJson(*again) == json);
}

TEST_CASE("bad member documents are refused with a reason and a pointer", "[codec][member]") {
  const auto reject = [](const std::string& text, const std::string& reason, const std::string& pointer) {
    const auto member = codec::parseMember(text);
    INFO(text);
    REQUIRE_FALSE(member.ok());
    CHECK(member.error().reason == reason);
    CHECK(member.error().message.find(pointer) != std::string::npos);
  };
  reject(R"({"id":"M-1")", "malformed_json", "the document");
  reject(R"({"program":"demo-de"})", "missing_field", "/id");
  reject(R"({"id":"M-1","program":"demo-de","tier":3})", "wrong_type", "/tier");
  reject(R"({"id":"M-1","program":"demo-de","teir":"gold"})", "unknown_field", "/teir");
  reject(R"({"id":"M-1","program":"demo-de","status":"blocked"})", "invalid_value", "/status");
  reject(R"({"id":"M-1","program":"demo-de","attributes":{"age":42}})", "wrong_type", "/attributes/age");
  reject(R"({"id":"M-1","program":"demo-de","lots":[{"id":"L","currency":"reward","points":0,"earned_on":"2026-01-01"}]})",
         "out_of_range", "/lots/0/points");
  reject(R"({"id":"M-1","program":"demo-de","lots":[{"id":"L","currency":"reward","points":5,"earned_on":"2026-02-30"}]})",
         "invalid_date", "/lots/0/earned_on");
  reject(R"({"id":"M-1","program":"demo-de","lots":[{"id":"L","currency":"reward","points":1e30,"earned_on":"2026-01-01"}]})",
         "wrong_type", "/lots/0/points");
  reject(R"({"id":"M-1","program":"demo-de","lots":[
           {"id":"L","currency":"reward","points":5,"earned_on":"2026-01-01"},
           {"id":"L","currency":"reward","points":6,"earned_on":"2026-01-02"}]})",
         "duplicate_id", "/lots/1");
  reject(R"({"id":"M-1","program":"demo-de","deficits":[{"currency":"reward","points":-4}]})", "out_of_range",
         "/deficits/0/points");
  reject(R"({"id":"M-1","program":"demo-de","rule_usage":[{"rule":"r","period":"day","points":1}]})", "missing_field",
         "/rule_usage/0/period_start");
  reject(R"({"id":"M-1","program":"demo-de","segments":["vip","vip"]})", "duplicate_value", "/segments/1");
  reject("[" + std::string(200, '[') + std::string(201, ']'), "too_deep", "the document");
}
