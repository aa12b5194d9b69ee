// The snapshot delta file (docs/sync-protocol.md, "Snapshot delta format"): NDJSON like the
// snapshot file, read as a stream. A header (store, base version, version, creation time),
// records {"op": "upsert" | "remove", "type": ..., ...}, and an "end" trailer counting
// them. Strict: unknown or repeated keys, a record named twice, bad values, lines over 1 MiB
// are refused with "line N: POINTER: sentence".
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <set>
#include <string>

#include "codec/snapshot_record_codec.h"
#include "engine/result.h"
#include "updates/delta_records.h"

namespace loyalty::updates {

inline constexpr std::int64_t kDeltaFormat = 1;
inline constexpr std::size_t kMaxDeltaLineBytes = 1u << 20;
// A delta is for small changes; past this HQ sends a full snapshot (also bounds the memory
// of the duplicate check).
inline constexpr std::int64_t kMaxDeltaRecords = 2'000'000;

class DeltaReader {
 public:
  // Members are checked against `programs` (the installed bundle's programs and tiers).
  DeltaReader(std::istream& in, codec::ProgramTiers programs) : in_(in), programs_(std::move(programs)) {}

  // Reasons: "missing_header", "unsupported_format", "invalid_range" (version not above the
  // base), "invalid_instant", "line_too_long", and the JSON reasons of any field.
  [[nodiscard]] Result<DeltaHeader> readHeader();
  // The next record, or nullopt once the trailer was read, its count matched and nothing
  // follows. Reasons: "truncated", "record_count_mismatch", "data_after_end",
  // "unknown_record_type", "invalid_op", "duplicate_record", "too_many_records",
  // "unknown_program", "unknown_tier", "invalid_key", "blank_line", "line_too_long" and
  // the JSON reasons ("unknown_field", "missing_field", "wrong_type", "out_of_range"...).
  [[nodiscard]] Result<std::optional<DeltaRecord>> next();

  [[nodiscard]] std::int64_t lineNumber() const noexcept { return line_; }

 private:
  enum class LineRead { line, end_of_file, too_long };
  LineRead readLine();
  Error fail(Error error);
  Result<std::optional<DeltaRecord>> readRecord();

  std::istream& in_;
  codec::ProgramTiers programs_;
  std::string text_;
  std::int64_t line_ = 0;
  std::int64_t records_ = 0;
  bool headerRead_ = false;
  bool finished_ = false;
  std::optional<Error> failed_;
  std::set<std::string> seen_;  // "type\nkey" of every record so far
};

// Writing (HQ): one line each, without its newline.
[[nodiscard]] std::string deltaHeaderLine(const DeltaHeader& header);
[[nodiscard]] std::string deltaRecordLine(const DeltaRecord& record);
[[nodiscard]] std::string deltaEndLine(std::int64_t records);

}  // namespace loyalty::updates
