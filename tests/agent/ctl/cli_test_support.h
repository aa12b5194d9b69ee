// Shared helpers of the end-to-end CLI tests: quoting an example basket through the real
// binary and reading its JSON back with the codec, so tests check values, not key names.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "codec/quote_codec.h"
#include "engine/quote.h"
#include "process_runner.h"

namespace loyalty::ctl::test {

struct QuoteRun {
  ProcessResult process;
  std::optional<engine::QuoteResult> result;  // parsed when the run printed JSON
};

// quote --bundle <example bundle> --basket baskets/<basket> [--member members/<member>]
// --at <at> plus `extra` arguments; JSON output parsed with codec::quoteResultFromJson.
inline QuoteRun quoteExample(const std::string& basket, const std::string& member,
                             const std::string& at, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"quote", "--bundle", example("bundle.json"), "--basket",
                                   example("baskets/" + basket), "--at", at};
  if (!member.empty()) {
    args.push_back("--member");
    args.push_back(example("members/" + member));
  }
  args.insert(args.end(), extra.begin(), extra.end());
  QuoteRun run{runCtl(args), std::nullopt};
  if (run.process.exitCode == 0 && !run.process.out.empty() && run.process.out.front() == '{') {
    auto parsed = codec::quoteResultFromJson(run.process.out);
    if (parsed) run.result = std::move(parsed).value();
  }
  return run;
}

inline const engine::EarnedRule* earnedBy(const engine::QuoteResult& result,
                                          const std::string& ruleId) {
  for (const auto& rule : result.earned) {
    if (rule.ruleId == ruleId) return &rule;
  }
  return nullptr;
}

inline const engine::AppliedRedeemable* appliedById(const engine::QuoteResult& result,
                                                    const std::string& id) {
  for (const auto& applied : result.applied) {
    if (applied.redeemableId == id) return &applied;
  }
  return nullptr;
}

inline const engine::Rejection* rejectedBy(const engine::QuoteResult& result,
                                           const std::string& subject) {
  for (const auto& rejection : result.rejected) {
    if (rejection.subject == subject || rejection.redeemableId == subject) return &rejection;
  }
  return nullptr;
}

}  // namespace loyalty::ctl::test
