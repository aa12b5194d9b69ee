#include "updates/delta_codec.h"

#include "codec/canonical_json.h"
#include "codec/json_document.h"
#include "codec/time_text.h"
#include "engine/money.h"

namespace loyalty::updates {
namespace {

using codec::Json;

const codec::EnumNames<ConflictKind> kConflictKinds{{"overdraft", ConflictKind::overdraft},
                                                        {"voucher_reuse", ConflictKind::voucher_reuse},
                                                        {"negative_balance", ConflictKind::negative_balance}};

Error lineError(std::int64_t line, const codec::Issue& issue) {
  Error error = codec::toError(issue);
  error.message = "line " + std::to_string(line) + ": " + (issue.pointer.empty() ? "" : issue.pointer + ": ") +
                  issue.message;
  return error;
}

Error lineError(std::int64_t line, ErrorCode code, std::string reason, const std::string& message) {
  return makeError(code, std::move(reason), "line " + std::to_string(line) + ": " + message);
}

std::optional<std::int64_t> readInstant(codec::ObjectReader& reader, std::string_view key) {
  const std::string text = reader.requiredString(key);
  if (text.empty()) return std::nullopt;
  auto instant = codec::parseInstant(text);
  if (!instant) {
    reader.issues().add(reader.pointerOf(key), "invalid_instant",
                        "expected an RFC 3339 instant such as \"2026-03-01T04:00:00Z\", got \"" + text + "\".");
  }
  return instant;
}

Conflict readConflict(codec::ObjectReader& reader) {
  Conflict conflict;
  conflict.id = reader.requiredString("conflict");
  conflict.kind = reader.requiredEnum("kind", kConflictKinds, ConflictKind::overdraft);
  conflict.memberId = reader.optionalString("member");
  conflict.voucherCode = reader.optionalString("code");
  conflict.points = reader.optionalInt("points", {-engine::kMaxAmount, engine::kMaxAmount});
  conflict.detectedAt = readInstant(reader, "detected_at").value_or(0);
  conflict.entryIds = reader.stringList("entries");
  return conflict;
}

Json conflictToJson(const Conflict& c) {
  Json out = Json::object();
  out["type"] = "conflict";
  out["conflict"] = c.id;
  out["kind"] = std::string(codec::enumName(c.kind, kConflictKinds));
  if (c.memberId) out["member"] = *c.memberId;
  if (c.voucherCode) out["code"] = *c.voucherCode;
  if (c.points) out["points"] = *c.points;
  out["detected_at"] = codec::formatInstant(c.detectedAt);
  out["entries"] = c.entryIds;
  return out;
}

}  // namespace

DeltaReader::LineRead DeltaReader::readLine() {
  text_.clear();
  std::streambuf* buffer = in_.rdbuf();
  while (true) {
    const auto c = buffer == nullptr ? std::char_traits<char>::eof() : buffer->sbumpc();
    if (c == std::char_traits<char>::eof()) return text_.empty() ? LineRead::end_of_file : LineRead::line;
    if (c == '\n') break;
    if (text_.size() >= kMaxDeltaLineBytes) return LineRead::too_long;
    text_ += static_cast<char>(c);
  }
  if (!text_.empty() && text_.back() == '\r') text_.pop_back();
  return LineRead::line;
}

Error DeltaReader::fail(Error error) {
  failed_ = error;
  return error;
}

Result<DeltaHeader> DeltaReader::readHeader() {
  if (failed_) return *failed_;
  if (headerRead_) return fail(makeError(ErrorCode::invalid_input, "missing_header", "The header was read already."));
  headerRead_ = true;
  ++line_;
  const LineRead read = readLine();
  if (read == LineRead::too_long) {
    return fail(lineError(line_, ErrorCode::invalid_input, "line_too_long", "the header is longer than 1 MiB."));
  }
  if (read == LineRead::end_of_file) {
    return fail(lineError(line_, ErrorCode::invalid_input, "missing_header", "the delta is empty."));
  }
  codec::Issues issues;
  DeltaHeader header;
  if (const std::optional<Json> document = codec::parseDocument(text_, issues)) {
    codec::ObjectReader reader(*document, "", issues);
    if (reader.valid()) {
      if (reader.requiredString("type") != "header" && issues.empty()) {
        issues.add("/type", "missing_header", "the first line must be the delta header (\"type\": \"header\").");
      }
      const std::int64_t format = reader.requiredInt("format", codec::kAnyInt);
      if (issues.empty() && format != kDeltaFormat) {
        issues.add("/format", "unsupported_format", "this agent reads delta format 1, got " + std::to_string(format) + ".");
      }
      header.storeId = reader.requiredString("store_id");
      header.baseVersion = reader.requiredInt("base_version", {1, INT64_MAX});
      header.version = reader.requiredInt("version", {1, INT64_MAX});
      header.createdAt = readInstant(reader, "created_at").value_or(0);
      reader.finish();
      if (issues.empty() && header.version <= header.baseVersion) {
        issues.add("/version", "invalid_range", "a delta's version must be above its base version.");
      }
    }
  }
  if (!issues.empty()) return fail(lineError(line_, issues.list().front()));
  return header;
}

Result<std::optional<DeltaRecord>> DeltaReader::next() {
  if (failed_) return *failed_;
  if (!headerRead_) return fail(makeError(ErrorCode::invalid_input, "missing_header", "Read the header first."));
  if (finished_) {
    // Only empty lines may follow the trailer.
    while (true) {
      ++line_;
      const LineRead read = readLine();
      if (read == LineRead::end_of_file) return std::optional<DeltaRecord>{};
      if (read == LineRead::too_long || !text_.empty()) {
        return fail(lineError(line_, ErrorCode::invalid_input, "data_after_end", "nothing may follow the end line."));
      }
    }
  }
  ++line_;
  switch (readLine()) {
    case LineRead::end_of_file:
      return fail(lineError(line_, ErrorCode::invalid_input, "truncated",
                            "the delta ends without its end line; it is incomplete."));
    case LineRead::too_long:
      return fail(lineError(line_, ErrorCode::invalid_input, "line_too_long", "a record line is at most 1 MiB."));
    case LineRead::line: break;
  }
  if (text_.empty()) {
    return fail(lineError(line_, ErrorCode::invalid_input, "blank_line", "empty lines are not allowed before the end."));
  }
  return readRecord();
}

Result<std::optional<DeltaRecord>> DeltaReader::readRecord() {
  codec::Issues issues;
  std::optional<Json> document = codec::parseDocument(text_, issues);
  if (!document) return fail(lineError(line_, issues.list().front()));
  codec::ObjectReader top(*document, "", issues);
  const std::string type = top.valid() ? top.requiredString("type") : std::string();
  if (!issues.empty()) return fail(lineError(line_, issues.list().front()));
  if (type == "end") {
    const std::int64_t count = top.requiredInt("records", {0, INT64_MAX});
    top.finish();
    if (!issues.empty()) return fail(lineError(line_, issues.list().front()));
    if (count != records_) {
      return fail(lineError(line_, ErrorCode::invalid_input, "record_count_mismatch",
                            "the end line counts " + std::to_string(count) + " records, the delta has " +
                                std::to_string(records_) + "."));
    }
    finished_ = true;
    return next();
  }
  const std::optional<DeltaType> deltaType = typeFromName(type);
  if (!deltaType) {
    return fail(lineError(line_, ErrorCode::invalid_input, "unknown_record_type",
                          "/type: \"" + type + "\" is not a delta record type."));
  }
  const std::string op = top.requiredString("op");
  if (!issues.empty()) return fail(lineError(line_, issues.list().front()));
  std::optional<DeltaRecord> record;
  if (op == "remove") {
    std::string key = top.requiredString(keyName(*deltaType));
    top.finish();
    record = DeltaRemove{*deltaType, std::move(key)};
  } else if (op == "upsert") {
    if (*deltaType == DeltaType::conflict) {
      record = readConflict(top);
      top.finish();
    } else if (*deltaType == DeltaType::ledger_included) {
      std::string terminal = top.requiredString("terminal");
      record = LedgerMark{std::move(terminal), top.requiredInt("sequence", {0, INT64_MAX})};
      top.finish();
    } else {
      document->erase("op");  // the rest is exactly a snapshot record line
      auto snapshotRecord = codec::readSnapshotRecord(*document, type, programs_, issues);
      if (snapshotRecord) record = std::move(*snapshotRecord);
    }
  } else {
    issues.add("/op", "invalid_op", "\"" + op + "\" is not one of: upsert, remove.");
  }
  if (!issues.empty()) return fail(lineError(line_, issues.list().front()));
  if (!record) return fail(lineError(line_, ErrorCode::invalid_input, "malformed", "the record could not be read."));
  if (++records_ > kMaxDeltaRecords) {
    return fail(lineError(line_, ErrorCode::invalid_input, "too_many_records",
                          "a delta has at most " + std::to_string(kMaxDeltaRecords) + " records; send a full snapshot."));
  }
  const std::string key = keyOf(*record);
  if (!seen_.insert(type + '\n' + key).second) {
    return fail(lineError(line_, ErrorCode::invalid_input, "duplicate_record",
                          "the " + type + " \"" + key + "\" is changed twice in this delta."));
  }
  return record;
}

std::string deltaHeaderLine(const DeltaHeader& header) {
  Json out = Json::object();
  out["type"] = "header";
  out["format"] = kDeltaFormat;
  out["store_id"] = header.storeId;
  out["base_version"] = header.baseVersion;
  out["version"] = header.version;
  out["created_at"] = codec::formatInstant(header.createdAt);
  return codec::canonicalJson(out);
}

std::string deltaRecordLine(const DeltaRecord& record) {
  Json out;
  if (const auto* upsert = std::get_if<codec::SnapshotRecord>(&record)) {
    out = codec::snapshotRecordToJson(*upsert);
  } else if (const auto* conflict = std::get_if<Conflict>(&record)) {
    out = conflictToJson(*conflict);
  } else if (const auto* mark = std::get_if<LedgerMark>(&record)) {
    out = Json{{"type", "ledger_included"}, {"terminal", mark->terminalId}, {"sequence", mark->sequence}};
  } else {
    const auto& remove = std::get<DeltaRemove>(record);
    out = Json{{"type", std::string(typeName(remove.type))}, {std::string(keyName(remove.type)), remove.key}};
    out["op"] = "remove";
    return codec::canonicalJson(out);
  }
  out["op"] = "upsert";
  return codec::canonicalJson(out);
}

std::string deltaEndLine(std::int64_t records) {
  return codec::canonicalJson(Json{{"type", "end"}, {"records", records}});
}

}  // namespace loyalty::updates
