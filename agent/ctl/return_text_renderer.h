// The readable form of a return: refund per line, points reversed per earning rule, points
// restored per burn or reward item, vouchers reinstated, and the member's lots afterwards.
#pragma once

#include <string>

#include "engine/bundle.h"
#include "engine/calendar.h"
#include "engine/quote.h"
#include "engine/returns.h"

namespace loyalty::ctl {

class ReturnTextRenderer {
 public:
  // `bundle` must outlive the renderer; it supplies the currency.
  explicit ReturnTextRenderer(const engine::Bundle& bundle) : bundle_(bundle) {}

  // `memberGiven`: the lots started from the member's current state rather than the sale's.
  [[nodiscard]] std::string render(const engine::QuoteResult& sale,
                                   const engine::ReturnResult& result,
                                   const engine::QuoteTime& time,
                                   const std::string& timeZone, bool memberGiven) const;

 private:
  const engine::Bundle& bundle_;
};

}  // namespace loyalty::ctl
