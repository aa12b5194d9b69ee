#include "codec/bundle_loader.h"

#include <algorithm>
#include <set>
#include <string_view>

#include <date/tz.h>

#include "codec/bundle_program_parser.h"
#include "codec/bundle_scope.h"
#include "codec/json_document.h"
#include "codec/json_reader.h"
#include "engine/money.h"

namespace loyalty::codec {
namespace {

constexpr std::int64_t kSupportedFormat = 1;
constexpr IntRange kStackingCount{0, 1000};

bool knownTimeZone(const std::string& name) {
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;  // date/tz throws std::runtime_error for unknown names
  }
}

std::vector<engine::Store> parseStores(ObjectReader& reader, BundleScope& scope) {
  Issues& issues = reader.issues();
  std::vector<engine::Store> stores;
  reader.forEach("stores", true, [&](const Json& item, const std::string& pointer, std::size_t) {
    ObjectReader entry(item, pointer, issues);
    engine::Store store;
    store.id = entry.requiredString("id");
    store.name = entry.string("name", store.id);
    store.region = entry.string("region");
    store.timeZone = entry.requiredString("time_zone");
    if (!store.timeZone.empty() && !knownTimeZone(store.timeZone)) {
      issues.add(entry.pointerOf("time_zone"), "invalid_time_zone",
                 "\"" + store.timeZone + "\" is not an IANA time zone such as \"Europe/Berlin\".");
    }
    store.programs = entry.stringList("programs");
    if (const Json* programs = entry.required("programs"); programs && programs->is_array() && programs->empty()) {
      issues.add(entry.pointerOf("programs"), "invalid_value", "a store serves at least one program.");
    }
    store.defaultProgram = entry.requiredString("default_program");
    entry.finish();
    scope.stores.define(store.id, pointer, issues);
    if (!store.region.empty() && !scope.regions.contains(store.region)) {
      scope.regions.define(store.region, entry.pointerOf("region"), issues);
    }
    stores.push_back(std::move(store));
  });
  return stores;
}

void checkStorePrograms(const std::vector<engine::Store>& stores, const IdSet& programIds, Issues& issues) {
  for (std::size_t i = 0; i < stores.size(); ++i) {
    const std::string pointer = childPointer("/stores", i);
    const engine::Store& store = stores[i];
    programIds.requireAll(store.programs, childPointer(pointer, "programs"), issues);
    if (store.defaultProgram.empty()) continue;
    if (std::find(store.programs.begin(), store.programs.end(), store.defaultProgram) == store.programs.end()) {
      issues.add(childPointer(pointer, "default_program"), "unknown_reference",
                 "the default program \"" + store.defaultProgram + "\" is not among the programs the store serves.");
    }
  }
}

engine::StackingLimits parseStacking(ObjectReader& reader, const std::vector<engine::Program>& programs) {
  engine::StackingLimits limits;
  const Json* value = reader.optional("stacking");
  if (!value) return limits;
  Issues& issues = reader.issues();
  ObjectReader stacking(*value, reader.pointerOf("stacking"), issues);
  limits.maxPerBasket = static_cast<int>(stacking.integer("max_per_basket", kStackingCount, 0));
  limits.defaultMaxPerCategory = static_cast<int>(stacking.integer("default_max_per_category", kStackingCount, 0));
  if (const Json* perCategory = stacking.optional("max_per_category")) {
    const std::string pointer = stacking.pointerOf("max_per_category");
    std::set<std::string, std::less<>> categories;
    for (const auto& program : programs) {
      for (const auto& r : program.redeemables) categories.insert(r.stackingCategory);
    }
    if (!perCategory->is_object()) {
      issues.add(pointer, "wrong_type", "expected an object mapping stacking categories to limits.");
    } else {
      for (const auto& [category, limit] : perCategory->items()) {
        const std::string itemPointer = childPointer(pointer, category);
        const auto count = readInt(limit, itemPointer, IntRange{1, 1000}, issues);
        if (categories.count(category) == 0) {
          issues.add(itemPointer, "unknown_reference",
                     "no redeemable has the stacking category \"" + category + "\" (a typo?).");
        }
        if (count) limits.maxPerCategory[category] = static_cast<int>(*count);
      }
    }
  }
  stacking.finish();
  return limits;
}

engine::TerminalSettings parseTerminal(ObjectReader& reader) {
  engine::TerminalSettings settings;
  const Json* value = reader.required("terminal");
  if (!value) return settings;
  ObjectReader terminal(*value, reader.pointerOf("terminal"), reader.issues());
  settings.offlineBurnLimitPerDay = terminal.requiredInt("offline_burn_limit_per_day", IntRange{0, engine::kMaxAmount});
  // At most ten years: a larger limit is a unit mistake (milliseconds?).
  settings.snapshotStalenessSeconds = terminal.requiredInt("snapshot_staleness_seconds", IntRange{0, 315'360'000});
  terminal.finish();
  return settings;
}

// Orders issues by where they are: pointer segments compared in turn, numbers as numbers
// (so /programs/2 comes before /programs/10), a parent before its children.
bool pointerBefore(const Issue& a, const Issue& b) {
  std::string_view x = a.pointer;
  std::string_view y = b.pointer;
  while (!x.empty() && !y.empty()) {
    x.remove_prefix(1);
    y.remove_prefix(1);
    const std::string_view sx = x.substr(0, x.find('/'));
    const std::string_view sy = y.substr(0, y.find('/'));
    const bool nx = !sx.empty() && sx.find_first_not_of("0123456789") == std::string_view::npos;
    const bool ny = !sy.empty() && sy.find_first_not_of("0123456789") == std::string_view::npos;
    if (nx && ny && sx.size() != sy.size()) return sx.size() < sy.size();
    if (sx != sy) return sx < sy;
    x.remove_prefix(sx.size());
    y.remove_prefix(sy.size());
  }
  return x.empty() && !y.empty();
}

}  // namespace

