#include "member_generator.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "ed25519_key.h"

namespace loyalty::ctl {
namespace {

constexpr std::array<const char*, 24> kFirstNames = {
    "Anna", "Ben",    "Claudia", "David",  "Elif",  "Felix",  "Greta", "Hannes", "Ida",   "Jürgen", "Klara", "Lukas",
    "Mia",  "Noah",   "Olga",    "Paul",   "Rosa",  "Stefan", "Tanja", "Uwe",    "Vera",  "Wolf",   "Yusuf", "Zoë"};
constexpr std::array<const char*, 8> kCompanies = {"Bäckerei Sonne GmbH", "Kita Regenbogen e.V.", "Müller Bau GmbH",
                                                    "Café Central OHG",    "Praxis Dr. Lang",      "Hotel Am Park KG",
                                                    "Blumen Krause",       "Autohaus Nord GmbH"};
constexpr std::array<int, 12> kMonthDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

std::string padded(std::int64_t number) {
  char text[24];
  std::snprintf(text, sizeof text, "%08lld", static_cast<long long>(number));
  return text;
}

void addUnique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

std::optional<engine::LocalDate> expiryOf(const engine::PointCurrency& currency, engine::LocalDate earned) {
  switch (currency.expiry.kind) {
    case engine::ExpiryKind::never: return std::nullopt;
    case engine::ExpiryKind::months_after: return engine::addMonths(earned, currency.expiry.months);
    case engine::ExpiryKind::end_of_quarter:
      return engine::endOfQuarter(engine::addMonths(earned, currency.expiry.months));
  }
  return std::nullopt;
}

}  // namespace

std::uint64_t SplitMix64::next() noexcept {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

MemberGenerator::MemberGenerator(const engine::Bundle& bundle, const engine::Store& store, std::uint64_t seed,
                                 engine::LocalDate today)
    : seed_(seed), today_(today) {
  for (const engine::Program& program : bundle.programs) {
    if (std::find(store.programs.begin(), store.programs.end(), program.id) == store.programs.end()) continue;
    ProgramFacts facts;
    facts.program = &program;
    for (const engine::PointCurrency& currency : program.pointCurrencies) {
      if (currency.kind == engine::CurrencyKind::reward && facts.reward == nullptr) facts.reward = &currency;
      for (const auto& extension : currency.expiry.extensions) addUnique(facts.segments, extension.segment);
    }
    if (program.burn) {
      for (const auto& currency : program.pointCurrencies) {
        if (currency.id == program.burn->currency) facts.reward = &currency;
      }
    }
    for (const engine::EarningRule& rule : program.earningRules) {
      for (const auto& segment : rule.conditions.segments) addUnique(facts.segments, segment);
      if (rule.cap) facts.cappedRules.push_back(&rule);
    }
    for (const engine::Redeemable& redeemable : program.redeemables) {
      for (const auto& segment : redeemable.conditions.segments) addUnique(facts.segments, segment);
      if (redeemable.limits.perMemberTotal || redeemable.limits.perMemberPerPeriod) {
        facts.limitedRedeemables.push_back(&redeemable);
      }
    }
    addUnique(facts.segments, "lapsed");
    programs_.push_back(std::move(facts));
  }
}

GeneratedMember MemberGenerator::generate(std::int64_t index) const {
  SplitMix64 random(seed_ ^ (static_cast<std::uint64_t>(index) * 0xd1b54a32d192ed03ULL));
  GeneratedMember out;
  engine::MemberView& member = out.view;
  const std::string number = padded(index + 1);
  member.id = "m-" + number;
  const ProgramFacts& facts = programs_[static_cast<std::size_t>(random.below(static_cast<std::int64_t>(programs_.size())))];
  const engine::Program& program = *facts.program;
  member.programId = program.id;
  const bool account = random.percent(3);
  member.kind = account ? engine::MemberKind::account : engine::MemberKind::person;
  const auto status = random.below(100);
  member.status = status < 96 ? engine::MemberStatus::active
                              : (status < 99 ? engine::MemberStatus::suspended : engine::MemberStatus::closed);
  member.displayName = account ? kCompanies[static_cast<std::size_t>(random.below(kCompanies.size()))]
                               : std::string(kFirstNames[static_cast<std::size_t>(random.below(kFirstNames.size()))]) +
                                     " " + static_cast<char>('A' + random.below(26)) + ".";
  // Lower tiers are more common: weights (n - k)^2.
  const auto tiers = static_cast<std::int64_t>(program.tiers.size());
  std::size_t tierIndex = 0;
  if (tiers > 0) {
    std::int64_t total = 0;
    for (std::int64_t k = 0; k < tiers; ++k) total += (tiers - k) * (tiers - k);
    std::int64_t pick = random.below(total);
    while (pick >= (tiers - static_cast<std::int64_t>(tierIndex)) * (tiers - static_cast<std::int64_t>(tierIndex))) {
      pick -= (tiers - static_cast<std::int64_t>(tierIndex)) * (tiers - static_cast<std::int64_t>(tierIndex));
      ++tierIndex;
    }
    member.tier = program.tiers[tierIndex].id;
  }
  for (const std::string& segment : facts.segments) {
    if (random.percent(10)) member.segments.push_back(segment);
  }
  if (!program.country.empty()) member.attributes.emplace("country", program.country);
  const auto month = random.below(12);
  const auto day = 1 + random.below(kMonthDays[static_cast<std::size_t>(month)]);
  char birthday[8];
  std::snprintf(birthday, sizeof birthday, "%02d-%02d", static_cast<int>(month + 1), static_cast<int>(day));
  member.attributes.emplace("birthday", birthday);
  addLots(random, facts, member, tierIndex);
  addUsage(random, facts, member);

  const int cards = account ? 2 + static_cast<int>(random.below(2)) : 1;
  for (int c = 1; c <= cards; ++c) out.cards.push_back("C" + number + "-" + std::to_string(c));
  if (random.percent(account ? 20 : 1)) out.revokedCards.push_back(out.cards.back());  // a lost card
  if (!account && member.status == engine::MemberStatus::active && random.percent(5)) {
    const std::string keyId = "dk-" + number;
    out.deviceKey = codec::SnapshotDeviceKey{keyId, member.id, derivedPublicKey(kDeviceKeyLabel, seed_, keyId),
                                             random.percent(2)};
  }
  if (random.percent(1)) out.offlineAllowance = 500 + 50 * random.below(91);
  return out;
}

void MemberGenerator::addLots(SplitMix64& random, const ProgramFacts& facts, engine::MemberView& member,
                              std::size_t tierIndex) const {
  const engine::Program& program = *facts.program;
  const std::int64_t todayDays = engine::daysFromCivil(today_);
  if (facts.reward != nullptr) {
    const auto lots = random.below(5);
    for (std::int64_t n = 0; n < lots; ++n) {
      const engine::LocalDate earned = engine::civilFromDays(todayDays - 1 - random.below(365));
      const auto expires = expiryOf(*facts.reward, earned);
      if (expires && *expires < today_) continue;  // HQ drops expired lots
      member.lots.push_back(engine::Lot{member.id + "/s" + std::to_string(n) + "/" + facts.reward->id,
                                        facts.reward->id, 10 + random.below(1990), earned, expires});
    }
  }
  if (!program.qualifyingCurrency.empty() && !program.tiers.empty()) {
    // Enough qualifying points for the tier HQ assigned, not enough for the next one.
    const engine::Points floor = program.tiers[tierIndex].threshold;
    const engine::Points ceiling =
        tierIndex + 1 < program.tiers.size() ? program.tiers[tierIndex + 1].threshold : floor * 2 + 1000;
    const engine::Points points = floor + random.below(std::max<engine::Points>(1, ceiling - floor));
    if (points > 0) {
      const engine::LocalDate earned = engine::civilFromDays(todayDays - 1 - random.below(300));
      std::optional<engine::LocalDate> expires;
      for (const auto& currency : program.pointCurrencies) {
        if (currency.id == program.qualifyingCurrency) expires = expiryOf(currency, earned);
      }
      if (!expires || !(*expires < today_)) {
        member.lots.push_back(engine::Lot{member.id + "/q/" + program.qualifyingCurrency, program.qualifyingCurrency,
                                          points, earned, expires});
      }
    }
  }
  if (facts.reward != nullptr && random.percent(1)) {
    member.deficits.push_back(engine::Deficit{facts.reward->id, 1 + random.below(200)});  // a return after spending
  }
}

void MemberGenerator::addUsage(SplitMix64& random, const ProgramFacts& facts, engine::MemberView& member) const {
  for (const engine::EarningRule* rule : facts.cappedRules) {
    if (!random.percent(5)) continue;
    const engine::Points most = std::max<engine::Points>(1, rule->cap->maxPoints);
    member.ruleUsage.push_back(engine::RuleUsage{rule->id, rule->cap->period,
                                                 engine::periodStart(rule->cap->period, today_), random.below(most)});
  }
  for (const engine::Redeemable* redeemable : facts.limitedRedeemables) {
    if (!random.percent(5)) continue;
    const engine::RedeemableLimits& limits = redeemable->limits;
    const std::int64_t total = 1 + random.below(std::max<std::int64_t>(1, limits.perMemberTotal.value_or(5)));
    const std::int64_t inPeriod =
        std::min(total, random.below(1 + std::max<std::int64_t>(1, limits.perMemberPerPeriod.value_or(1))));
    member.redeemableUsage.push_back(engine::RedeemableUsage{redeemable->id, total, limits.period,
                                                             engine::periodStart(limits.period, today_), inPeriod});
  }
}

}  // namespace loyalty::ctl
