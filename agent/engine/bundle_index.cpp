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
}

std::int32_t intern(std::unordered_map<std::string_view, VocabularyEntry>& vocabulary, std::string_view key) {
  auto [it, inserted] = vocabulary.try_emplace(key);
  if (inserted) it->second.id = static_cast<std::int32_t>(vocabulary.size() - 1);
  return it->second.id;
}

std::uint32_t addTarget(ProgramIndex& index, const Target& target) {
  if (auto known = index.targetIds.find(&target); known != index.targetIds.end()) return known->second;
  const auto id = static_cast<std::uint32_t>(index.targets.size());
  index.targetIds.emplace(&target, id);
  CompiledTarget compiled;
  for (const auto& sku : target.excludeSkus) compiled.excludeSkus.push_back(intern(index.skuVocabulary, sku));
  for (const auto& category : target.excludeCategories) {
    compiled.excludeCategories.push_back(intern(index.categoryVocabulary, category));
  }
  compiled.everyLine = target.isBasket() && compiled.excludeSkus.empty() && compiled.excludeCategories.empty();
  index.targets.push_back(std::move(compiled));
  if (target.isBasket()) {
    index.basketTargets.push_back(id);
    return id;
  }
  for (const auto& sku : target.skus) {
    intern(index.skuVocabulary, sku);
    auto& targets = index.skuVocabulary[sku].targets;
    if (targets.empty() || targets.back() != id) targets.push_back(id);
  }
  for (const auto& category : target.categories) {
    intern(index.categoryVocabulary, category);
    auto& targets = index.categoryVocabulary[category].targets;
    if (targets.empty() || targets.back() != id) targets.push_back(id);
  }
  return id;
}

void indexTargets(ProgramIndex& index) {
  for (const auto& rule : index.program->earningRules) index.earningTargets.push_back(addTarget(index, rule.target));
  for (const auto& redeemable : index.program->redeemables) {
    index.effectTargets.push_back(addTarget(index, redeemable.effect.target));
    index.getTargets.push_back(redeemable.effect.getTarget ? addTarget(index, *redeemable.effect.getTarget)
                                                           : ProgramIndex::kNoTarget);
  }
}

void indexConflicts(ProgramIndex& index) {
  const auto& all = index.program->redeemables;
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> named;  // id or category -> positions
  for (std::uint32_t b = 0; b < all.size(); ++b) {
    named[all[b].id].push_back(b);
    if (!all[b].stackingCategory.empty() && all[b].stackingCategory != all[b].id) {
      named[all[b].stackingCategory].push_back(b);
    }
  }
  index.conflicts.assign(all.size(), {});
  for (std::uint32_t a = 0; a < all.size(); ++a) {
    for (const auto& name : all[a].notCombinableWith) {
      const auto it = named.find(name);
      if (it == named.end()) continue;
      for (std::uint32_t b : it->second) {
        index.conflicts[a].push_back(b);
        index.conflicts[b].push_back(a);
      }
    }
  }
  for (auto& list : index.conflicts) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
}

}  // namespace

bool ProgramIndex::notCombinable(const Redeemable& a, const Redeemable& b) const {
  const auto& list = conflicts[position(a)];
  return !list.empty() && std::binary_search(list.begin(), list.end(), position(b));
}

std::uint32_t ProgramIndex::targetId(const Target& target) const { return targetIds.at(&target); }

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
    indexTargets(index);
    indexConflicts(index);
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
