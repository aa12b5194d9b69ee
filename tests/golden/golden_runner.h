// Runs one quote of a golden case (the case itself or one of its variants) and the returns
// that follow it, comparing each answer with its partial expectation.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "golden_case.h"

namespace loyalty::golden {

// `run` holds the quote settings (bundle, member, basket, context, at, sale_id, redeem,
// burn, expect or expect_error, returns). Problems with the case itself go to
// outcome.errors, differences from the engine's answers to outcome.mismatches; `label`
// prefixes both (e.g. "variant 'monday': ").
void runQuoteStep(const nlohmann::json& run, const std::filesystem::path& caseDir,
                  const std::string& label, CaseOutcome& outcome);

}  // namespace loyalty::golden
