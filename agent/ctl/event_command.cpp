#include "event_command.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "bundle_lookup.h"
#include "codec/quote_parts_codec.h"
#include "codec/value_codec.h"
#include "command_inputs.h"
#include "engine/pricing_engine.h"
#include "iso_instant.h"
#include "service/store_clock.h"
#include "text/text_table.h"

namespace loyalty::ctl {

using text::Align;
using text::TextTable;

using service::StoreClock;

namespace {

Result<std::string> zoneFor(const EventOptions& options, const engine::Bundle& bundle,
                            const engine::MemberView& member) {
  if (options.timeZone) return *options.timeZone;
  for (const auto& store : bundle.stores) {
    for (const auto& program : store.programs) {
      if (program == member.programId) return store.timeZone;
    }
  }
  return makeError(ErrorCode::unknown_reference, "no_store_for_program",
                   "No store serves the program '" + member.programId +
                       "', so there is no time zone for its cap periods; give --time-zone.");
}

nlohmann::json earnedJson(const std::vector<engine::EarnedRule>& earned) {
  std::string text;
  codec::JsonWriter writer(text);
  writer.array(earned, codec::writeEarned);
  return nlohmann::json::parse(text);
}

std::string renderJson(const EventOptions& options, const engine::MemberView& member,
                       const std::string& creditId, const engine::EventCredit& credit) {
  const nlohmann::json out{
      {"credit_id", creditId},
      {"event", options.event},
      {"member", member.id},
      {"program", member.programId},
      {"earned", earnedJson(credit.earned)},
      {"rule_usage_added", codec::arrayToJson(credit.ruleUsageAdded, codec::ruleUsageToJson)},
      {"lots_after", codec::arrayToJson(credit.lotsAfter, codec::lotToJson)},
      {"deficits_after", codec::arrayToJson(credit.deficitsAfter, codec::deficitToJson)}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string renderText(const EventOptions& options, const engine::MemberView& member,
                       const std::string& creditId, const engine::EventCredit& credit,
                       const engine::QuoteTime& time, const std::string& zone) {
  std::string out = "Event " + options.event + " (credit " + creditId + ")\n";
  out += "  Member   " + member.id + ", program " + member.programId + "\n";
  out += "  Time     " + formatLocalDate(time.localDate) + " " +
         formatSecondOfDay(time.localSecondOfDay) + " " + weekdayName(time.localDate) + " " +
         zone + " (" + formatIsoInstant(time.epochSeconds) + ")\n\n";
  if (credit.earned.empty()) {
    out += member.status == engine::MemberStatus::active
               ? "  No points: no rule credits this event now (or its cap is used up).\n"
               : "  No points: the member is not active.\n";
  } else {
    TextTable table({{"Earned by rule", Align::left},
                     {"Name", Align::left},
                     {"Currency", Align::left},
                     {"Points", Align::right},
                     {"Note", Align::left}});
    for (const auto& rule : credit.earned) {
      table.addRow({rule.ruleId, rule.name, rule.currency, "+" + std::to_string(rule.points),
                    rule.uncapped != rule.points
                        ? "capped (" + std::to_string(rule.uncapped) + " before the cap)"
                        : std::string()});
    }
    out += table.render(2);
  }
  const std::string lotPrefix = creditId + "/";
  for (const auto& lot : credit.lotsAfter) {
    if (lot.id.rfind(lotPrefix, 0) != 0) continue;
    out += "  New lot " + lot.id + ": " + std::to_string(lot.points) + " " + lot.currency +
           " points, expires " + (lot.expiresOn ? formatLocalDate(*lot.expiresOn) : "never") + "\n";
  }
  for (const auto& usage : credit.ruleUsageAdded) {
    out += "  Cap counter of rule " + usage.ruleId + " from " + formatLocalDate(usage.periodStart) +
           ": +" + std::to_string(usage.points) + " points\n";
  }
  return out;
}

}  // namespace

Result<std::string> runEvent(const EventOptions& options, std::int64_t nowEpochSeconds) {
  std::int64_t instant = nowEpochSeconds;
  if (options.at) {
    auto parsed = parseIsoInstant(*options.at);
    if (!parsed) return parsed.error();
    instant = parsed.value();
  }
  if (options.event.empty()) {
    return makeError(ErrorCode::invalid_input, "bad_event", "--event needs an event name.");
  }
  auto bundle = loadBundleFile(options.bundlePath);
  if (!bundle) return bundle.error();
  auto member = loadMemberFile(options.memberPath);
  if (!member) return member.error();

  auto zone = zoneFor(options, bundle.value(), member.value());
  if (!zone) return zone.error();
  auto clock = StoreClock::forZone(zone.value());
  if (!clock) return clock.error();
  const engine::QuoteTime time = clock->at(instant);
  std::string creditId = options.creditId.value_or("");
  if (creditId.empty()) creditId = member->id + "-" + options.event + "-" + formatIsoInstant(instant);

  const engine::PricingEngine engine(std::move(bundle).value());
  auto credit = engine.creditEvent(member.value(), options.event, creditId, time);
  if (!credit) return credit.error();
  if (options.format == OutputFormat::text) {
    return renderText(options, member.value(), creditId, credit.value(), time, zone.value());
  }
  return renderJson(options, member.value(), creditId, credit.value());
}

}  // namespace loyalty::ctl
