#include "codec/member_codec.h"

#include <set>

#include "codec/bundle_program_parser.h"
#include "codec/enum_names.h"
#include "codec/value_codec.h"
#include "engine/money.h"

namespace loyalty::codec {
namespace {

constexpr IntRange kCount{0, engine::kMaxAmount};

engine::RedeemableUsage readRedeemableUsage(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::RedeemableUsage usage;
  usage.redeemableId = reader.requiredString("redeemable");
  usage.total = reader.integer("total", kCount, 0);
  usage.period = reader.optionalEnum("period", kPeriods).value_or(engine::Period::day);
  usage.inPeriod = reader.integer("in_period", kCount, 0);
  if (reader.has("period_start")) {
    usage.periodStart = requiredDate(reader, "period_start");
  } else if (usage.inPeriod > 0 && usage.period != engine::Period::lifetime) {
    (void)reader.required("period_start");  // in_period counts uses since that day
  } else {
    (void)reader.optional("period_start");
  }
  if (usage.inPeriod > usage.total) {
    issues.add(reader.pointerOf("in_period"), "invalid_range", "uses in the period cannot exceed the total uses.");
  }
  reader.finish();
  return usage;
}

engine::MemberVoucher readMemberVoucher(const Json& value, const std::string& pointer, const std::string& memberId,
                                        Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::MemberVoucher voucher;
  const bool hasMember = reader.has("member");
  voucher.voucher = parseVoucherCode(reader);
  if (!hasMember) voucher.voucher.memberId = memberId;  // issued to this member
  voucher.used = reader.boolean("used", false);
  reader.finish();
  return voucher;
}

Json redeemableUsageToJson(const engine::RedeemableUsage& usage) {
  return Json{{"redeemable", usage.redeemableId},
              {"total", usage.total},
              {"period", enumName(usage.period, kPeriods)},
              {"period_start", dateToJson(usage.periodStart)},
              {"in_period", usage.inPeriod}};
}

Json memberVoucherToJson(const engine::MemberVoucher& voucher) {
  const engine::VoucherCode& code = voucher.voucher;
  Json out{{"code", code.code},
           {"redeemable", code.redeemableId},
           {"single_use", code.singleUse},
           {"member", code.memberId},
           {"used", voucher.used}};
  if (code.validFrom) out["valid_from"] = dateToJson(*code.validFrom);
  if (code.validUntil) out["valid_until"] = dateToJson(*code.validUntil);
  return out;
}

// Lot ids and deficit currencies name one thing each.
template <typename T, typename Key>
void checkUnique(const std::vector<T>& items, Key key, const std::string& pointer, std::string_view what,
                 Issues& issues) {
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& id = key(items[i]);
    if (!id.empty() && !seen.insert(id).second) {
      issues.add(childPointer(pointer, i), "duplicate_id",
                 "the " + std::string(what) + " \"" + id + "\" appears twice.");
    }
  }
}

engine::MemberView readMember(const Json& document, Issues& issues) {
  ObjectReader reader(document, "", issues);
  engine::MemberView member;
  member.id = reader.requiredString("id");
  member.programId = reader.requiredString("program");
  member.kind = reader.optionalEnum("kind", kMemberKinds).value_or(engine::MemberKind::person);
  member.status = reader.optionalEnum("status", kMemberStatuses).value_or(engine::MemberStatus::active);
  member.displayName = reader.string("display_name");
  member.tier = reader.string("tier");
  member.segments = reader.stringList("segments");
  if (const Json* attributes = reader.optional("attributes")) {
    if (!attributes->is_object()) {
      issues.add("/attributes", "wrong_type", "expected an object of string values.");
    } else {
      for (const auto& [key, value] : attributes->items()) {
        const auto text = readString(value, childPointer("/attributes", key), issues, true);
        if (text) member.attributes.emplace(key, *text);
      }
    }
  }
  member.lots = readArray<engine::Lot>(reader, "lots", false, [](const Json& v, const std::string& p, Issues& i) {
    return readLot(v, p, Strictness::input, i);
  });
  checkUnique(member.lots, [](const engine::Lot& lot) -> const std::string& { return lot.id; }, "/lots", "lot id",
              issues);
  member.deficits = readArray<engine::Deficit>(
      reader, "deficits", false,
      [](const Json& v, const std::string& p, Issues& i) { return readDeficit(v, p, Strictness::input, i); });
  checkUnique(member.deficits, [](const engine::Deficit& d) -> const std::string& { return d.currency; },
              "/deficits", "deficit currency", issues);
  member.ruleUsage = readArray<engine::RuleUsage>(
      reader, "rule_usage", false,
      [](const Json& v, const std::string& p, Issues& i) { return readRuleUsage(v, p, Strictness::input, i); });
  member.redeemableUsage = readArray<engine::RedeemableUsage>(reader, "redeemable_usage", false, readRedeemableUsage);
  member.vouchers = readArray<engine::MemberVoucher>(
      reader, "vouchers", false,
      [&member](const Json& v, const std::string& p, Issues& i) { return readMemberVoucher(v, p, member.id, i); });
  checkUnique(member.vouchers, [](const engine::MemberVoucher& v) -> const std::string& { return v.voucher.code; },
              "/vouchers", "voucher code", issues);
  reader.finish();
  return member;
}

}  // namespace

engine::MemberView readMemberDocument(const nlohmann::json& document, Issues& issues) {
  return readMember(document, issues);
}

Result<engine::MemberView> parseMember(std::string_view jsonText) {
  return parseSingle<engine::MemberView>(jsonText, readMember);
}

nlohmann::json memberToJson(const engine::MemberView& member) {
  Json attributes = Json::object();
  for (const auto& [key, value] : member.attributes) attributes[key] = value;
  return Json{{"id", member.id},
              {"program", member.programId},
              {"kind", enumName(member.kind, kMemberKinds)},
              {"status", enumName(member.status, kMemberStatuses)},
              {"display_name", member.displayName},
              {"tier", member.tier},
              {"segments", member.segments},
              {"attributes", attributes},
              {"lots", arrayToJson(member.lots, lotToJson)},
              {"deficits", arrayToJson(member.deficits, deficitToJson)},
              {"rule_usage", arrayToJson(member.ruleUsage, ruleUsageToJson)},
              {"redeemable_usage", arrayToJson(member.redeemableUsage, redeemableUsageToJson)},
              {"vouchers", arrayToJson(member.vouchers, memberVoucherToJson)}};
}

}  // namespace loyalty::codec
