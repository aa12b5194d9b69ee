#include "service/member_state.h"

#include "codec/ledger_payload_codec.h"
#include "codec/member_codec.h"
#include "engine/member_delta.h"

namespace loyalty::service {
namespace {

Error corrupt(const std::string& reason, const std::string& what, const Error& cause) {
  return makeError(ErrorCode::parse_error, reason, what + " does not decode: " + cause.message);
}

// The member an enrollment entry of this terminal recorded.
Result<std::optional<engine::MemberView>> enrolledView(const std::vector<store::LedgerEntry>& entries) {
  for (const auto& entry : entries) {
    if (entry.kind != store::EntryKind::enrollment) continue;
    auto payload = codec::parseEntryPayload(entry.payload);
    if (!payload) return corrupt("corrupt_entry", "ledger entry " + std::to_string(entry.sequence), payload.error());
    const auto it = payload->detail.find("enrollment");
    if (it == payload->detail.end() || !it->contains("member")) continue;
    auto member = codec::parseMember(it->at("member").dump());
    if (!member) return corrupt("corrupt_entry", "ledger entry " + std::to_string(entry.sequence), member.error());
    return std::optional<engine::MemberView>(std::move(member.value()));
  }
  return std::optional<engine::MemberView>();
}

}  // namespace

Result<std::optional<MemberState>> loadMemberState(const store::SnapshotReader& snapshot, const store::Ledger& ledger,
                                                   const ActiveRules& rules, const std::string& memberId,
                                                   const engine::LocalDate& today) {
  auto entries = ledger.entriesForMember(memberId, rules.ledgerIncludedThrough);
  if (!entries) return entries.error();
  MemberState state;
  auto record = snapshot.findMember(memberId);
  if (!record) return record.error();
  if (record.value()) {
    auto view = codec::parseMember(record.value()->viewText);
    if (!view) return corrupt("corrupt_member", "the snapshot's member " + memberId, view.error());
    state.view = std::move(view.value());
  } else {
    // Enrolled at this till: its enrollment entry may be before the snapshot's mark when
    // HQ has not confirmed the member yet, so look through all of the member's entries.
    auto all = ledger.entriesForMember(memberId, 0);
    if (!all) return all.error();
    auto enrolled = enrolledView(all.value());
    if (!enrolled) return enrolled.error();
    if (!enrolled.value()) return std::optional<MemberState>();
    state.view = std::move(*enrolled.value());
    state.provisional = true;
    entries = std::move(all);
  }
  const engine::Program* program = rules.program(state.view.programId);
  for (const auto& entry : entries.value()) {
    if (entry.kind == store::EntryKind::enrollment) continue;
    auto payload = codec::parseEntryPayload(entry.payload);
    if (!payload) return corrupt("corrupt_entry", "ledger entry " + std::to_string(entry.sequence), payload.error());
    engine::applyDelta(state.view, payload->memberDelta, program);
    state.unsyncedQualifying += payload->memberDelta.qualifyingEarned;
    if (payload->memberDelta.on == today) state.burnedToday += payload->memberDelta.burned;
  }
  if (program != nullptr) engine::upgradeTier(state.view, *program, state.unsyncedQualifying, today);
  state.localEntries = std::move(entries.value());
  return std::optional<MemberState>(std::move(state));
}

}  // namespace loyalty::service
