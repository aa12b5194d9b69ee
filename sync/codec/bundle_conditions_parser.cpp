#include "codec/bundle_conditions_parser.h"

#include <algorithm>

#include "codec/enum_names.h"
#include "codec/time_text.h"
#include "engine/money.h"

namespace loyalty::codec {
namespace {

using engine::AttributeOp;

constexpr std::string_view kDayNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                          "friday", "saturday", "sunday"};

// A schedule bound: an RFC 3339 instant, or a date meaning the whole local day.
struct Bound {
  std::optional<std::int64_t> instant;
  std::optional<engine::LocalDate> date;
};

Bound parseBound(ObjectReader& reader, std::string_view key) {
  Bound bound;
  const std::optional<std::string> text = reader.optionalString(key);
  if (!text) return bound;
  if (text->size() == 10) {
    bound.date = parseDate(*text);
  } else {
    bound.instant = parseInstant(*text);
  }
  if (!bound.date && !bound.instant) {
    reader.issues().add(reader.pointerOf(key), "invalid_date",
                        "\"" + *text + "\" is neither a date \"YYYY-MM-DD\" nor an RFC 3339 instant "
                        "such as \"2026-03-01T08:00:00+01:00\".");
  }
  return bound;
}

std::uint8_t parseDays(const Json& value, const std::string& pointer, Issues& issues) {
  if (!value.is_array()) {
    (void)readStringList(value, pointer, issues);  // reports the wrong type
    return 0x7f;
  }
  if (value.empty()) {
    issues.add(pointer, "invalid_value", "an empty list of days would never apply; leave \"days\" out instead.");
    return 0x7f;
  }
  unsigned mask = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string itemPointer = childPointer(pointer, i);
    const std::optional<std::string> name = readString(value[i], itemPointer, issues);
    if (!name) continue;
    const auto* found = std::find(std::begin(kDayNames), std::end(kDayNames), *name);
    if (found == std::end(kDayNames)) {
      issues.add(itemPointer, "invalid_value", "\"" + *name + "\" is not a day; use monday, tuesday, ..., sunday.");
      continue;
    }
    const unsigned bit = 1u << static_cast<unsigned>(found - std::begin(kDayNames));
    if ((mask & bit) != 0) issues.add(itemPointer, "duplicate_value", "\"" + *name + "\" is listed twice.");
    mask |= bit;
  }
  return mask == 0 ? std::uint8_t{0x7f} : static_cast<std::uint8_t>(mask);
}

