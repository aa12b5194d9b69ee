// Look-ups built once per bundle so that a quote does no searching by name: programs,
// stores, campaigns, codes, and which automatic promotions can touch which SKU or category.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bundle.h"

namespace loyalty::engine {

// A rule target's exclusions as interned ids (its includes live in the vocabularies).
struct CompiledTarget {
  bool everyLine = false;  // basket-wide with no exclusions: matches every line
  std::vector<std::int32_t> excludeSkus;
  std::vector<std::int32_t> excludeCategories;
};

// An interned SKU or category: its id and the targets that include it.
struct VocabularyEntry {
  std::int32_t id = 0;
  std::vector<std::uint32_t> targets;
};

struct ProgramIndex {
  const Program* program = nullptr;
  std::unordered_map<std::string_view, const Redeemable*> redeemables;
  std::unordered_map<std::string_view, const Campaign*> campaigns;
  std::unordered_map<std::string_view, const VoucherCode*> codes;
  std::unordered_map<std::string_view, const Tier*> tiers;
  std::unordered_map<std::string_view, const PointCurrency*> currencies;
  std::vector<const Redeemable*> automatic;  // by id

  // Every target of the program's earning rules and redeemables (effect and "get" targets).
  std::vector<CompiledTarget> targets;
  std::unordered_map<const Target*, std::uint32_t> targetIds;
  std::unordered_map<std::string_view, VocabularyEntry> skuVocabulary;
  std::unordered_map<std::string_view, VocabularyEntry> categoryVocabulary;
  std::vector<std::uint32_t> basketTargets;
  // Target ids by position in the program's vectors (no hashing on the quote path).
  std::vector<std::uint32_t> earningTargets;  // per earning rule
  std::vector<std::uint32_t> effectTargets;   // per redeemable
  std::vector<std::uint32_t> getTargets;      // per redeemable; kNoTarget without one
  static constexpr std::uint32_t kNoTarget = UINT32_MAX;
  // Per redeemable, ascending positions of those it cannot be combined with: either one
  // names the other by id or by stacking category (SEMANTICS 5), resolved once here.
  std::vector<std::vector<std::uint32_t>> conflicts;

  [[nodiscard]] std::uint32_t position(const Redeemable& redeemable) const {
    return static_cast<std::uint32_t>(&redeemable - program->redeemables.data());
  }
  [[nodiscard]] bool notCombinable(const Redeemable& a, const Redeemable& b) const;

  [[nodiscard]] std::uint32_t targetId(const Target& target) const;
  [[nodiscard]] const Campaign* campaign(std::string_view id) const;
  [[nodiscard]] const Tier* tier(std::string_view id) const;
  [[nodiscard]] const PointCurrency* currency(std::string_view id) const;
};

class BundleIndex {
 public:
  // Sorts rules, redeemables and campaigns by id (byte-wise) so that no result depends on
  // the order of the bundle file, then indexes them.
  explicit BundleIndex(Bundle bundle);
  BundleIndex(const BundleIndex&) = delete;
  BundleIndex& operator=(const BundleIndex&) = delete;

  [[nodiscard]] const Bundle& bundle() const noexcept { return bundle_; }
  [[nodiscard]] const ProgramIndex* program(std::string_view id) const;
  [[nodiscard]] const Store* store(std::string_view id) const;

 private:
  Bundle bundle_;
  std::unordered_map<std::string_view, ProgramIndex> programs_;
  std::unordered_map<std::string_view, const Store*> stores_;
};

}  // namespace loyalty::engine
