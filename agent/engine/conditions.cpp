#include "conditions.h"

#include <algorithm>
#include <string>

namespace loyalty::engine {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) noexcept {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool anyOf(const std::vector<std::string>& wanted, const std::vector<std::string>& have) noexcept {
  for (const auto& w : wanted) {
    if (contains(have, w)) return true;
  }
  return false;
}

// Whether `second` of a day whose weekday is allowed (`today`) and whose previous weekday
// is allowed (`yesterday`) falls in the window. A window that wraps past midnight
// (22:00-02:00) belongs to the day it starts on: its early-morning part needs yesterday.
// Equal bounds mean the whole day.
bool inWindow(const TimeWindow& window, int second, bool today, bool yesterday) noexcept {
  if (window.endSecond > window.startSecond) {
    return today && second >= window.startSecond && second < window.endSecond;
  }
  if (window.endSecond == window.startSecond) return today;
  return (today && second >= window.startSecond) || (yesterday && second < window.endSecond);
}

bool attributeHolds(const AttributeTest& test, const MemberView& member, const QuoteTime& time) {
  const auto it = member.attributes.find(test.key);
  const bool present = it != member.attributes.end();
  switch (test.op) {
    case AttributeOp::exists: return present;
    case AttributeOp::missing: return !present;
    case AttributeOp::eq: return present && !test.values.empty() && it->second == test.values.front();
    case AttributeOp::ne: return !present || test.values.empty() || it->second != test.values.front();
    case AttributeOp::in: return present && contains(test.values, it->second);
    case AttributeOp::not_in: return !present || !contains(test.values, it->second);
    case AttributeOp::today_month_day: {
      if (!present) return false;
      // The attribute holds "MM-DD" (or a full date ending in it, e.g. 1990-05-14).
      const std::string& value = it->second;
      if (value.size() < 5) return false;
      const std::string tail = value.substr(value.size() - 5);
      char today[6] = {static_cast<char>('0' + time.localDate.month / 10),
                       static_cast<char>('0' + time.localDate.month % 10), '-',
                       static_cast<char>('0' + time.localDate.day / 10),
                       static_cast<char>('0' + time.localDate.day % 10), '\0'};
      return tail == today;
    }
  }
  return false;
}

}  // namespace

std::optional<Reason> checkSchedule(const Schedule& schedule, const QuoteTime& time) noexcept {
  if (schedule.startsAt && time.epochSeconds < *schedule.startsAt) return Reason::not_started;
  if (schedule.startDate && time.localDate < *schedule.startDate) return Reason::not_started;
  if (schedule.endsAt && time.epochSeconds >= *schedule.endsAt) return Reason::expired;
  if (schedule.endDate && time.localDate > *schedule.endDate) return Reason::expired;
  const int weekday = weekdayIndex(time.localDate);
  const bool today = (schedule.daysOfWeek & (1u << weekday)) != 0;
  if (schedule.windows.empty()) return today ? std::nullopt : std::optional<Reason>(Reason::outside_schedule);
  const bool yesterday = (schedule.daysOfWeek & (1u << ((weekday + 6) % 7))) != 0;
  const bool inside = std::any_of(schedule.windows.begin(), schedule.windows.end(), [&](const TimeWindow& w) {
    return inWindow(w, time.localSecondOfDay, today, yesterday);
  });
  if (!inside) return Reason::outside_schedule;
  return std::nullopt;
}

std::optional<Reason> checkMember(const Conditions& conditions, const MemberView* member,
                                  const QuoteTime& time) noexcept {
  const bool needsMember = !conditions.tiers.empty() || !conditions.segments.empty() ||
                           !conditions.excludeSegments.empty() || !conditions.attributes.empty();
  if (!needsMember) return std::nullopt;
  if (member == nullptr) return Reason::member_required;
  if (!conditions.tiers.empty() && !contains(conditions.tiers, member->tier)) return Reason::tier_required;
  if (!conditions.segments.empty() && !anyOf(conditions.segments, member->segments)) {
    return Reason::segment_required;
  }
  if (anyOf(conditions.excludeSegments, member->segments)) return Reason::segment_required;
  for (const auto& test : conditions.attributes) {
    if (!attributeHolds(test, *member, time)) return Reason::attribute_required;
  }
  return std::nullopt;
}

std::optional<Reason> checkStore(const Conditions& conditions, const Store& store) noexcept {
  if (!conditions.stores.empty() && !contains(conditions.stores, store.id)) return Reason::store_not_eligible;
  if (!conditions.regions.empty() && !contains(conditions.regions, store.region)) {
    return Reason::store_not_eligible;
  }
  return std::nullopt;
}

bool hasRequiredItems(const Conditions& conditions, const std::vector<BasketLine>& lines) noexcept {
  for (const auto& sku : conditions.requiredSkus) {
    const bool found = std::any_of(lines.begin(), lines.end(), [&](const BasketLine& l) { return l.sku == sku; });
    if (!found) return false;
  }
  return true;
}

bool lineMatches(const Target& target, const BasketLine& line) noexcept {
  if (!target.isBasket()) {
    const bool included = contains(target.skus, line.sku) || anyOf(target.categories, line.categories);
    if (!included) return false;
  }
  if (contains(target.excludeSkus, line.sku)) return false;
  if (anyOf(target.excludeCategories, line.categories)) return false;
  return true;
}

std::optional<Reason> checkStatic(const Conditions& conditions, const MemberView* member, const Store& store,
                                  const QuoteTime& time, const std::vector<BasketLine>& lines) noexcept {
  if (conditions.schedule) {
    if (auto reason = checkSchedule(*conditions.schedule, time)) return reason;
  }
  if (auto reason = checkStore(conditions, store)) return reason;
  if (auto reason = checkMember(conditions, member, time)) return reason;
  if (!hasRequiredItems(conditions, lines)) return Reason::items_required;
  return std::nullopt;
}

}  // namespace loyalty::engine
