// The rules the terminal prices with: the active snapshot's bundle indexed once by the
// engine, this store's entry in it and its clock. Rebuilt when a snapshot is loaded and
// swapped as a whole (a quote holds a shared_ptr to the one it started with).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/pricing_engine.h"
#include "service/store_clock.h"
#include "store/snapshot_reader.h"

namespace loyalty::service {

struct ActiveRules {
  std::int64_t snapshotVersion = 0;
  std::int64_t snapshotCreatedAt = 0;     // unix seconds
  std::int64_t ledgerIncludedThrough = 0;
  std::string bundleHash;
  engine::PricingEngine engine;
  const engine::Store* store = nullptr;   // into engine.bundle()
  StoreClock clock;

  // The snapshot is older than the bundle's staleness limit: no burns (SEMANTICS 7).
  [[nodiscard]] bool staleAt(std::int64_t nowUnix) const;
  [[nodiscard]] const engine::Program* program(const std::string& id) const;
};

// Errors: no_snapshot (nothing imported yet), invalid_bundle (the snapshot's bundle does
// not load), unknown_store (the bundle does not list this terminal's store),
// unknown_time_zone.
[[nodiscard]] Result<std::shared_ptr<const ActiveRules>> loadActiveRules(const store::SnapshotReader& snapshot,
                                                                         const std::string& storeId);

}  // namespace loyalty::service
