// The terminal's checkout (issue 3): scan a card, price a basket, commit it durably,
// return or void it, enroll a member, report status. It composes the engine (pricing),
// the store (snapshot and ledger) and card verification; the local API turns its
// answers into JSON. Quotes run concurrently; commits are serialised (one writer) and a
// sale is "approved" only once its entries are durable.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "cards/card_verifier.h"
#include "service/active_rules.h"
#include "service/clock.h"
#include "service/local_counters.h"
#include "service/member_state.h"
#include "service/service_types.h"
#include "store/ledger.h"
#include "store/snapshot_reader.h"

namespace loyalty::service {

struct ServiceOptions {
  std::string terminalId;
  std::string storeId;
  std::string databasePath;      // for the disk space in the status
  int expiringSoonDays = 30;     // lots shown as "expiring soon" in a member view
  std::size_t recentActivity = 10;
};

class CheckoutService {
 public:
  CheckoutService(const store::SnapshotReader& snapshot, store::Ledger& ledger, const cards::CardVerifier& cards,
                  const Clock& clock, ServiceOptions options);

  // Loads the active snapshot's rules and this terminal's local counters. Until it
  // succeeds, pricing answers "no_snapshot". Call again after a snapshot was imported.
  [[nodiscard]] Result<store::Done> reload();

  [[nodiscard]] Result<ScanAnswer> scan(const std::string& payload) const;
  [[nodiscard]] Result<MemberSummary> member(const std::string& memberId) const;
  [[nodiscard]] Result<QuoteAnswer> quote(const SaleRequest& request) const;
  // Idempotent on the POS's sale id. Re-prices against the current snapshot; a POS that
  // passes expectedToPay gets "quote_changed" (and nothing booked) when the price moved.
  [[nodiscard]] Result<CommitAnswer> commit(const SaleRequest& request);
  [[nodiscard]] Result<CommitAnswer> returnSale(const ReturnRequestIn& request);
  [[nodiscard]] Result<CommitAnswer> voidSale(const std::string& posSaleId);
  [[nodiscard]] Result<CommitAnswer> enroll(const EnrollRequest& request);
  [[nodiscard]] Result<StatusAnswer> status() const;

 private:
  struct Priced;
  // One request's consistent view: a reader pinned on the active snapshot and the rules of
  // that same snapshot (reloaded first when a newer snapshot was imported meanwhile).
  struct View {
    std::unique_ptr<store::SnapshotReader> snapshot;
    std::shared_ptr<const ActiveRules> rules;
  };
  [[nodiscard]] std::shared_ptr<const ActiveRules> rules() const;
  [[nodiscard]] Result<View> view(bool commitLockHeld) const;
  [[nodiscard]] Result<store::Done> reloadLocked() const;
  [[nodiscard]] Result<Priced> price(const SaleRequest& request, bool commitLockHeld) const;
  [[nodiscard]] Result<MemberSummary> memberIn(const View& view, const std::string& memberId) const;
  [[nodiscard]] Result<CommitAnswer> reverse(const std::string& posSaleId, const std::string& commitKey,
                                             const std::vector<engine::ReturnLine>* lines, bool voiding);
  [[nodiscard]] Result<CommitAnswer> book(const std::string& commitKey, const std::string& response,
                                          std::vector<store::NewEntry> entries,
                                          const std::vector<codec::EntryPayload>& payloads);

  const store::SnapshotReader& snapshot_;
  store::Ledger& ledger_;
  const cards::CardVerifier& cards_;
  const Clock& clock_;
  ServiceOptions options_;
  mutable std::mutex rulesMutex_;
  mutable std::shared_ptr<const ActiveRules> rules_;
  mutable LocalCounters counters_;
  mutable std::mutex commitMutex_;  // one commit at a time: re-check and booking see the same state
};

}  // namespace loyalty::service
