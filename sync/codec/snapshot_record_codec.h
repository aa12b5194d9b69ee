// One snapshot record line <-> SnapshotRecord (docs/snapshot-format.md, "Records"). Used by
// SnapshotFileReader and the snapshot writer functions; not a public entry point.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include "codec/json_reader.h"
#include "codec/snapshot_codec.h"

namespace loyalty::codec {

using ProgramTiers = std::map<std::string, std::set<std::string>, std::less<>>;

// Reads the record of `type` from its line's document (the "type" member included);
// members are checked against the bundle's programs and their tiers. nullopt (with issues)
// on a problem, including an unknown type ("unknown_record_type").
[[nodiscard]] std::optional<SnapshotRecord> readSnapshotRecord(const Json& document, const std::string& type,
                                                              const ProgramTiers& programs, Issues& issues);

[[nodiscard]] Json snapshotRecordToJson(const SnapshotRecord& record);

}  // namespace loyalty::codec
