// What the POS asks the terminal and what it is told (docs/api.md): the checkout service's
// requests and answers, as engine values plus the terminal's own facts (offline warnings,
// ledger entries written).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/basket.h"
#include "engine/member.h"
#include "engine/quote.h"
#include "engine/returns.h"

namespace loyalty::service {

struct SaleRequest {
  std::string posSaleId;                    // the POS's id of the sale: commit is idempotent on it
  std::string memberId;                     // empty: an anonymous basket
  std::vector<engine::BasketLine> lines;
  std::vector<engine::RedeemRequest> redeem;
  engine::BurnRequest burn;
  std::optional<engine::Money> expectedToPay;  // commit: what the POS showed; differs -> quote_changed
};

// A fact about working offline the cashier or the store should know.
struct Warning {
  std::string reason;   // snapshot_stale, offline_allowance, no_snapshot_contact...
  std::string message;
};

struct QuoteAnswer {
  engine::QuoteResult result;
  std::vector<Warning> warnings;
  std::int64_t snapshotVersion = 0;
};

struct EntryRef {
  std::string id;
  std::int64_t sequence = 0;
  std::string kind;
};

struct CommitAnswer {
  bool alreadyCommitted = false;
  std::string response;          // the JSON the POS was told (the same on a retry)
  std::vector<EntryRef> entries;
};

struct ReturnRequestIn {
  std::string posSaleId;
  std::string returnId;          // idempotency key of this return
  std::vector<engine::ReturnLine> lines;
};

struct EnrollRequest {
  std::string enrollmentId;      // idempotency key from the POS
  std::string programId;         // empty: the store's default program
  std::string displayName;
};

struct ActivityItem {
  std::int64_t sequence = 0;
  std::string kind;
  std::string posSaleId;
  std::int64_t wallTimeMs = 0;
  engine::Points pointsChange = 0;  // net change of reward points
  bool synced = false;
};

struct MemberSummary {
  engine::MemberView member;        // with this terminal's unsynced entries applied
  std::vector<engine::CurrencyBalance> balances;  // spendable now (before == after)
  std::vector<engine::Lot> expiringSoon;
  std::vector<ActivityItem> recentActivity;
  std::vector<std::string> availableRewards;      // reward items the balance pays for
  bool provisional = false;         // enrolled here, not confirmed by HQ yet
};

struct ScanAnswer {
  bool accepted = false;
  std::string reason;               // the card verdict's reason code
  std::string message;
  std::string cardId;
  std::optional<MemberSummary> member;
};

struct StatusAnswer {
  std::string terminalId;
  std::string storeId;
  std::optional<std::int64_t> snapshotVersion;
  std::optional<std::int64_t> snapshotAgeSeconds;
  bool snapshotStale = false;
  std::string bundleHash;
  std::int64_t memberCount = 0;
  std::int64_t lastSequence = 0;
  std::int64_t unsyncedEntries = 0;
  std::optional<std::int64_t> oldestUnsyncedAgeSeconds;
  std::optional<std::int64_t> lastHqContactMs;  // nullopt: never (sync arrives with issue 4)
  std::int64_t diskFreeBytes = 0;
  std::int64_t diskTotalBytes = 0;
};

}  // namespace loyalty::service
