// What the terminal knows of a member (SEMANTICS 2, 7, 8): enough to price a basket.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bundle.h"
#include "calendar.h"
#include "money.h"

namespace loyalty::engine {

enum class MemberStatus { active, suspended, closed };
enum class MemberKind { person, account };  // account: B2B, several card holders, one balance

// Points of one accrual. An expiry date is included: spendable all that day.
struct Lot {
  std::string id;
  std::string currency;
  Points points = 0;                  // remaining, > 0
  LocalDate earnedOn;
  std::optional<LocalDate> expiresOn; // nullopt = never
  friend bool operator==(const Lot&, const Lot&) = default;
};

// Points a member owes in one currency after a return spent more than was left.
struct Deficit {
  std::string currency;
  Points points = 0;  // > 0
  friend bool operator==(const Deficit&, const Deficit&) = default;
};

// Points credited by an earning rule within one calendar period (for caps).
struct RuleUsage {
  std::string ruleId;
  Period period = Period::day;
  LocalDate periodStart;  // first day of the period; ignored for lifetime
  Points points = 0;
  friend bool operator==(const RuleUsage&, const RuleUsage&) = default;
};

// Uses of a redeemable by this member: lifetime total, and within one period.
struct RedeemableUsage {
  std::string redeemableId;
  std::int64_t total = 0;
  Period period = Period::day;
  LocalDate periodStart;
  std::int64_t inPeriod = 0;
  friend bool operator==(const RedeemableUsage&, const RedeemableUsage&) = default;
};

// A voucher issued to this member (member-bound codes).
struct MemberVoucher {
  VoucherCode voucher;
  bool used = false;
  friend bool operator==(const MemberVoucher&, const MemberVoucher&) = default;
};

struct MemberView {
  std::string id;
  std::string programId;
  MemberKind kind = MemberKind::person;
  MemberStatus status = MemberStatus::active;
  std::string displayName;
  std::string tier;
  std::vector<std::string> segments;
  std::map<std::string, std::string> attributes;
  std::vector<Lot> lots;
  std::vector<Deficit> deficits;
  std::vector<RuleUsage> ruleUsage;
  std::vector<RedeemableUsage> redeemableUsage;
  std::vector<MemberVoucher> vouchers;
  friend bool operator==(const MemberView&, const MemberView&) = default;
};

}  // namespace loyalty::engine
