// The basket while it is being priced: lines in line-number order with what remains of
// each after the discounts applied so far.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "basket.h"
#include "money.h"
#include "quote.h"

namespace loyalty::engine {

struct WorkLine {
  const BasketLine* source = nullptr;
  Money gross = 0;
  Money remaining = 0;  // gross less discounts (and, at the end, the burn)
  std::vector<DiscountPiece> discounts;
  Money burn = 0;
  // remaining shared over the units: the first `unitExtra` units are worth unitBase + 1.
  Money unitBase = 0;
  std::int64_t unitExtra = 0;

  void setRemaining(Money amount) {
    remaining = amount;
    unitBase = amount / source->quantity;
    unitExtra = amount % source->quantity;
  }
};

// An amount per line, indexed like PricingState::lines.
struct LineAmount {
  std::size_t index = 0;
  Money amount = 0;
};

struct EffectOutcome {
  Money total = 0;
  std::vector<LineAmount> pieces;  // ascending index, zero pieces omitted
  std::int64_t units = 0;          // units discounted (unit-level effects), else 0
};

// Units of one line that are each worth `value` (a line's remaining amount is shared over
// its units by largest remainder, so a line has at most two such groups).
struct UnitGroup {
  std::uint32_t index = 0;  // into PricingState::lines
  Money value = 0;
  std::int64_t count = 0;
};

// Buffers reused by effect computations, so that ranking dozens of candidates and
// applying the accepted ones does not allocate per call.
struct EffectScratch {
  std::vector<UnitGroup> units;      // priced units of the targeted lines
  std::vector<UnitGroup> chosen;     // the units an effect works on
  std::vector<Money> amounts;        // per chosen group
  std::vector<LineAmount> byLine;    // per line, ascending
  std::vector<Money> weights;        // spread input
  std::vector<Money> split;          // spread output
  std::vector<std::pair<std::int64_t, std::size_t>> remainders;
};

struct PricingState {
  // True when none of `indexes` has changed since the fresh basket.
  template <typename Indexes>
  [[nodiscard]] bool untouched(const Indexes& indexes) const {
    if (changed.empty()) return true;
    for (auto index : indexes) {
      if (changed[index] != 0) return false;
    }
    return true;
  }

  std::vector<WorkLine> lines;  // ascending line number
  mutable EffectScratch scratch;

  std::vector<char> changed;  // per line: a discount was applied since the fresh basket

  void apply(const EffectOutcome& outcome, const std::string& sourceId, SourceKind kind) {
    if (changed.size() != lines.size()) changed.assign(lines.size(), 0);
    for (const auto& piece : outcome.pieces) {
      changed[piece.index] = 1;
      WorkLine& line = lines[piece.index];
      line.setRemaining(line.remaining - piece.amount);
      if (line.discounts.capacity() == 0) line.discounts.reserve(4);
      line.discounts.push_back(DiscountPiece{sourceId, kind, piece.amount});
    }
  }
};

}  // namespace loyalty::engine
