// The pure loyalty engine: value structs in, a result out. No I/O, clock, JSON or threads.
#pragma once

#include <memory>
#include <string_view>

#include "bundle.h"
#include "member.h"
#include "quote.h"
#include "result.h"
#include "returns.h"

namespace loyalty::engine {

class BundleIndex;

// Points credited for a non-transactional event (SEMANTICS 3), computed by HQ with the
// same rules and caps as a purchase.
struct EventCredit {
  std::vector<EarnedRule> earned;
  std::vector<RuleUsage> ruleUsageAdded;
  std::vector<Lot> lotsAfter;
  std::vector<Deficit> deficitsAfter;
};

class PricingEngine {
 public:
  // The bundle must have passed the loader's validation; the engine indexes it once.
  explicit PricingEngine(Bundle bundle);
  ~PricingEngine();
  PricingEngine(PricingEngine&&) noexcept;
  PricingEngine& operator=(PricingEngine&&) noexcept;

  [[nodiscard]] const Bundle& bundle() const noexcept;

  // Prices a basket. An Error only for input that cannot be priced at all (duplicate
  // line numbers, amounts out of range, unknown store); every business "no" is in the
  // result.
  [[nodiscard]] Result<QuoteResult> quote(const QuoteRequest& request) const;

  // Reverses (part of) a committed sale.
  [[nodiscard]] Result<ReturnResult> computeReturn(const QuoteResult& sale,
                                                   const ReturnRequest& request) const;

  // Credits an event (newsletter sign-up, review) for a member.
  [[nodiscard]] Result<EventCredit> creditEvent(const MemberView& member, std::string_view event,
                                                const std::string& creditId,
                                                const QuoteTime& time) const;

 private:
  std::unique_ptr<BundleIndex> index_;
};

// The tier a member holds with `qualifying` points (highest threshold reached).
[[nodiscard]] const Tier* tierForPoints(const Program& program, Points qualifying) noexcept;

}  // namespace loyalty::engine
