#include "wire/ledger_batch.h"

#include <array>
#include <utility>

namespace loyalty::wire {
namespace {

constexpr std::array<std::pair<std::string_view, RefusalReason>, 5> kReasons{{
    {"id_reused_with_other_content", RefusalReason::id_reused_with_other_content},
    {"sequence_reused", RefusalReason::sequence_reused},
    {"sequence_gap", RefusalReason::sequence_gap},
    {"bad_hash", RefusalReason::bad_hash},
    {"broken_chain", RefusalReason::broken_chain},
}};

}  // namespace

codec::EntryHashFields hashFields(const WireEntry& entry) noexcept {
  return codec::EntryHashFields{entry.id,         entry.terminalId, entry.sequence,   entry.kind,
                                entry.saleRef,    entry.memberId,   entry.wallTimeMs, entry.monotonicNs,
                                entry.bundleHash, entry.payload,    entry.prevHash};
}

bool hashMatches(const WireEntry& entry) { return codec::entryHash(hashFields(entry)) == entry.hash; }

std::string_view toString(RefusalReason reason) noexcept {
  for (const auto& [name, value] : kReasons) {
    if (value == reason) return name;
  }
  return "?";
}

std::optional<RefusalReason> refusalReasonFromString(std::string_view text) noexcept {
  for (const auto& [name, value] : kReasons) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace loyalty::wire
