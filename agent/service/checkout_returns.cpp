// Returns, voids and enrollments of the checkout service (SEMANTICS 6, 7).
#include <algorithm>

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include "codec/quote_codec.h"
#include "codec/return_codec.h"
#include "service/checkout_service.h"
#include "service/sale_entries.h"

namespace loyalty::service {
namespace {

struct SaleHistory {
  engine::QuoteResult sale;
  std::vector<engine::ReturnLine> returnedBefore;  // cumulative units of earlier returns
};

Error corruptEntry(const store::LedgerEntry& entry, const Error& cause) {
  return makeError(ErrorCode::parse_error, "corrupt_entry",
                   "ledger entry " + std::to_string(entry.sequence) + " does not decode: " + cause.message);
}

// The committed sale and what earlier returns took back, from this terminal's ledger.
Result<SaleHistory> saleHistory(const store::Ledger& ledger, const std::string& posSaleId) {
  auto entries = ledger.entriesForSale(posSaleId);
  if (!entries) return entries.error();
  std::optional<SaleHistory> history;
  for (const auto& entry : entries.value()) {
    auto payload = codec::parseEntryPayload(entry.payload);
    if (!payload) return corruptEntry(entry, payload.error());
    if (const auto sale = payload->detail.find("sale"); sale != payload->detail.end() && !history) {
      auto result = codec::quoteResultFromJson(sale->at("result").dump());
      if (!result) return corruptEntry(entry, result.error());
      history = SaleHistory{std::move(result.value()), {}};
    }
    if (const auto ret = payload->detail.find("return"); ret != payload->detail.end() && history) {
      auto result = codec::returnResultFromJson(ret->at("result").dump());
      if (!result) return corruptEntry(entry, result.error());
      history->returnedBefore = result->returnedAfter;
    }
  }
  if (!history) {
    return makeError(ErrorCode::unknown_reference, "unknown_sale",
                     "Sale " + posSaleId + " was not committed at this terminal (or is no longer held here).");
  }
  return std::move(*history);
}

}  // namespace

Result<CommitAnswer> CheckoutService::returnSale(const ReturnRequestIn& request) {
  if (request.returnId.empty() || request.posSaleId.empty()) {
    return makeError(ErrorCode::invalid_input, "missing_id", "A return needs the sale id and its own return id.");
  }
  if (request.lines.empty()) {
    return makeError(ErrorCode::invalid_input, "no_lines", "A return needs at least one line.");
  }
  return reverse(request.posSaleId, "return:" + request.returnId, &request.lines, false);
}

Result<CommitAnswer> CheckoutService::voidSale(const std::string& posSaleId) {
  if (posSaleId.empty()) return makeError(ErrorCode::invalid_input, "missing_id", "A void needs the sale id.");
  return reverse(posSaleId, "void:" + posSaleId, nullptr, true);
}

Result<CommitAnswer> CheckoutService::reverse(const std::string& posSaleId, const std::string& commitKey,
                                              const std::vector<engine::ReturnLine>* lines, bool voiding) {
  const std::lock_guard lock(commitMutex_);
  auto current = view(true);
  if (!current) return current.error();
  const std::shared_ptr<const ActiveRules>& rules = current->rules;
  auto existing = ledger_.findCommit(commitKey);
  if (!existing) return existing.error();
  if (existing.value()) {
    // The return id is the POS's idempotency key: the same id for another sale is not a
    // retry, and answering it with that sale's return would report a return never booked.
    const auto& entries = existing.value()->entries;
    if (!entries.empty() && entries.front().saleRef != posSaleId) {
      return makeError(ErrorCode::rejected, "return_id_in_use",
                       "Return id " + commitKey.substr(commitKey.find(':') + 1) + " was already used for sale " +
                           entries.front().saleRef + "; a return needs its own id.");
    }
    return toAnswer(*existing.value());
  }
  auto history = saleHistory(ledger_, posSaleId);
  if (!history) return history.error();
  const engine::QuoteResult& sale = history->sale;

  ReturnRequestIn in;
  in.posSaleId = posSaleId;
  in.returnId = voiding ? "void" : commitKey.substr(commitKey.find(':') + 1);
  if (lines != nullptr) {
    in.lines = *lines;
  } else {  // a void takes back every unit not returned yet
    for (const auto& line : sale.lines) {
      std::int64_t returned = 0;
      for (const auto& r : history->returnedBefore) returned += r.lineNo == line.lineNo ? r.quantity : 0;
      if (line.quantity > returned) in.lines.push_back(engine::ReturnLine{line.lineNo, line.quantity - returned});
    }
    if (in.lines.empty()) {
      return makeError(ErrorCode::rejected, "already_returned", "Every unit of sale " + posSaleId + " was returned.");
    }
  }
  const std::int64_t nowUnix = clock_.wallMs() / 1000;
  engine::ReturnRequest request;
  request.lines = in.lines;
  request.returnedBefore = history->returnedBefore;
  request.time = rules->clock.at(nowUnix);
  auto disabled = current->snapshot->disabledCampaigns();
  if (!disabled) return disabled.error();
  request.disabledCampaigns = std::move(disabled.value());
  std::optional<MemberState> member;
  if (!sale.memberId.empty()) {
    auto state = loadMemberState(*current->snapshot, ledger_, *rules, sale.memberId, request.time.localDate);
    if (!state) return state.error();
    member = std::move(state.value());
    if (member) request.member = member->view;
  }
  auto result = rules->engine.computeReturn(sale, request);
  if (!result) return result.error();
  SaleBooking booking = returnEntries(member ? &member->view : nullptr, sale, result.value(), in, voiding,
                                      request.time.localDate, rules->program(sale.programId));
  return book(commitKey, booking.response, std::move(booking.entries), booking.payloads);
}

Result<CommitAnswer> CheckoutService::enroll(const EnrollRequest& request) {
  if (request.enrollmentId.empty()) {
    return makeError(ErrorCode::invalid_input, "missing_id", "An enrollment needs the POS's enrollment id.");
  }
  if (request.displayName.empty() || request.displayName.size() > 80) {
    return makeError(ErrorCode::invalid_input, "invalid_display_name",
                     "The display name must have 1 to 80 characters.");
  }
  const std::lock_guard lock(commitMutex_);
  auto current = view(true);
  if (!current) return current.error();
  const ActiveRules& active = *current->rules;
  const std::string programId = request.programId.empty() ? active.store->defaultProgram : request.programId;
  if (std::find(active.store->programs.begin(), active.store->programs.end(), programId) ==
      active.store->programs.end()) {
    return makeError(ErrorCode::unknown_reference, "program_not_served",
                     "This store does not serve program " + programId + ".");
  }
  const engine::Program* program = active.program(programId);
  const std::string key = "enroll:" + request.enrollmentId;
  auto existing = ledger_.findCommit(key);
  if (!existing) return existing.error();
  if (existing.value()) return toAnswer(*existing.value());

  engine::MemberView member;
  // Provisional until HQ confirms it (sync issue): unique across terminals by construction.
  member.id = "P-" + options_.terminalId + "-" + boost::uuids::to_string(boost::uuids::random_generator()()).substr(0, 13);
  member.programId = programId;
  member.displayName = request.displayName;
  if (program != nullptr && !program->tiers.empty()) {
    const engine::Tier* lowest = &program->tiers.front();
    for (const auto& tier : program->tiers) {
      if (tier.threshold < lowest->threshold) lowest = &tier;
    }
    member.tier = lowest->id;
  }
  const engine::QuoteTime now = active.clock.at(clock_.wallMs() / 1000);
  SaleBooking booking = enrollmentEntry(member, request.enrollmentId, active.bundleHash, now.localDate);
  return book(key, booking.response, std::move(booking.entries), booking.payloads);
}

}  // namespace loyalty::service
