// A golden case: one directory under tests/golden/cases with a case.json that names a
// bundle, member, basket, time, codes and burn, the expected quote result (partial JSON) and
// returns with their expected results. tests/golden/README.md describes the format.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace loyalty::golden {

struct CaseOutcome {
  std::string name;                     // the directory name, e.g. "01-percent-rounding"
  std::string knownFailure;             // "known_failure" of case.json; empty when none
  std::vector<std::string> errors;      // the case itself is broken (format, files): always fails
  std::vector<std::string> mismatches;  // the engine's answers differ from the expectation
  int comparedSteps = 0;                // quotes and returns compared with an expectation
};

// The case directories under `casesDir` that hold a case.json, sorted by name.
[[nodiscard]] std::vector<std::filesystem::path> listCaseDirs(const std::filesystem::path& casesDir);

// Reads `caseDir`/case.json and runs its quote (or each variant's) and returns.
[[nodiscard]] CaseOutcome runGoldenCase(const std::filesystem::path& caseDir);

}  // namespace loyalty::golden
