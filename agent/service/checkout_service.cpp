#include "service/checkout_service.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <utility>

#include "codec/quote_codec.h"
#include "engine/calendar.h"
#include "engine/lots.h"
#include "service/sale_entries.h"

namespace loyalty::service {

struct CheckoutService::Priced {
  std::shared_ptr<const ActiveRules> rules;
  std::optional<MemberState> member;
  engine::QuoteTime time;
  engine::QuoteRequest request;
  QuoteAnswer answer;
};

CheckoutService::CheckoutService(const store::SnapshotReader& snapshot, store::Ledger& ledger,
                                 const cards::CardVerifier& cards, const Clock& clock, ServiceOptions options)
    : snapshot_(snapshot), ledger_(ledger), cards_(cards), clock_(clock), options_(std::move(options)) {}

Result<store::Done> CheckoutService::reload() {
  const std::lock_guard commitLock(commitMutex_);  // counters and rules change together
  return reloadLocked();
}

Result<store::Done> CheckoutService::reloadLocked() const {
  auto loaded = loadActiveRules(snapshot_, options_.storeId);
  if (!loaded) return loaded.error();
  if (auto rebuilt = counters_.rebuild(ledger_, loaded.value()->ledgerIncludedThrough); !rebuilt) {
    return rebuilt.error();
  }
  const std::lock_guard lock(rulesMutex_);
  rules_ = std::move(loaded.value());
  return store::Done{};
}

Result<CheckoutService::View> CheckoutService::view(bool commitLockHeld) const {
  View out;
  auto pinned = snapshot_.pin();
  if (!pinned) return pinned.error();
  out.snapshot = std::move(pinned.value());
  auto info = out.snapshot->info();
  if (!info) return info.error();
  if (!info.value()) {
    return makeError(ErrorCode::unknown_reference, "no_snapshot",
                     "This terminal has no rules yet: load a snapshot first.");
  }
  out.rules = rules();
  if (!out.rules || out.rules->snapshotVersion != info.value()->version) {
    // A snapshot imported while the agent runs takes effect with the next request.
    std::unique_lock<std::mutex> lock(commitMutex_, std::defer_lock);
    if (!commitLockHeld) lock.lock();
    auto reloaded = reloadLocked();
    if (!reloaded) return reloaded.error();
    out.rules = rules();
    if (!out.rules || out.rules->snapshotVersion != info.value()->version) {
      return makeError(ErrorCode::io_error, "snapshot_changing",
                       "A new snapshot is being loaded right now: try again in a moment.");
    }
  }
  return out;
}

std::shared_ptr<const ActiveRules> CheckoutService::rules() const {
  const std::lock_guard lock(rulesMutex_);
  return rules_;
}

Result<CheckoutService::Priced> CheckoutService::price(const SaleRequest& sale, bool commitLockHeld) const {
  auto current = view(commitLockHeld);
  if (!current) return current.error();
  const store::SnapshotReader& snapshot = *current->snapshot;
  Priced priced;
  priced.rules = current->rules;
  const ActiveRules& active = *priced.rules;
  const std::int64_t nowUnix = clock_.wallMs() / 1000;
  priced.time = active.clock.at(nowUnix);

  engine::QuoteRequest& request = priced.request;
  request.saleId = sale.posSaleId;
  request.basket.storeId = options_.storeId;
  request.basket.lines = sale.lines;
  request.redeem = sale.redeem;
  request.burn = sale.burn;
  request.context.time = priced.time;
  if (!sale.memberId.empty()) {
    auto member = loadMemberState(snapshot, ledger_, active, sale.memberId, priced.time.localDate);
    if (!member) return member.error();
    if (!member.value()) {
      return makeError(ErrorCode::unknown_reference, "unknown_member",
                       "Member " + sale.memberId + " is not known at this terminal.");
    }
    priced.member = std::move(member.value());
    request.member = priced.member->view;
  }
  auto usage = snapshot.campaignUsage();
  if (!usage) return usage.error();
  request.context.campaignUsage = counters_.campaignUsage(std::move(usage.value()));
  auto disabled = snapshot.disabledCampaigns();
  if (!disabled) return disabled.error();
  request.context.disabledCampaigns = std::move(disabled.value());
  for (const auto& redeem : sale.redeem) {
    auto usedInSnapshot = snapshot.isVoucherUsed(redeem.code);
    if (!usedInSnapshot) return usedInSnapshot.error();
    if (usedInSnapshot.value() || counters_.codeUsed(redeem.code)) {
      request.context.usedVoucherCodes.push_back(redeem.code);
    }
  }
  request.context.snapshotStale = active.staleAt(nowUnix);
  QuoteAnswer& answer = priced.answer;
  answer.snapshotVersion = active.snapshotVersion;
  if (request.context.snapshotStale) {
    answer.warnings.push_back({"snapshot_stale",
                               "The terminal's data is older than allowed: points cannot be spent until it "
                               "reconnects; points are still earned."});
  }
  if (priced.member) {
    // Without a live answer from HQ every burn is bounded by the member's allowance here.
    auto granted = snapshot.offlineAllowance(sale.memberId);
    if (!granted) return granted.error();
    const engine::Points perDay =
        granted.value().value_or(active.engine.bundle().terminal.offlineBurnLimitPerDay);
    request.context.offlineBurnAllowance = std::max<engine::Points>(perDay - priced.member->burnedToday, 0);
    if (sale.burn.mode != engine::BurnMode::none) {
      answer.warnings.push_back({"offline_allowance", "Points spending is limited to " +
                                                          std::to_string(*request.context.offlineBurnAllowance) +
                                                          " more points today at this store while offline."});
    }
    if (priced.member->provisional) {
      answer.warnings.push_back({"provisional_member", "This member was enrolled at this store and is not "
                                                       "confirmed by headquarters yet."});
    }
  }
  auto result = active.engine.quote(request);
  if (!result) return result.error();
  answer.result = std::move(result.value());
  return priced;
}

Result<QuoteAnswer> CheckoutService::quote(const SaleRequest& request) const {
  auto priced = price(request, false);
  if (!priced) return priced.error();
  return std::move(priced->answer);
}

Result<CommitAnswer> CheckoutService::commit(const SaleRequest& request) {
  if (request.posSaleId.empty()) {
    return makeError(ErrorCode::invalid_input, "missing_sale_id", "A commit needs the POS's sale id.");
  }
  const std::string key = "sale:" + request.posSaleId;
  const std::lock_guard lock(commitMutex_);
  auto existing = ledger_.findCommit(key);
  if (!existing) return existing.error();
  if (existing.value()) return toAnswer(*existing.value());
  auto priced = price(request, true);
  if (!priced) return priced.error();
  if (request.expectedToPay && *request.expectedToPay != priced->answer.result.toPay) {
    return makeError(ErrorCode::rejected, "quote_changed",
                     "The price changed since the quote (now " + std::to_string(priced->answer.result.toPay) +
                         "): quote again before committing.");
  }
  const engine::Program* program = priced->rules->program(priced->answer.result.programId);
  SaleBooking booking = saleEntries(priced->member ? &priced->member->view : nullptr, priced->request,
                                    priced->answer, priced->time.localDate, program);
  return book(key, booking.response, std::move(booking.entries), booking.payloads);
}

Result<CommitAnswer> CheckoutService::book(const std::string& commitKey, const std::string& response,
                                           std::vector<store::NewEntry> entries,
                                           const std::vector<codec::EntryPayload>& payloads) {
  auto outcome = ledger_.commit(store::CommitRecord{commitKey, response}, std::move(entries),
                                store::Timestamps{clock_.wallMs(), clock_.monotonicNs()});
  if (!outcome) return outcome.error();
  if (!outcome->alreadyCommitted) {
    for (const auto& payload : payloads) counters_.add(payload);
  }
  return toAnswer(outcome.value());
}

Result<MemberSummary> CheckoutService::member(const std::string& memberId) const {
  auto current = view(false);
  if (!current) return current.error();
  return memberIn(current.value(), memberId);
}

Result<MemberSummary> CheckoutService::memberIn(const View& current, const std::string& memberId) const {
  const ActiveRules& rules = *current.rules;
  const engine::QuoteTime now = rules.clock.at(clock_.wallMs() / 1000);
  auto state = loadMemberState(*current.snapshot, ledger_, rules, memberId, now.localDate);
  if (!state) return state.error();
  if (!state.value()) {
    return makeError(ErrorCode::unknown_reference, "unknown_member",
                     "Member " + memberId + " is not known at this terminal.");
  }
  return summarize(*state.value(), rules, now.localDate, options_.expiringSoonDays, options_.recentActivity);
}

Result<ScanAnswer> CheckoutService::scan(const std::string& payload) const {
  auto current = view(false);
  if (!current) return current.error();
  const std::int64_t nowUnix = clock_.wallMs() / 1000;
  const engine::QuoteTime now = current->rules->clock.at(nowUnix);
  const cards::CardVerdict verdict = cards_.verify(payload, nowUnix, engine::daysFromCivil(now.localDate));
  ScanAnswer answer;
  answer.reason = std::string(cards::toString(verdict.reason));
  answer.message = verdict.message;
  answer.cardId = verdict.cardId;
  if (!verdict.accepted) return answer;
  std::string memberId = verdict.memberId;
  if (memberId.empty()) {
    auto card = current->snapshot->findCard(verdict.cardId);
    if (!card) return card.error();
    if (card.value()) memberId = card.value()->memberId;
  }
  auto summary = memberId.empty() ? Result<MemberSummary>(makeError(ErrorCode::unknown_reference, "unknown_member", ""))
                                  : memberIn(current.value(), memberId);
  if (!summary && summary.error().reason != "unknown_member") return summary.error();
  if (!summary) {
    answer.reason = std::string(cards::toString(cards::CardReason::unknown_member));
    answer.message = std::string(cards::cashierSentence(cards::CardReason::unknown_member));
    return answer;
  }
  if (summary->member.status == engine::MemberStatus::closed) {
    answer.reason = std::string(cards::toString(cards::CardReason::member_closed));
    answer.message = std::string(cards::cashierSentence(cards::CardReason::member_closed));
    return answer;
  }
  answer.accepted = true;
  answer.member = std::move(summary.value());
  return answer;
}

Result<StatusAnswer> CheckoutService::status() const {
  StatusAnswer answer;
  answer.terminalId = options_.terminalId;
  answer.storeId = options_.storeId;
  const std::int64_t nowMs = clock_.wallMs();
  if (auto current = rules()) {
    answer.snapshotVersion = current->snapshotVersion;
    answer.snapshotAgeSeconds = nowMs / 1000 - current->snapshotCreatedAt;
    answer.snapshotStale = current->staleAt(nowMs / 1000);
    answer.bundleHash = current->bundleHash;
    auto count = snapshot_.memberCount();
    if (!count) return count.error();
    answer.memberCount = count.value();
  }
  auto stats = ledger_.stats();
  if (!stats) return stats.error();
  answer.lastSequence = stats->lastSequence;
  answer.unsyncedEntries = stats->unsyncedCount;
  if (stats->oldestUnsyncedWallMs) answer.oldestUnsyncedAgeSeconds = (nowMs - *stats->oldestUnsyncedWallMs) / 1000;
  std::string directory = options_.databasePath;
  const auto slash = directory.find_last_of('/');
  directory = slash == std::string::npos ? "." : (slash == 0 ? "/" : directory.substr(0, slash));
  struct statvfs disk {};
  if (::statvfs(directory.c_str(), &disk) == 0) {
    answer.diskFreeBytes = static_cast<std::int64_t>(disk.f_bavail) * static_cast<std::int64_t>(disk.f_frsize);
    answer.diskTotalBytes = static_cast<std::int64_t>(disk.f_blocks) * static_cast<std::int64_t>(disk.f_frsize);
  }
  return answer;
}

}  // namespace loyalty::service
