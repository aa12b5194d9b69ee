#include "wire/ledger_batch_codec.h"

#include <nlohmann/json.hpp>

#include "codec/json_document.h"
#include "codec/json_reader.h"

namespace loyalty::wire {
namespace {

using codec::childPointer;
using codec::Issues;
using codec::Json;
using codec::ObjectReader;

constexpr codec::IntRange kSequenceRange{1, INT64_MAX};
constexpr codec::IntRange kCountRange{0, INT64_MAX};

bool isUuidText(std::string_view text) noexcept {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

// Text fields carry whatever the terminal stored (control characters included, escaped by
// JSON), but no NUL: neither database keeps one in a text column.
void checkText(std::string_view value, const std::string& pointer, std::size_t minBytes, std::size_t maxBytes,
               Issues& issues) {
  if (value.size() < minBytes || value.size() > maxBytes) {
    issues.add(pointer, "out_of_range",
               "must have " + std::to_string(minBytes) + " to " + std::to_string(maxBytes) + " bytes, got " +
                   std::to_string(value.size()) + ".");
  } else if (value.find('\0') != std::string_view::npos) {
    issues.add(pointer, "invalid_value", "must not contain a NUL character.");
  } else if (!isValidUtf8(value)) {
    issues.add(pointer, "invalid_value", "must be valid UTF-8.");
  }
}

// The checks every entry passes, shared by the printer and the parser.
void checkEntry(const WireEntry& entry, const std::string& pointer, Issues& issues) {
  if (!isUuidText(entry.id)) {
    issues.add(childPointer(pointer, "id"), "invalid_value", "must be a UUID in lowercase text form.");
  }
  checkText(entry.terminalId, childPointer(pointer, "terminal_id"), 1, kMaxTerminalIdBytes, issues);
  if (entry.sequence < 1) issues.add(childPointer(pointer, "sequence"), "out_of_range", "must be at least 1.");
  if (!codec::isLedgerEntryKind(entry.kind)) {
    issues.add(childPointer(pointer, "kind"), "invalid_value", "\"" + entry.kind + "\" is not a ledger entry kind.");
  }
  checkText(entry.saleRef, childPointer(pointer, "sale_ref"), 1, kMaxRefBytes, issues);
  checkText(entry.memberId, childPointer(pointer, "member_id"), 0, kMaxRefBytes, issues);
  checkText(entry.bundleHash, childPointer(pointer, "bundle_hash"), 0, kMaxRefBytes, issues);
  checkText(entry.payload, childPointer(pointer, "payload"), 0, kMaxPayloadBytes, issues);
  if (!codec::isHashText(entry.prevHash)) {
    issues.add(childPointer(pointer, "prev_hash"), "invalid_value", "must be 64 lowercase hex digits.");
  }
  if (!codec::isHashText(entry.hash)) {
    issues.add(childPointer(pointer, "hash"), "invalid_value", "must be 64 lowercase hex digits.");
  }
}

void checkBatch(const LedgerBatch& batch, Issues& issues) {
  checkText(batch.terminalId, "/terminal_id", 1, kMaxTerminalIdBytes, issues);
  if (batch.entries.size() > kMaxBatchEntries) {
    issues.add("/entries", "batch_too_large",
               "a batch holds at most " + std::to_string(kMaxBatchEntries) + " entries, got " +
                   std::to_string(batch.entries.size()) + ".");
  }
  for (std::size_t i = 0; i < batch.entries.size() && issues.empty(); ++i) {
    const std::string pointer = childPointer("/entries", i);
    checkEntry(batch.entries[i], pointer, issues);
    if (issues.empty() && batch.entries[i].terminalId != batch.terminalId) {
      issues.add(childPointer(pointer, "terminal_id"), "terminal_mismatch",
                 "the entry names terminal \"" + batch.entries[i].terminalId + "\", the batch \"" + batch.terminalId +
                     "\".");
    }
  }
}

Json entryToJson(const WireEntry& e) {
  return Json{{"id", e.id},
              {"terminal_id", e.terminalId},
              {"sequence", e.sequence},
              {"kind", e.kind},
              {"sale_ref", e.saleRef},
              {"member_id", e.memberId},
              {"wall_time_ms", e.wallTimeMs},
              {"monotonic_ns", e.monotonicNs},
              {"bundle_hash", e.bundleHash},
              {"payload", e.payload},
              {"prev_hash", e.prevHash},
              {"hash", e.hash}};
}

// A raw string member (control characters allowed: checkText judges the content).
std::string textMember(ObjectReader& reader, std::string_view key) {
  const Json* value = reader.required(key);
  if (!value) return {};
  if (!value->is_string()) {
    reader.issues().add(reader.pointerOf(key), "wrong_type", "expected a string.");
    return {};
  }
  return value->get<std::string>();
}

WireEntry readEntry(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  WireEntry e;
  e.id = textMember(reader, "id");
  e.terminalId = textMember(reader, "terminal_id");
  e.sequence = reader.requiredInt("sequence", kSequenceRange);
  e.kind = textMember(reader, "kind");
  e.saleRef = textMember(reader, "sale_ref");
  e.memberId = textMember(reader, "member_id");
  e.wallTimeMs = reader.requiredInt("wall_time_ms", codec::kAnyInt);
  e.monotonicNs = reader.requiredInt("monotonic_ns", codec::kAnyInt);
  e.bundleHash = textMember(reader, "bundle_hash");
  e.payload = textMember(reader, "payload");
  e.prevHash = textMember(reader, "prev_hash");
  e.hash = textMember(reader, "hash");
  reader.finish();
  return e;
}

template <typename T>
Result<T> firstIssue(Issues& issues) {
  return codec::toError(issues.list().front());
}

Result<Json> parseBounded(std::string_view text, Issues& issues) {
  if (text.size() > kMaxBatchBytes) {
    return makeError(ErrorCode::invalid_input, "batch_too_large",
                     "the document has " + std::to_string(text.size()) + " bytes, more than the " +
                         std::to_string(kMaxBatchBytes) + " a batch may have.");
  }
  std::optional<Json> document = codec::parseDocument(text, issues);
  if (!document) return firstIssue<Json>(issues);
  return std::move(*document);
}

}  // namespace

Result<std::string> printBatch(const LedgerBatch& batch) {
  Issues issues;
  checkBatch(batch, issues);
  if (!issues.empty()) {
    Error error = codec::toError(issues.list().front());
    if (error.reason != "batch_too_large" && error.reason != "terminal_mismatch") error.reason = "invalid_entry";
    return error;
  }
  Json entries = Json::array();
  for (const WireEntry& entry : batch.entries) entries.push_back(entryToJson(entry));
  std::string text = Json{{"terminal_id", batch.terminalId}, {"entries", std::move(entries)}}.dump();
  if (text.size() > kMaxBatchBytes) {
    return makeError(ErrorCode::invalid_input, "batch_too_large",
                     "the batch prints to " + std::to_string(text.size()) + " bytes, more than " +
                         std::to_string(kMaxBatchBytes) + "; send fewer entries.");
  }
  return text;
}

std::optional<Error> entryProblem(const WireEntry& entry) {
  Issues issues;
  checkEntry(entry, "", issues);
  if (issues.empty()) return std::nullopt;
  Error error = codec::toError(issues.list().front());
  error.reason = "invalid_entry";
  return error;
}

std::size_t printedEntryBytes(const WireEntry& entry) {
  if (!isValidUtf8(entry.payload) || !isValidUtf8(entry.saleRef) || !isValidUtf8(entry.memberId) ||
      !isValidUtf8(entry.bundleHash) || !isValidUtf8(entry.terminalId) || !isValidUtf8(entry.kind) ||
      !isValidUtf8(entry.id) || !isValidUtf8(entry.prevHash) || !isValidUtf8(entry.hash)) {
    return kMaxBatchBytes + 1;  // printBatch refuses it anyway: it never fits
  }
  return entryToJson(entry).dump().size() + 1;
}

Result<LedgerBatch> parseBatch(std::string_view text) {
  Issues issues;
  Result<Json> document = parseBounded(text, issues);
  if (!document) return document.error();
  LedgerBatch batch;
  ObjectReader reader(document.value(), "", issues);
  batch.terminalId = textMember(reader, "terminal_id");
  const Json* entries = reader.required("entries");
  if (entries && !entries->is_array()) {
    issues.add("/entries", "wrong_type", "expected an array of ledger entries.");
  } else if (entries && entries->size() > kMaxBatchEntries) {
    issues.add("/entries", "batch_too_large",
               "a batch holds at most " + std::to_string(kMaxBatchEntries) + " entries, got " +
                   std::to_string(entries->size()) + ".");
  } else if (entries) {
    batch.entries.reserve(entries->size());
    for (std::size_t i = 0; i < entries->size() && issues.empty(); ++i) {
      batch.entries.push_back(readEntry((*entries)[i], childPointer("/entries", i), issues));
    }
  }
  reader.finish();
  if (issues.empty()) checkBatch(batch, issues);
  if (!issues.empty()) return firstIssue<LedgerBatch>(issues);
  return batch;
}

std::string printAnswer(const BatchAnswer& answer) {
  Json refused = Json::array();
  for (const RefusedEntry& r : answer.refused) {
    Json item{{"id", r.id}, {"sequence", r.sequence}, {"reason", toString(r.reason)}, {"message", r.message}};
    if (r.expectedSequence) item["expected_sequence"] = *r.expectedSequence;
    refused.push_back(std::move(item));
  }
  Json document{{"terminal_id", answer.terminalId},
                {"acknowledged_through", answer.acknowledgedThrough},
                {"applied", answer.applied},
                {"duplicates", answer.duplicates},
                {"not_applied", answer.notApplied},
                {"refused", std::move(refused)}};
  // The answer is built by HQ from checked entries; replace rather than throw should a
  // sentence ever carry broken UTF-8.
  return document.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<BatchAnswer> parseAnswer(std::string_view text) {
  Issues issues;
  Result<Json> document = parseBounded(text, issues);
  if (!document) return document.error();
  BatchAnswer answer;
  ObjectReader reader(document.value(), "", issues);
  answer.terminalId = reader.requiredString("terminal_id");
  answer.acknowledgedThrough = reader.requiredInt("acknowledged_through", kCountRange);
  answer.applied = reader.requiredInt("applied", codec::IntRange{0, kMaxBatchEntries});
  answer.duplicates = reader.requiredInt("duplicates", codec::IntRange{0, kMaxBatchEntries});
  answer.notApplied = reader.requiredInt("not_applied", codec::IntRange{0, kMaxBatchEntries});
  const Json* refused = reader.required("refused");
  if (refused && (!refused->is_array() || refused->size() > kMaxBatchEntries)) {
    issues.add("/refused", "wrong_type", "expected an array of at most " + std::to_string(kMaxBatchEntries) +
                                             " refused entries.");
  } else if (refused) {
    for (std::size_t i = 0; i < refused->size(); ++i) {
      ObjectReader item((*refused)[i], childPointer("/refused", i), issues);
      RefusedEntry r;
      r.id = item.requiredString("id");
      r.sequence = item.requiredInt("sequence", kSequenceRange);
      const std::string reason = item.requiredString("reason");
      if (auto known = refusalReasonFromString(reason)) {
        r.reason = *known;
      } else if (!reason.empty()) {
        issues.add(item.pointerOf("reason"), "invalid_value", "\"" + reason + "\" is not a refusal reason.");
      }
      r.expectedSequence = item.optionalInt("expected_sequence", kSequenceRange);
      r.message = item.string("message");
      if (r.message.size() > kMaxMessageBytes) r.message.resize(kMaxMessageBytes);
      item.finish();
      answer.refused.push_back(std::move(r));
    }
  }
  reader.finish();
  const auto counted = answer.applied + answer.duplicates + answer.notApplied +
                       static_cast<std::int64_t>(answer.refused.size());
  if (issues.empty() && counted > static_cast<std::int64_t>(kMaxBatchEntries)) {
    issues.add("", "out_of_range", "the answer counts more entries than a batch may hold.");
  }
  if (!issues.empty()) return firstIssue<BatchAnswer>(issues);
  return answer;
}

bool isValidUtf8(std::string_view text) noexcept {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t point = 0;
    if ((c & 0xe0) == 0xc0) {
      length = 2;
      point = c & 0x1fu;
    } else if ((c & 0xf0) == 0xe0) {
      length = 3;
      point = c & 0x0fu;
    } else if ((c & 0xf8) == 0xf0) {
      length = 4;
      point = c & 0x07u;
    } else {
      return false;
    }
    if (i + length > n) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      point = (point << 6) | (next & 0x3fu);
    }
    constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (point < kMinimum[length] || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return false;
    i += length;
  }
  return true;
}

}  // namespace loyalty::wire
