// What one committed ledger entry changed for its member (SEMANTICS 7): a member's state
// at this terminal is the snapshot's state with the deltas of this terminal's entries that
// the snapshot does not include yet applied in sequence order. Deltas (not the states
// after) are kept because a newer snapshot may already hold some changes and not others.
#pragma once

#include <string>
#include <vector>

#include "bundle.h"
#include "member.h"
#include "money.h"

namespace loyalty::engine {

// A lot's points going up or down; a lot not known yet is created from the fields.
struct LotChange {
  Lot lot;            // id, currency, earnedOn, expiresOn; points unused
  Points delta = 0;   // +credited / -consumed
  friend bool operator==(const LotChange&, const LotChange&) = default;
};

struct DeficitChange {
  std::string currency;
  Points delta = 0;
  friend bool operator==(const DeficitChange&, const DeficitChange&) = default;
};

struct MemberDelta {
  std::vector<LotChange> lots;
  std::vector<DeficitChange> deficits;
  std::vector<RuleUsage> ruleUsageAdded;   // caps: points credited per rule and period
  std::vector<std::string> redeemablesUsed;        // member usage +1 each
  std::vector<std::string> redeemablesReleased;    // member usage -1 each (returns)
  std::vector<std::string> vouchersUsed;           // member-bound single-use codes now used
  std::vector<std::string> vouchersReinstated;
  Points qualifyingEarned = 0;             // for a local tier upgrade (net of reversals)
  Points burned = 0;                       // points spent here (offline allowance)
  LocalDate on;                            // store-local date of the entry
  friend bool operator==(const MemberDelta&, const MemberDelta&) = default;
};

// The lot and deficit changes between two states of one member (by lot id and currency).
void diffBalances(const MemberView& before, const std::vector<Lot>& lotsAfter,
                  const std::vector<Deficit>& deficitsAfter, MemberDelta& delta);

// Applies a delta; usage periods follow the redeemables' limits in `program` (may be null).
void applyDelta(MemberView& member, const MemberDelta& delta, const Program* program);

// Local tier upgrade (SEMANTICS 2): qualifying points are lots of the program's qualifying
// currencies (their expiry is the rolling window). When this terminal's unsynced entries
// earned some, the member moves up to the highest tier the unexpired total reaches; never
// down (only HQ lowers a tier).
void upgradeTier(MemberView& member, const Program& program, Points unsyncedQualifying,
                 const LocalDate& today);

}  // namespace loyalty::engine