engine::TimeWindow parseWindow(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::TimeWindow window;
  const auto readTime = [&](std::string_view key, bool isEnd, int& out) {
    const std::string text = reader.requiredString(key);
    if (text.empty()) return false;
    const auto seconds = parseTimeOfDay(text, isEnd);
    if (!seconds) {
      issues.add(reader.pointerOf(key), "invalid_time",
                 "\"" + text + "\" is not a local time \"HH:MM\" or \"HH:MM:SS\"" +
                     (isEnd ? std::string(" (\"24:00\" ends at midnight).") : std::string(".")));
      return false;
    }
    out = *seconds;
    return true;
  };
  const bool hasStart = readTime("start", false, window.startSecond);
  const bool hasEnd = readTime("end", true, window.endSecond);
  if (hasStart && hasEnd && (window.startSecond == window.endSecond ||
                             (window.startSecond == 0 && window.endSecond == 86'400))) {
    issues.add(pointer, "invalid_time",
               "a window from start to end must cover part of the day; leave \"times\" out for all day.");
  }
  if (hasEnd && window.endSecond == 86'400) window.endSecond = 0;  // wraps to midnight
  reader.finish();
  return window;
}

}  // namespace

engine::Target parseTarget(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::Target target;
  target.skus = reader.stringList("skus");
  target.categories = reader.stringList("categories");
  target.excludeSkus = reader.stringList("exclude_skus");
  target.excludeCategories = reader.stringList("exclude_categories");
  reader.finish();
  return target;
}

engine::Schedule parseSchedule(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::Schedule schedule;
  const Bound start = parseBound(reader, "start");
  const Bound end = parseBound(reader, "end");
  schedule.startsAt = start.instant;
  schedule.startDate = start.date;
  schedule.endsAt = end.instant;
  schedule.endDate = end.date;
  if (start.instant && end.instant && *end.instant <= *start.instant) {
    issues.add(reader.pointerOf("end"), "invalid_range", "the end instant must come after the start.");
  }
  if (start.date && end.date && *end.date < *start.date) {
    issues.add(reader.pointerOf("end"), "invalid_range", "the end date must not come before the start date.");
  }
  if (const Json* days = reader.optional("days")) {
    schedule.daysOfWeek = parseDays(*days, reader.pointerOf("days"), issues);
  }
  reader.forEach("times", false, [&](const Json& item, const std::string& itemPointer, std::size_t) {
    schedule.windows.push_back(parseWindow(item, itemPointer, issues));
  });
  reader.finish();
  return schedule;
}

engine::Conditions parseConditions(const Json& value, const std::string& pointer, const ProgramScope& scope,
                                   Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::Conditions conditions;
  if (const Json* schedule = reader.optional("schedule")) {
    conditions.schedule = parseSchedule(*schedule, reader.pointerOf("schedule"), issues);
  }
  conditions.tiers = reader.stringList("tiers");
  scope.tiers.requireAll(conditions.tiers, reader.pointerOf("tiers"), issues);
  if (const std::optional<std::string> minTier = reader.optionalString("min_tier")) {
    // "min_tier": that tier and every higher one (tiers are listed in ascending order).
    if (scope.tiers.require(*minTier, reader.pointerOf("min_tier"), issues)) {
      const auto& ordered = scope.tiers.ids();
      for (auto it = std::find(ordered.begin(), ordered.end(), *minTier); it != ordered.end(); ++it) {
        if (std::find(conditions.tiers.begin(), conditions.tiers.end(), *it) == conditions.tiers.end()) {
          conditions.tiers.push_back(*it);
        }
      }
    }
  }
  conditions.segments = reader.stringList("segments");
  conditions.excludeSegments = reader.stringList("exclude_segments");
  reader.forEach("attributes", false, [&](const Json& item, const std::string& itemPointer, std::size_t) {
    ObjectReader test(item, itemPointer, issues);
    engine::AttributeTest attribute;
    attribute.key = test.requiredString("key");
    attribute.op = test.requiredEnum("op", kAttributeOps, AttributeOp::eq);
    const bool single = attribute.op == AttributeOp::eq || attribute.op == AttributeOp::ne;
    const bool list = attribute.op == AttributeOp::in || attribute.op == AttributeOp::not_in;
    if (single) {
      attribute.values.push_back(test.requiredString("value"));
    } else if (test.has("value")) {
      (void)test.optional("value");
      issues.add(test.pointerOf("value"), "not_applicable", "\"value\" is only for the ops eq and ne.");
    }
    if (list) {
      if (const Json* values = test.required("values")) {
        attribute.values = readStringList(*values, test.pointerOf("values"), issues);
        if (values->is_array() && values->empty()) {
          issues.add(test.pointerOf("values"), "invalid_value", "list at least one value.");
        }
      }
    } else if (test.has("values")) {
      (void)test.optional("values");
      issues.add(test.pointerOf("values"), "not_applicable", "\"values\" is only for the ops in and not_in.");
    }
    test.finish();
    conditions.attributes.push_back(std::move(attribute));
  });
  conditions.stores = reader.stringList("stores");
  conditions.regions = reader.stringList("regions");
  if (scope.bundle != nullptr) {
    scope.bundle->stores.requireAll(conditions.stores, reader.pointerOf("stores"), issues);
    scope.bundle->regions.requireAll(conditions.regions, reader.pointerOf("regions"), issues);
  }
  conditions.minAmount = reader.integer("min_amount", IntRange{0, engine::kMaxAmount}, 0);
  conditions.minQuantity = reader.integer("min_quantity", IntRange{0, engine::kMaxQuantity}, 0);
  conditions.requiredSkus = reader.stringList("required_skus");
  reader.finish();
  return conditions;
}

}  // namespace loyalty::codec
