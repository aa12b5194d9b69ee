// Looks into an agent's database read-only with the SQLite C API, as an auditor would:
// PRAGMA integrity_check, the ledger rows and the commit records. Tests use it to check
// what a crash or a full disk left on the disk, independently of the agent's own code.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/result.h"

struct sqlite3;

namespace loyalty::testing {

struct LedgerRow {
  std::int64_t sequence = 0;
  std::string id;
  std::string kind;
  std::string saleRef;
  std::string memberId;
  std::string prevHash;
  std::string hash;
};

struct CommitRow {
  std::string key;         // "sale:<pos_sale_id>", "return:...", "enroll:..."
  std::string response;
  std::int64_t firstSequence = 0;
  std::int64_t lastSequence = 0;  // firstSequence - 1 when the commit wrote no entry
};

// Everything in the ledger tables at one moment (one read transaction).
struct LedgerContents {
  std::vector<LedgerRow> entries;           // by sequence
  std::map<std::string, CommitRow> commits; // by key
  [[nodiscard]] std::vector<const LedgerRow*> entriesOf(const std::string& saleRef) const;
};

class LedgerInspector {
 public:
  // Opens `path` with SQLITE_OPEN_READONLY. Errors: io_error "cannot_open".
  [[nodiscard]] static Result<LedgerInspector> open(const std::string& path);
  ~LedgerInspector();
  LedgerInspector(LedgerInspector&& other) noexcept;
  LedgerInspector& operator=(LedgerInspector&&) = delete;
  LedgerInspector(const LedgerInspector&) = delete;
  LedgerInspector& operator=(const LedgerInspector&) = delete;

  // PRAGMA integrity_check's rows joined by "; " ("ok" when the file is sound).
  [[nodiscard]] Result<std::string> integrityCheck() const;
  [[nodiscard]] Result<LedgerContents> contents() const;

 private:
  explicit LedgerInspector(sqlite3* db) noexcept : db_(db) {}
  sqlite3* db_ = nullptr;
};

// Problems of a ledger as a whole, independent of what any POS was told: a gap in the
// sequence, an entry whose prev_hash is not its predecessor's hash, an entry that belongs
// to no commit record, a commit record whose range holds another sale's entries or misses
// some. Empty when none.
[[nodiscard]] std::vector<std::string> ledgerProblems(const LedgerContents& ledger);

}  // namespace loyalty::testing
