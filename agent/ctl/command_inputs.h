// Loading the commands' input files (JSON at the edge) into engine values, with errors that
// name the file they came from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codec/bundle_loader.h"
#include "engine/basket.h"
#include "engine/bundle.h"
#include "engine/member.h"
#include "engine/quote.h"
#include "engine/result.h"
#include "engine/returns.h"

namespace loyalty::ctl {

// One line per issue: "POINTER: reason: sentence" (the root document shows as "/").
[[nodiscard]] std::string formatIssues(const std::vector<codec::Issue>& issues);

// An invalid bundle is an Error "invalid_bundle" whose message lists every issue.
[[nodiscard]] Result<engine::Bundle> loadBundleFile(const std::string& path);
[[nodiscard]] Result<engine::MemberView> loadMemberFile(const std::string& path);
[[nodiscard]] Result<engine::Basket> loadBasketFile(const std::string& path);
[[nodiscard]] Result<engine::QuoteContext> loadContextFile(const std::string& path);
[[nodiscard]] Result<engine::QuoteResult> loadSaleFile(const std::string& path);
[[nodiscard]] Result<std::vector<engine::ReturnLine>> loadReturnLinesFile(const std::string& path);

// The store's entry in the bundle. Errors: unknown_reference "unknown_store".
[[nodiscard]] Result<const engine::Store*> findStore(const engine::Bundle& bundle,
                                                     const std::string& storeId);

// The quote time at `epochSeconds` in the store's time zone.
[[nodiscard]] Result<engine::QuoteTime> storeTimeAt(const engine::Store& store,
                                                    std::int64_t epochSeconds);

}  // namespace loyalty::ctl
