// A member as this terminal knows them now (SEMANTICS 7): the snapshot's view, or the view
// an enrollment at this terminal recorded, with the deltas of this terminal's entries that
// the snapshot does not include applied in sequence order; then a local tier upgrade.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/member.h"
#include "service/active_rules.h"
#include "store/ledger.h"
#include "store/snapshot_reader.h"

namespace loyalty::service {

struct MemberState {
  engine::MemberView view;
  bool provisional = false;                // enrolled here, HQ has not confirmed it yet
  engine::Points burnedToday = 0;          // points spent at this terminal today (store date)
  engine::Points unsyncedQualifying = 0;
  std::vector<store::LedgerEntry> localEntries;  // not in the snapshot yet, ascending
};

// nullopt: no such member in the snapshot or enrolled here. Errors: I/O, or a member
// record or ledger payload that does not decode ("corrupt_member", "corrupt_entry").
[[nodiscard]] Result<std::optional<MemberState>> loadMemberState(const store::SnapshotReader& snapshot,
                                                                 const store::Ledger& ledger,
                                                                 const ActiveRules& rules,
                                                                 const std::string& memberId,
                                                                 const engine::LocalDate& today);

}  // namespace loyalty::service
