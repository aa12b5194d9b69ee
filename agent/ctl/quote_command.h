// `loyaltyctl quote`: prices a basket with a bundle, as a terminal would, and prints the
// result as JSON (quote result format, docs/data-formats.md) or as a readable receipt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/bundle.h"
#include "engine/quote.h"
#include "engine/result.h"

namespace loyalty::ctl {

enum class OutputFormat { json, text };

struct QuoteOptions {
  std::string bundlePath;
  std::optional<std::string> memberPath;   // absent: anonymous basket
  std::string basketPath;
  std::optional<std::string> at;           // ISO-8601 with Z or offset; absent: now
  std::vector<std::string> redeemCodes;    // --redeem CODE
  std::vector<std::string> rewards;        // --reward ID[:QTY]
  std::optional<std::string> burn;         // --burn N | max
  std::optional<std::string> contextPath;
  std::optional<std::string> saleId;       // absent: derived from store and instant
  OutputFormat format = OutputFormat::json;
};

// The text to print on success. `nowEpochSeconds` is the composition root's clock reading,
// used when no --at is given.
[[nodiscard]] Result<std::string> runQuote(const QuoteOptions& options,
                                           std::int64_t nowEpochSeconds);

// A terminal bounds burns by the member's offline allowance at this store; when the context
// gives none, it is the bundle's daily limit (a member who burned nothing here today). A
// limit of 0 means no burns offline (docs/bundle-format.md).
void applyDefaultOfflineAllowance(const engine::Bundle& bundle, engine::QuoteContext& context);

// "berlin-01-20260316T163000Z": deterministic for a given store and instant.
[[nodiscard]] std::string defaultSaleId(const std::string& storeId, std::int64_t epochSeconds);

}  // namespace loyalty::ctl
