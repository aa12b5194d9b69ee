// The local API's answers as a POS reads them (docs/api.md): JSON in, typed values out.
// The engine parts (quote and return results) are read with the codecs the agent writes
// them with, so a drift between the agent and its POS shows up here as an error value.
// Readers are tolerant of fields they do not know: a newer agent may add some.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/quote.h"
#include "engine/result.h"
#include "engine/returns.h"
#include "pos_client/pos_client.h"

namespace loyalty::pos_demo {

struct PointsBalance {
  std::string currency;
  engine::Points points = 0;
};

struct ExpiringPoints {
  std::string currency;
  engine::Points points = 0;
  std::string expiresOn;  // "2026-04-30"
};

struct ActivityLine {
  std::int64_t sequence = 0;
  std::string kind;
  std::string posSaleId;
  engine::Points pointsChange = 0;
  bool synced = false;
};

// GET /v1/members/{id}, and the member of an accepted scan.
struct MemberAnswer {
  std::string id;
  std::string program;
  std::string displayName;
  std::string status;  // active, suspended, closed
  std::string tier;
  bool provisional = false;
  std::vector<PointsBalance> balances;
  std::vector<ExpiringPoints> expiringSoon;
  std::vector<ActivityLine> recentActivity;
  std::vector<std::string> availableRewards;

  // Spendable points in `currency` (0 when the member has none).
  [[nodiscard]] engine::Points balance(std::string_view currency) const noexcept;
};

// POST /v1/scan.
struct ScanAnswer {
  bool accepted = false;
  std::string reason;
  std::string message;
  std::string cardId;
  std::optional<MemberAnswer> member;
};

struct WarningLine {
  std::string reason;
  std::string message;
};

struct LedgerEntryRef {
  std::string id;
  std::int64_t sequence = 0;
  std::string kind;
};

// POST /v1/quote ("quoted") and POST /v1/sales ("approved", with the entries written).
struct SaleAnswer {
  std::string status;
  std::vector<WarningLine> warnings;
  engine::QuoteResult result;
  std::vector<LedgerEntryRef> entries;
  bool alreadyCommitted = false;
};

// POST /v1/sales/{id}/returns and /void.
struct ReturnAnswer {
  std::string status;  // returned, voided
  std::string returnId;
  engine::ReturnResult result;
  std::vector<LedgerEntryRef> entries;
  bool alreadyCommitted = false;
};

// GET /v1/status (the parts a cashier's screen shows).
struct StatusAnswer {
  std::string terminalId;
  std::string storeId;
  std::optional<std::int64_t> snapshotVersion;
  std::optional<std::int64_t> snapshotAgeSeconds;
  bool snapshotStale = false;
  std::int64_t members = 0;
  std::int64_t lastSequence = 0;
  std::int64_t unsyncedEntries = 0;
};

// Errors: the codec's (parse_error, missing_field, wrong_type...), with the pointer.
[[nodiscard]] Result<MemberAnswer> parseMemberAnswer(std::string_view body);
[[nodiscard]] Result<ScanAnswer> parseScanAnswer(std::string_view body);
[[nodiscard]] Result<SaleAnswer> parseSaleAnswer(std::string_view body);
[[nodiscard]] Result<ReturnAnswer> parseReturnAnswer(std::string_view body);
[[nodiscard]] Result<StatusAnswer> parseStatusAnswer(std::string_view body);

// The agent's error answer {"error":{"reason","message","status"}} as an Error value
// (code rejected, the agent's reason and sentence). A body that is not such an answer
// becomes "unexpected_answer" naming the HTTP status.
[[nodiscard]] Error agentError(const pos::PosResponse& response);

}  // namespace loyalty::pos_demo
