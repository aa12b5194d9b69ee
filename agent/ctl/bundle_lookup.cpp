#include "bundle_lookup.h"

#include <array>
#include <cstdio>

#include <date/date.h>

namespace loyalty::ctl {

const engine::Program* findProgram(const engine::Bundle& bundle,
                                   const std::string& programId) noexcept {
  for (const auto& program : bundle.programs) {
    if (program.id == programId) return &program;
  }
  return nullptr;
}

std::string programCurrency(const engine::Bundle& bundle, const std::string& programId,
                            const std::string& storeId) {
  if (const auto* program = findProgram(bundle, programId)) return program->currency;
  for (const auto& store : bundle.stores) {
    if (store.id != storeId) continue;
    if (const auto* program = findProgram(bundle, store.defaultProgram)) {
      return program->currency;
    }
  }
  return {};
}

std::string redeemableName(const engine::Bundle& bundle, const std::string& programId,
                           const std::string& id) {
  if (const auto* program = findProgram(bundle, programId)) {
    for (const auto& redeemable : program->redeemables) {
      if (redeemable.id == id && !redeemable.name.empty()) return redeemable.name;
    }
  }
  return id;
}

std::string formatLocalDate(const engine::LocalDate& date) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer.data();
}

std::string formatSecondOfDay(int secondOfDay) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%02d:%02d:%02d", secondOfDay / 3600,
                secondOfDay / 60 % 60, secondOfDay % 60);
  return buffer.data();
}

std::string weekdayName(const engine::LocalDate& date) {
  static constexpr std::array<const char*, 7> kNames = {
      "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  const date::year_month_day ymd{date::year{date.year},
                                 date::month{static_cast<unsigned>(date.month)},
                                 date::day{static_cast<unsigned>(date.day)}};
  if (!ymd.ok()) return "?";
  return kNames[date::weekday{date::sys_days{ymd}}.c_encoding()];
}

}  // namespace loyalty::ctl
