// JSON codec of the ledger upload (docs/sync-protocol.md, "Ledger upload"): strict (unknown
// fields, wrong types, out-of-range values and broken caps are refused), bounded (size
// and nesting are checked before parsing), never throwing on bad input.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "engine/result.h"
#include "wire/ledger_batch.h"

namespace loyalty::wire {

// Errors: invalid_input "invalid_entry" (a field breaks its limit or is not valid UTF-8),
// "batch_too_large" (over kMaxBatchEntries or kMaxBatchBytes), "terminal_mismatch" (an
// entry names another terminal than the batch), "empty_batch".
[[nodiscard]] Result<std::string> printBatch(const LedgerBatch& batch);
// The bytes `entry` adds to a printed batch (with its separating comma), so a sender can
// fill a batch up to kMaxBatchBytes. kBatchOverheadBytes + the batch's terminal id bounds
// the rest.
[[nodiscard]] std::size_t printedEntryBytes(const WireEntry& entry);
inline constexpr std::size_t kBatchOverheadBytes = 64;

// Errors: parse_error (not JSON, too large, too deep, duplicate key) or invalid_input with
// the reason of the first problem ("missing_field", "unknown_field", "wrong_type",
// "out_of_range", "invalid_value", "batch_too_large", "terminal_mismatch", "empty_batch")
// and its JSON pointer in the sentence. Hashes are NOT checked here: HQ refuses a bad
// hash per entry (RefusalReason::bad_hash) so that the rest of the batch still counts.
[[nodiscard]] Result<LedgerBatch> parseBatch(std::string_view text);

[[nodiscard]] std::string printAnswer(const BatchAnswer& answer);
[[nodiscard]] Result<BatchAnswer> parseAnswer(std::string_view text);

// The first broken field rule of one entry (the rules parseBatch applies), for callers
// that get entries another way: an invalid_input Error "invalid_entry" naming the field,
// or nothing when the entry is well-formed.
[[nodiscard]] std::optional<Error> entryProblem(const WireEntry& entry);

// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
[[nodiscard]] bool isValidUtf8(std::string_view text) noexcept;

}  // namespace loyalty::wire
