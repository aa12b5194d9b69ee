#include "codec/snapshot_codec.h"

#include <algorithm>

#include "codec/bundle_loader.h"
#include "codec/canonical_json.h"
#include "codec/json_document.h"
#include "codec/snapshot_record_codec.h"
#include "codec/time_text.h"

namespace loyalty::codec {
namespace {

Error lineError(std::int64_t line, const Issue& issue) {
  Error error = toError(issue);
  error.message = "line " + std::to_string(line) + ": " + (issue.pointer.empty() ? "" : issue.pointer + ": ") +
                  issue.message;
  return error;
}

Error lineError(std::int64_t line, ErrorCode code, std::string reason, const std::string& message) {
  return makeError(code, std::move(reason), "line " + std::to_string(line) + ": " + message);
}

std::map<std::string, std::int64_t> readLedgerIncluded(ObjectReader& reader) {
  std::map<std::string, std::int64_t> included;
  const Json* value = reader.optional("ledger_included");
  if (value == nullptr) return included;
  const std::string pointer = reader.pointerOf("ledger_included");
  if (!value->is_object()) {
    reader.issues().add(pointer, "wrong_type", "expected an object of terminal id to ledger sequence.");
    return included;
  }
  for (const auto& [terminal, sequence] : value->items()) {
    auto read = readInt(sequence, childPointer(pointer, terminal), IntRange{0, INT64_MAX}, reader.issues());
    if (read) included.emplace(terminal, *read);
  }
  return included;
}

// The bundle must load exactly as a terminal would load it on its own.
void readBundle(ObjectReader& reader, SnapshotHeader& header) {
  const Json* bundle = reader.required("bundle");
  if (bundle == nullptr) return;
  if (!bundle->is_object()) {
    reader.issues().add(reader.pointerOf("bundle"), "wrong_type", "expected the rule bundle object.");
    return;
  }
  header.bundleText = canonicalJson(*bundle);
  BundleLoad load = loadBundle(header.bundleText);
  if (!load.ok()) {
    const Issue& first = load.issues.front();
    std::string message = first.reason + ": " + first.message;
    if (load.issues.size() > 1) message += " (and " + std::to_string(load.issues.size() - 1) + " more problems)";
    reader.issues().add(reader.pointerOf("bundle") + first.pointer, "invalid_bundle",
                        "the rule bundle is not valid: " + message);
    return;
  }
  header.bundle = std::move(*load.bundle);
  header.bundleHash = header.bundle.hash;
}

SnapshotHeader readHeaderDocument(const Json& document, Issues& issues) {
  SnapshotHeader header;
  ObjectReader reader(document, "", issues);
  if (!reader.valid()) return header;
  if (reader.requiredString("type") != "header") {
    issues.add("/type", "missing_header", "the first line must be the snapshot header ({\"type\": \"header\", ...}).");
    return header;
  }
  const std::int64_t format = reader.requiredInt("format", IntRange{1, INT64_MAX});
  if (format != kSnapshotFormat) {
    issues.add("/format", "unsupported_format",
               "snapshot format " + std::to_string(format) + " is not supported; this build reads format " +
                   std::to_string(kSnapshotFormat) + ".");
    return header;
  }
  header.version = reader.requiredInt("version", IntRange{1, INT64_MAX});
  header.storeId = reader.requiredString("store_id");
  const std::string created = reader.requiredString("created_at");
  if (!created.empty()) {
    auto instant = parseInstant(created);
    if (!instant) {
      issues.add("/created_at", "invalid_instant",
                 "expected an RFC 3339 instant such as \"2026-03-01T04:00:00Z\", got \"" + created + "\".");
    }
    header.createdAt = instant.value_or(0);
  }
  header.ledgerIncluded = readLedgerIncluded(reader);
  readBundle(reader, header);
  reader.finish();
  if (issues.empty() && header.bundle.stores.end() == std::find_if(header.bundle.stores.begin(),
                                                                     header.bundle.stores.end(),
                                                                     [&](const engine::Store& store) {
                                                                       return store.id == header.storeId;
                                                                     })) {
    issues.add("/store_id", "unknown_store", "the bundle has no store \"" + header.storeId + "\".");
  }
  return header;
}

}  // namespace

SnapshotFileReader::LineRead SnapshotFileReader::readLine(std::size_t maxBytes) {
  text_.clear();
  std::streambuf* buffer = in_.rdbuf();
  if (buffer == nullptr) return LineRead::end_of_file;
  bool any = false;
  for (;;) {
    const auto c = buffer->sbumpc();
    if (c == std::char_traits<char>::eof()) break;
    any = true;
    if (c == '\n') break;
    if (text_.size() >= maxBytes) return LineRead::too_long;
    text_ += static_cast<char>(c);
  }
  if (!any) return LineRead::end_of_file;
  ++line_;
  if (!text_.empty() && text_.back() == '\r') text_.pop_back();  // CRLF files
  return LineRead::line;
}

Error SnapshotFileReader::fail(Error error) {
  failed_ = error;
  return error;
}

Result<SnapshotHeader> SnapshotFileReader::readHeader() {
  if (failed_) return *failed_;
  if (headerRead_) return fail(makeError(ErrorCode::invalid_input, "header_read", "the header was already read."));
  headerRead_ = true;
  const LineRead read = readLine(kMaxDocumentBytes);
  if (read == LineRead::end_of_file) {
    return fail(makeError(ErrorCode::invalid_input, "missing_header", "the snapshot file is empty."));
  }
  if (read == LineRead::too_long) {
    return fail(lineError(1, ErrorCode::invalid_input, "line_too_long",
                          "the header exceeds " + std::to_string(kMaxDocumentBytes) + " bytes."));
  }
  Issues issues;
  std::optional<Json> document = parseDocument(text_, issues);
  if (!document) return fail(lineError(line_, issues.list().front()));
  SnapshotHeader header = readHeaderDocument(*document, issues);
  if (!issues.empty()) return fail(lineError(line_, issues.list().front()));
  for (const engine::Program& program : header.bundle.programs) {
    auto& tiers = programTiers_[program.id];
    for (const engine::Tier& tier : program.tiers) tiers.insert(tier.id);
  }
  return header;
}

Result<std::optional<SnapshotRecord>> SnapshotFileReader::next() {
  if (failed_) return *failed_;
  if (finished_) return std::optional<SnapshotRecord>();
  if (!headerRead_) return fail(makeError(ErrorCode::invalid_input, "missing_header", "read the header first."));
  const LineRead read = readLine(kMaxSnapshotRecordBytes);
  if (read == LineRead::end_of_file) {
    return fail(makeError(ErrorCode::invalid_input, "truncated",
                          "the file ends after line " + std::to_string(line_) + " (" + std::to_string(records_) +
                              " records) without its \"end\" trailer: it is truncated."));
  }
  if (read == LineRead::too_long) {
    return fail(lineError(line_ + 1, ErrorCode::invalid_input, "line_too_long",
                          "a record exceeds " + std::to_string(kMaxSnapshotRecordBytes) + " bytes."));
  }
  if (text_.empty()) return fail(lineError(line_, ErrorCode::invalid_input, "blank_line", "the line is empty."));
  Issues issues;
  std::optional<Json> document = parseDocument(text_, issues);
  if (!document) return fail(lineError(line_, issues.list().front()));
  const Json* type = document->is_object() && document->contains("type") ? &(*document)["type"] : nullptr;
  if (type == nullptr || !type->is_string()) {
    return fail(lineError(line_, ErrorCode::invalid_input, "missing_field",
                          "/type: every record is an object with a string \"type\"."));
  }
  if (type->get_ref<const std::string&>() == "end") {
    ObjectReader reader(*document, "", issues);
    (void)reader.required("type");
    const std::int64_t count = reader.requiredInt("records", IntRange{0, INT64_MAX});
    reader.finish();
    if (!issues.empty()) return fail(lineError(line_, issues.list().front()));
    if (count != records_) {
      return fail(lineError(line_, ErrorCode::invalid_input, "record_count_mismatch",
                            "the trailer counts " + std::to_string(count) + " records but the file has " +
                                std::to_string(records_) + "."));
    }
    // Only empty lines may follow the trailer.
    while (readLine(kMaxSnapshotRecordBytes) != LineRead::end_of_file) {
      if (!text_.empty()) {
        return fail(lineError(line_, ErrorCode::invalid_input, "data_after_end", "data follows the \"end\" trailer."));
      }
    }
    finished_ = true;
    return std::optional<SnapshotRecord>();
  }
  std::optional<SnapshotRecord> record =
      readSnapshotRecord(*document, type->get_ref<const std::string&>(), programTiers_, issues);
  if (!record) return fail(lineError(line_, issues.list().front()));
  ++records_;
  return record;
}

std::string snapshotHeaderLine(std::int64_t version, const std::string& storeId, std::int64_t createdAt,
                               const std::map<std::string, std::int64_t>& ledgerIncluded,
                               const nlohmann::json& bundleDocument) {
  Json included = Json::object();
  for (const auto& [terminal, sequence] : ledgerIncluded) included[terminal] = sequence;
  return Json{{"type", "header"},         {"format", kSnapshotFormat},     {"version", version},
              {"store_id", storeId},      {"created_at", formatInstant(createdAt)},
              {"ledger_included", included}, {"bundle", bundleDocument}}
      .dump();
}

std::string snapshotRecordLine(const SnapshotRecord& record) { return snapshotRecordToJson(record).dump(); }

std::string snapshotEndLine(std::int64_t records) { return Json{{"type", "end"}, {"records", records}}.dump(); }

}  // namespace loyalty::codec
