// `loyaltyctl ledger verify --db FILE`: checks the ledger's sequence and hash chain.
#pragma once

#include <string>

#include "engine/result.h"

namespace loyalty::ctl {

struct LedgerVerifyOutcome {
  bool intact = false;
  std::string text;  // the report a person reads
};

// Opens an existing database (never creates one). Errors: the store's ("file_not_found",
// "schema_too_new", "not_a_store_file", ...). A broken chain is an outcome, not an Error.
[[nodiscard]] Result<LedgerVerifyOutcome> runLedgerVerify(const std::string& databasePath);

}  // namespace loyalty::ctl