BundleLoad loadBundle(std::string_view jsonText) {
  Issues issues;
  BundleLoad load;
  const std::optional<Json> document = parseDocument(jsonText, issues);
  if (!document) {
    load.issues = issues.take();
    return load;
  }
  ObjectReader reader(*document, "", issues);
  engine::Bundle bundle;
  if (const Json* format = reader.required("format")) {
    const auto number = readInt(*format, "/format", kAnyInt, issues);
    if (number && *number != kSupportedFormat) {
      issues.add("/format", "unsupported_format",
                 "format " + std::to_string(*number) + " is not supported; this loader reads format 1.");
    }
    bundle.format = static_cast<int>(kSupportedFormat);
  }
  bundle.version = reader.requiredInt("version", IntRange{0, INT64_MAX});
  (void)reader.optionalString("description");

  BundleScope scope;
  bundle.stores = parseStores(reader, scope);
  IdSet programIds("program");
  reader.forEach("programs", true, [&](const Json& item, const std::string& pointer, std::size_t) {
    bundle.programs.push_back(parseProgram(item, pointer, scope, issues));
    programIds.define(bundle.programs.back().id, pointer, issues);
  });
  if (const Json* programs = reader.optional("programs"); programs && programs->is_array() && programs->empty()) {
    issues.add("/programs", "invalid_value", "a bundle holds at least one program.");
  }
  checkStorePrograms(bundle.stores, programIds, issues);
  bundle.stacking = parseStacking(reader, bundle.programs);
  bundle.terminal = parseTerminal(reader);
  reader.finish();

  if (!issues.empty()) {
    load.issues = issues.take();
    std::stable_sort(load.issues.begin(), load.issues.end(), pointerBefore);
    return load;
  }
  bundle.hash = bundleHash(*document);
  load.bundle = std::move(bundle);
  return load;
}

}  // namespace loyalty::codec
