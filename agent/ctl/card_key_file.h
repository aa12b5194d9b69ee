// The card key file `loyaltyctl card verify --keys FILE` reads: the public keys and
// revocations a terminal's snapshot would hold, as a small JSON document (format in
// docs/member-cards.md, "Key file"). JSON stays here, at the edge; the cards library sees a
// MemoryCardKeyDirectory.
#pragma once

#include <string>
#include <string_view>

#include "cards/memory_card_keys.h"
#include "engine/result.h"

namespace loyalty::ctl {

// Every problem is reported at once. Errors: the file's io_error reasons; invalid_input
// "invalid_key_file" whose message lists "POINTER: reason: sentence" lines (reasons include
// bad_public_key, weak_public_key, bad_key_id, bad_card_id, duplicate_key_id, bad_instant,
// unknown_field, missing_field).
[[nodiscard]] Result<cards::MemoryCardKeyDirectory> parseCardKeyFile(std::string_view text);
[[nodiscard]] Result<cards::MemoryCardKeyDirectory> loadCardKeyFile(const std::string& path);

}  // namespace loyalty::ctl
