// Builds test snapshots through the store's import interface: N members whose every field
// names the snapshot version, so a reader can tell which snapshot it saw.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "store/snapshot_store.h"
#include "store_test_support.h"

namespace loyalty::store::test {

inline std::string memberId(int i) { return "m-" + std::to_string(i); }

inline PublicKey keyBytes(std::uint8_t fill) {
  PublicKey key{};
  key.fill(fill);
  return key;
}

// Adds `members` members ("m-0"...), one card each ("c-<i>"), and one row of every other
// kind, all marked with `version`. Returns the error of the first failing call, if any.
inline Result<Done> addVersionedRows(SnapshotImport& import, std::int64_t version, int members) {
  const std::string tag = "v" + std::to_string(version);
  for (int i = 0; i < members; ++i) {
    MemberRecord member{memberId(i), "demo-de", engine::MemberStatus::active, tag, "tier-" + tag,
                        R"({"id":")" + memberId(i) + R"(","program":"demo-de","display_name":")" + tag + "\"}"};
    if (auto added = import.addMember(std::move(member)); !added) return added;
    if (auto added = import.addCard(CardRecord{"c-" + std::to_string(i), memberId(i)}); !added) return added;
  }
  if (auto a = import.addCardKey(CardKeyRecord{"hq-" + tag, keyBytes(static_cast<std::uint8_t>(version)), 100, 200}); !a) return a;
  if (auto a = import.addCampaignUsage(engine::CampaignUsage{"welcome500", version, version * 100, version * 1000}); !a) return a;
  if (auto a = import.addUsedVoucher("USED-" + tag); !a) return a;
  return import.addDisabledCampaign("off-" + tag);
}

inline void importVersion(SnapshotStore& store, std::int64_t version, int members) {
  auto import = store.beginSnapshotImport(sampleMeta(version));
  REQUIRE(import.ok());
  REQUIRE(addVersionedRows(*import.value(), version, members).ok());
  auto counts = import.value()->commit();
  REQUIRE(counts.ok());
  REQUIRE(counts->members == members);
}

}  // namespace loyalty::store::test
