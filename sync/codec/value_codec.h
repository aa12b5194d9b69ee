// JSON of the small values shared by the member, quote and return codecs: dates, lots,
// deficits, usage counters, line pieces, lot uses. Each has a writer and a reader; the
// reader reports problems as Issues at the value's pointer.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "codec/json_document.h"
#include "codec/json_reader.h"
#include "codec/json_writer.h"
#include "engine/calendar.h"
#include "engine/member.h"
#include "engine/quote.h"
#include "engine/result.h"

namespace loyalty::codec {

// How strictly counts are read: input documents (members) must hold positive, bounded
// points; result documents are read back as written (any 64-bit value).
enum class Strictness { input, result };

[[nodiscard]] Json dateToJson(const engine::LocalDate& date);
[[nodiscard]] Json optionalDateToJson(const std::optional<engine::LocalDate>& date);  // null when absent
void writeOptionalDate(JsonWriter& w, const std::optional<engine::LocalDate>& date);
[[nodiscard]] engine::LocalDate requiredDate(ObjectReader& reader, std::string_view key);
[[nodiscard]] std::optional<engine::LocalDate> optionalDate(ObjectReader& reader, std::string_view key);

[[nodiscard]] Json lotToJson(const engine::Lot& lot);
[[nodiscard]] engine::Lot readLot(const Json& value, const std::string& pointer, Strictness strictness, Issues& issues);
[[nodiscard]] Json deficitToJson(const engine::Deficit& deficit);
[[nodiscard]] engine::Deficit readDeficit(const Json& value, const std::string& pointer, Strictness strictness,
                                          Issues& issues);
[[nodiscard]] Json ruleUsageToJson(const engine::RuleUsage& usage);
[[nodiscard]] engine::RuleUsage readRuleUsage(const Json& value, const std::string& pointer, Strictness strictness,
                                              Issues& issues);
[[nodiscard]] Json campaignUsageToJson(const engine::CampaignUsage& usage);
[[nodiscard]] engine::CampaignUsage readCampaignUsage(const Json& value, const std::string& pointer,
                                                      Strictness strictness, Issues& issues);
void writeLinePiece(JsonWriter& w, const engine::LinePiece& piece);
[[nodiscard]] engine::LinePiece readLinePiece(const Json& value, const std::string& pointer, Issues& issues);
void writeLotUse(JsonWriter& w, const engine::LotUse& use);
[[nodiscard]] engine::LotUse readLotUse(const Json& value, const std::string& pointer, Issues& issues);

// Streaming writers (json_writer.h) of the values every quote result and ledger payload
// carries; each prints exactly what dump() prints for the tree of its ...ToJson twin.
void writeLot(JsonWriter& w, const engine::Lot& lot);
void writeDeficit(JsonWriter& w, const engine::Deficit& deficit);
void writeRuleUsage(JsonWriter& w, const engine::RuleUsage& usage);
void writeCampaignUsage(JsonWriter& w, const engine::CampaignUsage& usage);

// Writes each element of `items` with `write`.
template <typename T, typename F>
[[nodiscard]] Json arrayToJson(const std::vector<T>& items, F write) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(write(item));
  return out;
}

// Reads the array member `key` with `read(value, pointer, issues)`; absent = empty.
template <typename T, typename F>
[[nodiscard]] std::vector<T> readArray(ObjectReader& reader, std::string_view key, bool required, F read) {
  std::vector<T> out;
  reader.forEach(key, required, [&](const Json& item, const std::string& pointer, std::size_t) {
    out.push_back(read(item, pointer, reader.issues()));
  });
  return out;
}

// Parses `text` as one document and reads it with `read(document, issues)`. The first
// issue becomes the Error (its message counts the others).
template <typename T>
[[nodiscard]] Result<T> parseSingle(std::string_view text, const std::function<T(const Json&, Issues&)>& read) {
  Issues issues;
  std::optional<Json> document = parseDocument(text, issues);
  std::optional<T> value;
  if (document) value = read(*document, issues);
  if (issues.empty() && value) return std::move(*value);
  Error error = toError(issues.list().front());
  if (issues.size() > 1) {
    error.message += " (and " + std::to_string(issues.size() - 1) + " more problem" +
                     (issues.size() > 2 ? "s" : "") + ")";
  }
  return error;
}

}  // namespace loyalty::codec
