// The basket while it is being priced: lines in line-number order with what remains of
// each after the discounts applied so far.
#pragma once

#include <cstddef>
#include <cstdint>
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

struct PricingState {
  std::vector<WorkLine> lines;  // ascending line number

  void apply(const EffectOutcome& outcome, const std::string& sourceId, SourceKind kind) {
    for (const auto& piece : outcome.pieces) {
      WorkLine& line = lines[piece.index];
      line.remaining -= piece.amount;
      line.discounts.push_back(DiscountPiece{sourceId, kind, piece.amount});
    }
  }
};

}  // namespace loyalty::engine
