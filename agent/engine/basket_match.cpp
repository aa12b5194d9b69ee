#include "basket_match.h"

#include <algorithm>

#include "bundle_index.h"

namespace loyalty::engine {
namespace {

struct LineKeys {
  std::int32_t sku = -1;
  std::span<const std::int32_t> categories;  // known categories only, into a shared buffer
};

bool excluded(const CompiledTarget& target, const LineKeys& keys) {
  if (target.excludeSkus.empty() && target.excludeCategories.empty()) return false;
  if (keys.sku >= 0 && std::find(target.excludeSkus.begin(), target.excludeSkus.end(), keys.sku) !=
                           target.excludeSkus.end()) {
    return true;
  }
  for (std::int32_t category : keys.categories) {
    if (std::find(target.excludeCategories.begin(), target.excludeCategories.end(), category) !=
        target.excludeCategories.end()) {
      return true;
    }
  }
  return false;
}

}  // namespace

MatchTable::MatchTable(const ProgramIndex& program, const std::vector<const BasketLine*>& lines)
    : program_(&program) {
  const std::size_t targetCount = program.targets.size();
  std::vector<std::uint32_t> lastLine(targetCount, UINT32_MAX);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // (target, line)
  pairs.reserve(lines.size() * 4);
  std::vector<LineKeys> keys(lines.size());
  std::size_t categoryCount = 0;
  for (const BasketLine* line : lines) categoryCount += line->categories.size();
  std::vector<std::int32_t> categoryIds;
  categoryIds.reserve(categoryCount);  // never reallocates: the spans below stay valid

  for (std::uint32_t i = 0; i < lines.size(); ++i) {
    const BasketLine& line = *lines[i];
    LineKeys& k = keys[i];
    const auto add = [&](const std::vector<std::uint32_t>& targets) {
      for (std::uint32_t t : targets) {
        if (lastLine[t] == i) continue;
        lastLine[t] = i;
        pairs.emplace_back(t, i);
      }
    };
    if (auto it = program.skuVocabulary.find(line.sku); it != program.skuVocabulary.end()) {
      k.sku = it->second.id;
      add(it->second.targets);
    }
    const std::size_t first = categoryIds.size();
    for (const auto& category : line.categories) {
      if (auto it = program.categoryVocabulary.find(category); it != program.categoryVocabulary.end()) {
        categoryIds.push_back(it->second.id);
        add(it->second.targets);
      }
    }
    k.categories = {categoryIds.data() + first, categoryIds.size() - first};
  }
  everyLine_.resize(lines.size());
  for (std::uint32_t i = 0; i < lines.size(); ++i) everyLine_[i] = i;
  // Basket-wide targets with exclusions are the only ones that need a list of their own.
  for (std::uint32_t t : program.basketTargets) {
    if (program.targets[t].everyLine) continue;
    for (std::uint32_t i = 0; i < lines.size(); ++i) pairs.emplace_back(t, i);
  }

  // Counting sort by target; within a target, lines stay ascending (pairs were made in line
  // order, basket-wide targets after, each in line order).
  offsets_.assign(targetCount + 1, 0);
  std::size_t kept = 0;
  for (auto& pair : pairs) {
    if (excluded(program.targets[pair.first], keys[pair.second])) continue;
    pairs[kept++] = pair;
    ++offsets_[pair.first + 1];
  }
  pairs.resize(kept);
  for (std::size_t t = 0; t < targetCount; ++t) offsets_[t + 1] += offsets_[t];
  lines_.resize(kept);
  std::vector<std::uint32_t> cursor(offsets_.begin(), offsets_.end() - 1);
  for (const auto& [t, i] : pairs) lines_[cursor[t]++] = i;
  // A line reached through its SKU and then again through a category of a different
  // target keeps ascending order already; basket-wide targets were added after all lines.
}

std::span<const std::uint32_t> MatchTable::linesOf(const Target& target) const {
  return linesOfId(program_->targetId(target));
}

std::span<const std::uint32_t> MatchTable::linesOfId(std::uint32_t id) const {
  if (program_->targets[id].everyLine) return {everyLine_.data(), everyLine_.size()};
  return {lines_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]};
}

}  // namespace loyalty::engine

namespace loyalty::engine {

bool MatchTable::coversEveryLine(const Target& target) const {
  return program_->targets[program_->targetId(target)].everyLine;
}

std::span<const std::uint32_t> MatchTable::linesOf(const EarningRule& rule) const {
  return linesOfId(program_->earningTargets[static_cast<std::size_t>(&rule - program_->program->earningRules.data())]);
}

bool MatchTable::coversEveryLine(const EarningRule& rule) const {
  const auto id = program_->earningTargets[static_cast<std::size_t>(&rule - program_->program->earningRules.data())];
  return program_->targets[id].everyLine;
}

std::span<const std::uint32_t> MatchTable::effectLinesOf(const Redeemable& redeemable) const {
  const auto position = static_cast<std::size_t>(&redeemable - program_->program->redeemables.data());
  return linesOfId(program_->effectTargets[position]);
}

std::span<const std::uint32_t> MatchTable::getLinesOf(const Redeemable& redeemable) const {
  const auto position = static_cast<std::size_t>(&redeemable - program_->program->redeemables.data());
  const std::uint32_t id = program_->getTargets[position];
  if (id == ProgramIndex::kNoTarget) return {};
  return linesOfId(id);
}

}  // namespace loyalty::engine
