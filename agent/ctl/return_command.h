// `loyaltyctl return`: the reversal of (part of) an earlier quote result, as a terminal
// computes it after commit: refund, points reversed and restored, vouchers reinstated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/result.h"
#include "quote_command.h"

namespace loyalty::ctl {

struct ReturnOptions {
  std::string bundlePath;
  std::string salePath;                         // a quote result JSON (loyaltyctl quote output)
  std::optional<std::string> linesPath;         // [{"line":1,"quantity":2}]
  std::vector<std::string> lineArgs;            // --line N:QTY (either this or linesPath)
  std::optional<std::string> returnedBeforePath;  // cumulative units of earlier returns
  std::optional<std::string> memberPath;        // the member's state now
  std::optional<std::string> at;                // absent: now
  std::optional<std::string> contextPath;       // its disabled_campaigns are honoured
  OutputFormat format = OutputFormat::json;
};

[[nodiscard]] Result<std::string> runReturn(const ReturnOptions& options,
                                            std::int64_t nowEpochSeconds);

}  // namespace loyalty::ctl
