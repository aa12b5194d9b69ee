// The readable form of a quote: what a cashier reads out (lines, discounts with their source,
// points payment, to pay, refused codes with a sentence) and what a loyalty manager checks
// (points per rule and currency, balances, lots, counters a commit books, bundle hash).
#pragma once

#include <string>

#include "engine/bundle.h"
#include "engine/calendar.h"
#include "engine/member.h"
#include "engine/quote.h"

namespace loyalty::ctl {

class QuoteTextRenderer {
 public:
  // `bundle` must outlive the renderer; it supplies currency and names.
  explicit QuoteTextRenderer(const engine::Bundle& bundle) : bundle_(bundle) {}

  // `member` may be null (anonymous basket); it adds the display name and tier.
  [[nodiscard]] std::string render(const engine::QuoteResult& result,
                                   const engine::MemberView* member,
                                   const engine::QuoteTime& time,
                                   const std::string& timeZone) const;

 private:
  const engine::Bundle& bundle_;
};

// "promotion", "voucher", "reward", "points".
[[nodiscard]] const char* sourceKindName(engine::SourceKind kind) noexcept;
[[nodiscard]] const char* redeemableKindName(engine::RedeemableKind kind) noexcept;

}  // namespace loyalty::ctl
