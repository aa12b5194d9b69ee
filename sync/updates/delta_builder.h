// HQ's delta builder: the records that turn one snapshot state into another, and the
// matching apply. apply(base, diff(base, next)) == next for any two states (property-tested).
#pragma once

#include <optional>
#include <vector>

#include "engine/result.h"
#include "updates/delta_records.h"
#include "updates/snapshot_state.h"

namespace loyalty::updates {

// Every record of `next` that is new or differs from `base` as an upsert, every record of
// `base` missing from `next` as a removal; one record per key, ordered by type then key.
[[nodiscard]] std::vector<DeltaRecord> diffSnapshots(const SnapshotState& base, const SnapshotState& next);

// Applies every record, then checks references (checkReferences). On an error `state` may
// be partly changed: apply to a copy, or (the agent) into a new generation.
[[nodiscard]] std::optional<Error> applyDelta(SnapshotState& state, const std::vector<DeltaRecord>& records);

}  // namespace loyalty::updates
