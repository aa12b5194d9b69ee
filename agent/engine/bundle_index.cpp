#include "bundle_index.h"

#include <algorithm>

namespace loyalty::engine {
namespace {

template <typename T>
void sortById(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.id < b.id; });
}

template <typename Map>
auto findOrNull(const Map& map, std::string_view key) -> typename Map::mapped_type {
  const auto it = map.find(key);
  return it == map.end() ? nullptr : it->second;
}

void indexAutomatic(ProgramIndex& index) {
  for (const auto& redeemable : index.program->redeemables) {
    if (redeemable.kind == RedeemableKind::promotion && redeemable.automatic) {
      index.automatic.push_back(&redeemable);
    }
  }
  for (std::size_t i = 0; i < index.automatic.size(); ++i) {
    const Effect& effect = index.automatic[i]->effect;
    // A promotion is reachable from every SKU or category in its target (and, for
    // buy X get Y, its "get" target).
    std::vector<const Target*> targets{&effect.target};
    if (effect.getTarget) targets.push_back(&*effect.getTarget);
    bool basketWide = false;
    for (const Target* target : targets) {
      if (target->isBasket()) basketWide = true;
      for (const auto& sku : target->skus) index.automaticBySku[sku].push_back(i);
      for (const auto& category : target->categories) index.automaticByCategory[category].push_back(i);
    }
    if (basketWide) index.automaticBasketWide.push_back(i);
  }
}

}  // namespace

const Campaign* ProgramIndex::campaign(std::string_view id) const { return findOrNull(campaigns, id); }
const Tier* ProgramIndex::tier(std::string_view id) const { return findOrNull(tiers, id); }
const PointCurrency* ProgramIndex::currency(std::string_view id) const { return findOrNull(currencies, id); }

BundleIndex::BundleIndex(Bundle bundle) : bundle_(std::move(bundle)) {
  for (auto& program : bundle_.programs) {
    sortById(program.earningRules);
    sortById(program.redeemables);
    sortById(program.campaigns);
    std::stable_sort(program.tiers.begin(), program.tiers.end(),
                     [](const Tier& a, const Tier& b) { return a.threshold < b.threshold; });
  }
  for (const auto& program : bundle_.programs) {
    ProgramIndex index;
    index.program = &program;
    for (const auto& r : program.redeemables) index.redeemables.emplace(r.id, &r);
    for (const auto& c : program.campaigns) index.campaigns.emplace(c.id, &c);
    for (const auto& v : program.voucherCodes) index.codes.emplace(v.code, &v);
    for (const auto& t : program.tiers) index.tiers.emplace(t.id, &t);
    for (const auto& c : program.pointCurrencies) index.currencies.emplace(c.id, &c);
    indexAutomatic(index);
    programs_.emplace(program.id, std::move(index));
  }
  for (const auto& store : bundle_.stores) stores_.emplace(store.id, &store);
}

const ProgramIndex* BundleIndex::program(std::string_view id) const {
  const auto it = programs_.find(id);
  return it == programs_.end() ? nullptr : &it->second;
}

const Store* BundleIndex::store(std::string_view id) const { return findOrNull(stores_, id); }

}  // namespace loyalty::engine
