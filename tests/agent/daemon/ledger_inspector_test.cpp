// The checker the crash and disk-full tests rely on: ledgerProblems must see every kind
// of damage it claims to (otherwise those tests could not fail).
#include <catch2/catch.hpp>

#include <algorithm>

#include "ledger_inspector.h"

namespace loyalty::daemon_test {
namespace {

using testing::CommitRow;
using testing::LedgerContents;
using testing::LedgerRow;

LedgerRow row(std::int64_t sequence, const std::string& sale) {
  return LedgerRow{sequence, "id-" + std::to_string(sequence), "accrual", sale, "m-1",
                   "h" + std::to_string(sequence - 1), "h" + std::to_string(sequence)};
}

void addCommit(LedgerContents& ledger, const std::string& sale, std::int64_t first, std::int64_t last) {
  ledger.commits["sale:" + sale] = CommitRow{"sale:" + sale, "{}", first, last};
}

// Sales a (entries 1, 2), b (3) and c (no entry).
LedgerContents sound() {
  LedgerContents ledger;
  ledger.entries = {row(1, "a"), row(2, "a"), row(3, "b")};
  addCommit(ledger, "a", 1, 2);
  addCommit(ledger, "b", 3, 3);
  addCommit(ledger, "c", 4, 3);
  return ledger;
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("ledgerProblems finds gaps, broken links, half-written and misplaced entries", "[daemon][inspector]") {
  CHECK(testing::ledgerProblems(sound()).empty());
  CHECK(testing::ledgerProblems(LedgerContents{}).empty());
  CHECK(sound().entriesOf("a").size() == 2);

  LedgerContents gap = sound();
  gap.entries.erase(gap.entries.begin() + 1);
  const auto gapProblems = testing::ledgerProblems(gap);
  CHECK(mentions(gapProblems, "gap"));
  CHECK(mentions(gapProblems, "sale:a: its entry 2 is missing"));

  LedgerContents halfWritten = sound();
  halfWritten.entries.push_back(row(4, "d"));  // entries of sale d, but no commit record
  CHECK(mentions(testing::ledgerProblems(halfWritten), "belongs to no commit record"));

  LedgerContents recordOnly = sound();
  addCommit(recordOnly, "e", 4, 5);  // a commit record whose entries are not there
  CHECK(mentions(testing::ledgerProblems(recordOnly), "sale:e: its entry 4 is missing"));

  LedgerContents relinked = sound();
  relinked.entries[2].prevHash = "h9";
  CHECK(mentions(testing::ledgerProblems(relinked), "prev_hash"));

  LedgerContents misplaced = sound();
  misplaced.entries[1].saleRef = "b";
  CHECK(mentions(testing::ledgerProblems(misplaced), "lies in the range of sale:a"));

  LedgerContents overlapping = sound();
  addCommit(overlapping, "f", 2, 3);
  CHECK(mentions(testing::ledgerProblems(overlapping), "claimed by two commits"));
}

}  // namespace loyalty::daemon_test
