#include "service/active_rules.h"

#include <utility>

#include "codec/bundle_loader.h"

namespace loyalty::service {

bool ActiveRules::staleAt(std::int64_t nowUnix) const {
  const std::int64_t limit = engine.bundle().terminal.snapshotStalenessSeconds;
  return limit > 0 && nowUnix - snapshotCreatedAt > limit;
}

const engine::Program* ActiveRules::program(const std::string& id) const {
  for (const auto& program : engine.bundle().programs) {
    if (program.id == id) return &program;
  }
  return nullptr;
}

Result<std::shared_ptr<const ActiveRules>> loadActiveRules(const store::SnapshotReader& snapshot,
                                                           const std::string& storeId) {
  auto meta = snapshot.meta();
  if (!meta) return meta.error();
  if (!meta.value()) {
    return makeError(ErrorCode::unknown_reference, "no_snapshot",
                     "No snapshot has been loaded on this terminal yet.");
  }
  codec::BundleLoad load = codec::loadBundle(meta.value()->bundleText);
  if (!load.bundle) {
    const codec::Issue& first = load.issues.front();
    return makeError(ErrorCode::rejected, "invalid_bundle",
                     "The snapshot's bundle does not load: " + first.pointer + ": " + first.message);
  }
  const engine::Store* found = nullptr;
  for (const auto& store : load.bundle->stores) {
    if (store.id == storeId) found = &store;
  }
  if (found == nullptr) {
    return makeError(ErrorCode::unknown_reference, "unknown_store",
                     "The snapshot's bundle has no store " + storeId + ".");
  }
  auto clock = StoreClock::forZone(found->timeZone);
  if (!clock) return clock.error();
  engine::PricingEngine engine(std::move(*load.bundle));
  const engine::Store* store = nullptr;
  for (const auto& s : engine.bundle().stores) {
    if (s.id == storeId) store = &s;
  }
  auto rules = std::shared_ptr<ActiveRules>(new ActiveRules{meta.value()->version, meta.value()->createdAt,
                                                            meta.value()->ledgerIncludedThrough,
                                                            meta.value()->bundleHash, std::move(engine), store,
                                                            std::move(clock.value())});
  return std::shared_ptr<const ActiveRules>(std::move(rules));
}

}  // namespace loyalty::service
