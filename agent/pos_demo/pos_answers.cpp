#include "pos_demo/pos_answers.h"

#include <functional>

#include "codec/json_reader.h"
#include "codec/quote_codec.h"
#include "codec/return_codec.h"
#include "codec/value_codec.h"

namespace loyalty::pos_demo {
namespace {

using codec::Issues;
using codec::Json;
using codec::kAnyInt;
using codec::ObjectReader;

MemberAnswer readMember(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  MemberAnswer member;
  member.id = reader.requiredString("member_id");
  member.program = reader.string("program");
  member.displayName = reader.string("display_name");
  member.status = reader.requiredString("status");
  member.tier = reader.string("tier");
  member.provisional = reader.boolean("provisional", false);
  reader.forEach("balances", true, [&](const Json& item, const std::string& at, std::size_t) {
    ObjectReader b(item, at, issues);
    member.balances.push_back(PointsBalance{b.requiredString("currency"), b.requiredInt("points", kAnyInt)});
  });
  reader.forEach("expiring_soon", false, [&](const Json& item, const std::string& at, std::size_t) {
    ObjectReader e(item, at, issues);
    member.expiringSoon.push_back(
        ExpiringPoints{e.requiredString("currency"), e.requiredInt("points", kAnyInt), e.requiredString("expires_on")});
  });
  reader.forEach("recent_activity", false, [&](const Json& item, const std::string& at, std::size_t) {
    ObjectReader a(item, at, issues);
    ActivityLine line;
    line.sequence = a.requiredInt("sequence", kAnyInt);
    line.kind = a.requiredString("kind");
    line.posSaleId = a.string("pos_sale_id");
    line.pointsChange = a.integer("points_change", kAnyInt, 0);
    line.synced = a.boolean("synced", false);
    member.recentActivity.push_back(std::move(line));
  });
  member.availableRewards = reader.stringList("available_rewards");
  return member;
}

std::vector<LedgerEntryRef> readEntries(ObjectReader& reader) {
  std::vector<LedgerEntryRef> entries;
  reader.forEach("ledger_entries", false, [&](const Json& item, const std::string& at, std::size_t) {
    ObjectReader e(item, at, reader.issues());
    entries.push_back(LedgerEntryRef{e.requiredString("id"), e.requiredInt("sequence", kAnyInt),
                                     e.requiredString("kind")});
  });
  return entries;
}

// Reads the engine result under "result" with `parse` (a codec's FromJson), keeping the
// codec's pointer under /result.
template <typename T, typename Parse>
T readResult(ObjectReader& reader, Parse parse) {
  const Json* value = reader.required("result");
  if (value == nullptr) return T{};
  auto parsed = parse(value->dump());
  if (!parsed) {
    reader.issues().add(reader.pointerOf("result"), parsed.error().reason, parsed.error().message);
    return T{};
  }
  return std::move(parsed.value());
}

template <typename T>
Result<T> parseAnswer(std::string_view body, const std::function<T(const Json&, Issues&)>& read) {
  return codec::parseSingle<T>(body, read);
}

}  // namespace

engine::Points MemberAnswer::balance(std::string_view currency) const noexcept {
  for (const auto& b : balances) {
    if (b.currency == currency) return b.points;
  }
  return 0;
}

Result<MemberAnswer> parseMemberAnswer(std::string_view body) {
  return parseAnswer<MemberAnswer>(body, [](const Json& document, Issues& issues) {
    return readMember(document, "", issues);
  });
}

Result<ScanAnswer> parseScanAnswer(std::string_view body) {
  return parseAnswer<ScanAnswer>(body, [](const Json& document, Issues& issues) {
    ObjectReader reader(document, "", issues);
    ScanAnswer scan;
    scan.accepted = reader.boolean("accepted", false);
    scan.reason = reader.requiredString("reason");
    scan.message = reader.string("message");
    scan.cardId = reader.string("card_id");
    if (const Json* member = reader.optional("member")) scan.member = readMember(*member, "/member", issues);
    return scan;
  });
}

Result<SaleAnswer> parseSaleAnswer(std::string_view body) {
  return parseAnswer<SaleAnswer>(body, [](const Json& document, Issues& issues) {
    ObjectReader reader(document, "", issues);
    SaleAnswer sale;
    sale.status = reader.requiredString("status");
    reader.forEach("warnings", false, [&](const Json& item, const std::string& at, std::size_t) {
      ObjectReader w(item, at, issues);
      sale.warnings.push_back(WarningLine{w.requiredString("reason"), w.string("message")});
    });
    sale.result = readResult<engine::QuoteResult>(reader, codec::quoteResultFromJson);
    sale.entries = readEntries(reader);
    sale.alreadyCommitted = reader.boolean("already_committed", false);
    return sale;
  });
}

Result<ReturnAnswer> parseReturnAnswer(std::string_view body) {
  return parseAnswer<ReturnAnswer>(body, [](const Json& document, Issues& issues) {
    ObjectReader reader(document, "", issues);
    ReturnAnswer answer;
    answer.status = reader.requiredString("status");
    answer.returnId = reader.string("return_id");
    answer.result = readResult<engine::ReturnResult>(reader, codec::returnResultFromJson);
    answer.entries = readEntries(reader);
    answer.alreadyCommitted = reader.boolean("already_committed", false);
    return answer;
  });
}

Result<StatusAnswer> parseStatusAnswer(std::string_view body) {
  return parseAnswer<StatusAnswer>(body, [](const Json& document, Issues& issues) {
    ObjectReader reader(document, "", issues);
    StatusAnswer status;
    status.terminalId = reader.requiredString("terminal_id");
    status.storeId = reader.requiredString("store_id");
    if (const Json* snapshot = reader.required("snapshot")) {
      ObjectReader s(*snapshot, "/snapshot", issues);
      status.snapshotVersion = s.optionalInt("version", kAnyInt);
      status.snapshotAgeSeconds = s.optionalInt("age_seconds", kAnyInt);
      status.snapshotStale = s.boolean("stale", false);
      status.members = s.integer("members", kAnyInt, 0);
    }
    if (const Json* ledger = reader.required("ledger")) {
      ObjectReader l(*ledger, "/ledger", issues);
      status.lastSequence = l.integer("last_sequence", kAnyInt, 0);
      status.unsyncedEntries = l.integer("unsynced_entries", kAnyInt, 0);
    }
    return status;
  });
}

Error agentError(const pos::PosResponse& response) {
  const std::string status = "HTTP " + std::to_string(response.status);
  Issues issues;
  const Json document = Json::parse(response.body, nullptr, false);
  if (!document.is_discarded() && document.is_object() && document.contains("error")) {
    ObjectReader reader(document["error"], "/error", issues);
    std::string reason = reader.requiredString("reason");
    std::string message = reader.string("message");
    if (issues.empty()) return makeError(ErrorCode::rejected, std::move(reason), message + " (" + status + ")");
  }
  return makeError(ErrorCode::rejected, "unexpected_answer",
                   "The agent answered " + status + " with a body that is not an error answer.");
}

}  // namespace loyalty::pos_demo
