#include "ledger_inspector.h"

#include <sqlite3.h>

namespace loyalty::testing {
namespace {

Error sqliteError(sqlite3* db, const std::string& what) {
  return makeError(ErrorCode::io_error, "sqlite_error", what + ": " + (db ? sqlite3_errmsg(db) : "no database"));
}

std::string textAt(sqlite3_stmt* statement, int column) {
  const unsigned char* text = sqlite3_column_text(statement, column);
  return text ? reinterpret_cast<const char*>(text) : std::string();
}

// Runs `sql` and calls `row(statement)` for each result row.
template <typename F>
Result<bool> eachRow(sqlite3* db, const char* sql, F row) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) return sqliteError(db, sql);
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) row(statement);
  sqlite3_finalize(statement);
  if (rc != SQLITE_DONE) return sqliteError(db, sql);
  return true;
}

}  // namespace

std::vector<const LedgerRow*> LedgerContents::entriesOf(const std::string& saleRef) const {
  std::vector<const LedgerRow*> out;
  for (const LedgerRow& row : entries) {
    if (row.saleRef == saleRef) out.push_back(&row);
  }
  return out;
}

Result<LedgerInspector> LedgerInspector::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) {
    Error error = makeError(ErrorCode::io_error, "cannot_open",
                            "cannot open " + path + " read-only: " + (db ? sqlite3_errmsg(db) : "out of memory"));
    sqlite3_close(db);
    return error;
  }
  sqlite3_busy_timeout(db, 10'000);
  return LedgerInspector(db);
}

LedgerInspector::~LedgerInspector() { sqlite3_close(db_); }

LedgerInspector::LedgerInspector(LedgerInspector&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }

Result<std::string> LedgerInspector::integrityCheck() const {
  std::string out;
  auto ran = eachRow(db_, "PRAGMA integrity_check", [&](sqlite3_stmt* statement) {
    if (!out.empty()) out += "; ";
    out += textAt(statement, 0);
  });
  if (!ran) return ran.error();
  return out;
}

Result<LedgerContents> LedgerInspector::contents() const {
  LedgerContents contents;
  if (sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) return sqliteError(db_, "BEGIN");
  auto entries = eachRow(db_,
                         "SELECT sequence, id, kind, sale_ref, member_id, prev_hash, hash FROM ledger_entries "
                         "ORDER BY sequence",
                         [&](sqlite3_stmt* s) {
                           contents.entries.push_back(LedgerRow{sqlite3_column_int64(s, 0), textAt(s, 1),
                                                                textAt(s, 2), textAt(s, 3), textAt(s, 4),
                                                                textAt(s, 5), textAt(s, 6)});
                         });
  auto commits = eachRow(db_, "SELECT commit_key, response, first_sequence, last_sequence FROM ledger_commits",
                         [&](sqlite3_stmt* s) {
                           CommitRow row{textAt(s, 0), textAt(s, 1), sqlite3_column_int64(s, 2),
                                         sqlite3_column_int64(s, 3)};
                           contents.commits.emplace(row.key, std::move(row));
                         });
  sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  if (!entries) return entries.error();
  if (!commits) return commits.error();
  return contents;
}

std::vector<std::string> ledgerProblems(const LedgerContents& ledger) {
  std::vector<std::string> problems;
  std::map<std::int64_t, const CommitRow*> owner;  // sequence -> the commit record covering it
  for (const auto& [key, commit] : ledger.commits) {
    if (commit.lastSequence < commit.firstSequence - 1) problems.push_back(key + ": inverted range");
    for (std::int64_t s = commit.firstSequence; s <= commit.lastSequence; ++s) {
      if (!owner.emplace(s, &commit).second) {
        problems.push_back("sequence " + std::to_string(s) + " is claimed by two commits");
      }
    }
  }
  std::int64_t expected = ledger.entries.empty() ? 0 : ledger.entries.front().sequence;
  const std::string* prevHash = nullptr;
  for (const LedgerRow& row : ledger.entries) {
    const std::string at = "entry " + std::to_string(row.sequence) + " (" + row.saleRef + "): ";
    if (row.sequence != expected) problems.push_back(at + "gap, expected sequence " + std::to_string(expected));
    expected = row.sequence + 1;
    if (prevHash && row.prevHash != *prevHash) problems.push_back(at + "prev_hash is not the previous hash");
    prevHash = &row.hash;
    const auto found = owner.find(row.sequence);
    if (found == owner.end()) {
      problems.push_back(at + "belongs to no commit record (half-written)");
      continue;
    }
    const std::string& key = found->second->key;
    if (key.rfind("sale:", 0) == 0 && key.substr(5) != row.saleRef) {
      problems.push_back(at + "lies in the range of " + key);
    }
    owner.erase(found);
  }
  for (const auto& [sequence, commit] : owner) {
    problems.push_back(commit->key + ": its entry " + std::to_string(sequence) + " is missing");
  }
  return problems;
}

}  // namespace loyalty::testing
