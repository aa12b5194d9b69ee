// Which basket lines each rule target matches, computed once per quote from the bundle's
// inverted index (SKU / category -> targets), so the cost follows the matches rather than
// rules x lines string comparisons.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "basket.h"

namespace loyalty::engine {

struct EarningRule;
struct ProgramIndex;
struct Redeemable;
struct Target;

class MatchTable {
 public:
  // `lines` in the order the caller indexes them (ascending line number).
  MatchTable(const ProgramIndex& program, const std::vector<const BasketLine*>& lines);

  // Indexes (into the caller's line order, ascending) of the lines `target` matches.
  // `target` must belong to the indexed program.
  [[nodiscard]] std::span<const std::uint32_t> linesOf(const Target& target) const;
  // True when `target` matches every line (basket-wide, no exclusions), so callers can
  // share one computation among all such targets.
  [[nodiscard]] bool coversEveryLine(const Target& target) const;

  // The same by position, for rules and redeemables of the indexed program (no hashing).
  [[nodiscard]] std::span<const std::uint32_t> linesOf(const EarningRule& rule) const;
  [[nodiscard]] bool coversEveryLine(const EarningRule& rule) const;
  [[nodiscard]] std::span<const std::uint32_t> effectLinesOf(const Redeemable& redeemable) const;
  // Lines of a buy X get Y "get" target; empty when it has none.
  [[nodiscard]] std::span<const std::uint32_t> getLinesOf(const Redeemable& redeemable) const;

 private:
  [[nodiscard]] std::span<const std::uint32_t> linesOfId(std::uint32_t id) const;

  const ProgramIndex* program_;
  std::vector<std::uint32_t> offsets_;  // per target id, into lines_ (size targets + 1)
  std::vector<std::uint32_t> lines_;
  std::vector<std::uint32_t> everyLine_;  // 0..n-1, shared by basket-wide targets
};

}  // namespace loyalty::engine
