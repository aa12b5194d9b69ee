#include "service/answer_json.h"

#include "codec/quote_codec.h"
#include "codec/return_codec.h"
#include "codec/value_codec.h"
#include "engine/calendar.h"

namespace loyalty::service {
namespace {

using nlohmann::json;

json optionalInt(const std::optional<std::int64_t>& value) { return value ? json(*value) : json(nullptr); }

std::string_view statusName(engine::MemberStatus status) {
  switch (status) {
    case engine::MemberStatus::active: return "active";
    case engine::MemberStatus::suspended: return "suspended";
    case engine::MemberStatus::closed: return "closed";
  }
  return "active";
}

}  // namespace

std::string quoteAnswerText(const QuoteAnswer& answer, std::string_view status) {
  return quoteAnswerText(answer, status, codec::quoteResultText(answer.result));
}

std::string quoteAnswerText(const QuoteAnswer& answer, std::string_view status, std::string_view resultJson) {
  std::string text;
  text.reserve(resultJson.size() + 256);
  codec::JsonWriter w(text);
  w.beginObject().member("pos_sale_id", answer.result.saleId).key("result").raw(resultJson);
  w.member("snapshot_version", answer.snapshotVersion).member("status", status).key("warnings");
  w.array(answer.warnings, [](codec::JsonWriter& out, const Warning& warning) {
    out.beginObject().member("message", warning.message).member("reason", warning.reason).endObject();
  });
  w.endObject();
  return text;
}

json returnAnswerToJson(const ReturnRequestIn& request, const engine::ReturnResult& result, bool voiding) {
  return json{{"status", voiding ? "voided" : "returned"},
              {"pos_sale_id", request.posSaleId},
              {"return_id", request.returnId},
              {"result", codec::returnResultToJson(result)}};
}

json memberSummaryToJson(const MemberSummary& summary) {
  const engine::MemberView& m = summary.member;
  json balances = json::array();
  for (const auto& b : summary.balances) balances.push_back(json{{"currency", b.currency}, {"points", b.after}});
  json expiring = json::array();
  for (const auto& lot : summary.expiringSoon) {
    expiring.push_back(json{{"currency", lot.currency}, {"points", lot.points}, {"expires_on", codec::dateToJson(*lot.expiresOn)}});
  }
  json activity = json::array();
  for (const auto& a : summary.recentActivity) {
    activity.push_back(json{{"sequence", a.sequence},
                            {"kind", a.kind},
                            {"pos_sale_id", a.posSaleId},
                            {"wall_time_ms", a.wallTimeMs},
                            {"points_change", a.pointsChange},
                            {"synced", a.synced}});
  }
  return json{{"member_id", m.id},
              {"program", m.programId},
              {"display_name", m.displayName},
              {"status", statusName(m.status)},
              {"tier", m.tier},
              {"provisional", summary.provisional},
              {"balances", balances},
              {"expiring_soon", expiring},
              {"recent_activity", activity},
              {"available_rewards", summary.availableRewards}};
}

json scanAnswerToJson(const ScanAnswer& answer) {
  json out{{"accepted", answer.accepted}, {"reason", answer.reason}, {"message", answer.message}};
  if (!answer.cardId.empty()) out["card_id"] = answer.cardId;
  if (answer.member) out["member"] = memberSummaryToJson(*answer.member);
  return out;
}

json statusToJson(const StatusAnswer& s) {
  return json{{"terminal_id", s.terminalId},
              {"store_id", s.storeId},
              {"snapshot", json{{"version", optionalInt(s.snapshotVersion)},
                                {"age_seconds", optionalInt(s.snapshotAgeSeconds)},
                                {"stale", s.snapshotStale},
                                {"bundle_hash", s.bundleHash},
                                {"members", s.memberCount}}},
              {"ledger", json{{"last_sequence", s.lastSequence},
                              {"unsynced_entries", s.unsyncedEntries},
                              {"oldest_unsynced_age_seconds", optionalInt(s.oldestUnsyncedAgeSeconds)}}},
              {"hq", json{{"last_contact_ms", optionalInt(s.lastHqContactMs)}}},
              {"disk", json{{"free_bytes", s.diskFreeBytes}, {"total_bytes", s.diskTotalBytes}}}};
}

namespace {

json entriesToJson(const std::vector<EntryRef>& entries) {
  json out = json::array();
  for (const auto& e : entries) out.push_back(json{{"id", e.id}, {"sequence", e.sequence}, {"kind", e.kind}});
  return out;
}

}  // namespace

json commitAnswerToJson(const CommitAnswer& answer) {
  json out = json::parse(answer.response, nullptr, false);
  if (out.is_discarded() || !out.is_object()) out = json::object();
  out["ledger_entries"] = entriesToJson(answer.entries);
  out["already_committed"] = answer.alreadyCommitted;
  return out;
}

std::string commitAnswerText(const CommitAnswer& answer) {
  // The stored response is an object this agent printed (a quote answer of several KiB);
  // anything else, or one that already names the fields, takes the parsing way.
  const std::string& stored = answer.response;
  const auto last = stored.find_last_not_of(" \t\r\n");
  if (stored.empty() || stored.front() != '{' || last == std::string::npos || stored[last] != '}' ||
      stored.find("\"ledger_entries\"") != std::string::npos ||
      stored.find("\"already_committed\"") != std::string::npos) {
    return commitAnswerToJson(answer).dump();
  }
  std::string text = stored.substr(0, last);
  if (text.find_last_not_of(" \t\r\n") != 0) text += ',';  // "{}" takes no comma
  text += "\"ledger_entries\":";
  text += entriesToJson(answer.entries).dump();
  text += answer.alreadyCommitted ? ",\"already_committed\":true}" : ",\"already_committed\":false}";
  return text;
}

}  // namespace loyalty::service
