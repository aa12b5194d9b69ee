// Turning the engine's answers into ledger entries (docs/ledger-payload.md) and the
// answers the POS gets back. A sale books a "redemption" entry (discounts, points spent)
// and an "accrual" entry (points earned), whichever it has; the first one carries the
// request and the full result so HQ can re-check it. A return or void books one entry.
#pragma once

#include <string>
#include <vector>

#include "codec/ledger_payload_codec.h"
#include "engine/quote.h"
#include "engine/returns.h"
#include "service/active_rules.h"
#include "service/member_state.h"
#include "service/service_types.h"
#include "store/ledger.h"

namespace loyalty::service {

struct SaleBooking {
  std::string response;  // what the POS is told, stored with the commit for retries
  std::vector<store::NewEntry> entries;
  std::vector<codec::EntryPayload> payloads;  // the same, decoded (for the local counters)
};

[[nodiscard]] SaleBooking saleEntries(const engine::MemberView* memberBefore, const engine::QuoteRequest& request,
                                      const QuoteAnswer& answer, const engine::LocalDate& today,
                                      const engine::Program* program);

[[nodiscard]] SaleBooking returnEntries(const engine::MemberView* memberBefore, const engine::QuoteResult& sale,
                                        const engine::ReturnResult& result, const ReturnRequestIn& request,
                                        bool voiding, const engine::LocalDate& today, const engine::Program* program);

[[nodiscard]] SaleBooking enrollmentEntry(const engine::MemberView& member, const std::string& enrollmentId,
                                          const std::string& bundleHash, const engine::LocalDate& today);

[[nodiscard]] CommitAnswer toAnswer(const store::CommitOutcome& outcome);

[[nodiscard]] MemberSummary summarize(const MemberState& state, const ActiveRules& rules,
                                      const engine::LocalDate& today, int expiringSoonDays, std::size_t recent);

}  // namespace loyalty::service
