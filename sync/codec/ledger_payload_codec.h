// The payload of a ledger entry (docs/ledger-payload.md): what HQ needs to re-check and
// apply the entry (the sale's request and the engine's result, a return's lines and
// result, an enrolled member), and the deltas a terminal replays on top of its snapshot
// (member balances and counters, campaign counters, single-use codes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "codec/json_writer.h"
#include "engine/member_delta.h"
#include "engine/quote.h"
#include "engine/result.h"

namespace loyalty::codec {

struct EntryPayload {
  std::string posSaleId;  // the POS's sale (sales, returns, voids)
  std::string returnId;   // returns and voids: the POS's id of this return
  engine::MemberDelta memberDelta;
  std::vector<engine::CampaignUsage> campaignDelta;  // signed: returns give back
  std::vector<std::string> codesUsed;       // single-use voucher codes consumed (any holder)
  std::vector<std::string> codesReleased;   // single-use codes a full return reinstated
  nlohmann::json detail = nlohmann::json::object();  // {"sale"|"return"|"enrollment": ...}
};

[[nodiscard]] std::string entryPayloadToText(const EntryPayload& payload);
// The same with the detail given as JSON object text (`payload.detail` is not used): a
// sale's detail holds its whole quote result, written once by the streaming writer.
[[nodiscard]] std::string entryPayloadToText(const EntryPayload& payload, std::string_view detailJson);
// Errors as every codec: parse_error / invalid_input with the JSON pointer in the sentence.
[[nodiscard]] Result<EntryPayload> parseEntryPayload(std::string_view text);

void writeMemberDelta(JsonWriter& w, const engine::MemberDelta& delta);

}  // namespace loyalty::codec
