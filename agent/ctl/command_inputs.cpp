#include "command_inputs.h"

#include <functional>
#include <string_view>
#include <utility>

#include "codec/basket_codec.h"
#include "codec/context_codec.h"
#include "codec/member_codec.h"
#include "codec/quote_codec.h"
#include "codec/return_codec.h"
#include "service/store_clock.h"
#include "text_file.h"

namespace loyalty::ctl {

using service::StoreClock;

namespace {

// Reads `path` and parses it with `parse`; a parse error keeps its reason and gains the
// file's name, so the person at the terminal knows which input to fix.
template <typename T>
Result<T> loadWith(const std::string& path, std::string_view what,
                   const std::function<Result<T>(std::string_view)>& parse) {
  auto text = readTextFile(path, what);
  if (!text) return text.error();
  auto parsed = parse(text.value());
  if (!parsed) {
    Error error = parsed.error();
    error.message = "The " + std::string(what) + " file '" + path + "' is not valid: " +
                    error.message;
    return error;
  }
  return std::move(parsed).value();
}

}  // namespace

std::string formatIssues(const std::vector<codec::Issue>& issues) {
  std::string text;
  for (const auto& issue : issues) {
    text += issue.pointer.empty() ? "/" : issue.pointer;
    text += ": " + issue.reason + ": " + issue.message + "\n";
  }
  return text;
}

Result<engine::Bundle> loadBundleFile(const std::string& path) {
  auto text = readTextFile(path, "bundle");
  if (!text) return text.error();
  codec::BundleLoad load = codec::loadBundle(text.value());
  if (!load.ok()) {
    const auto count = load.issues.size();
    return makeError(ErrorCode::rejected, "invalid_bundle",
                     "The bundle file '" + path + "' is invalid (" + std::to_string(count) +
                         (count == 1 ? " problem" : " problems") +
                         "); nothing was loaded:\n" + formatIssues(load.issues));
  }
  return std::move(*load.bundle);
}

Result<engine::MemberView> loadMemberFile(const std::string& path) {
  return loadWith<engine::MemberView>(path, "member", codec::parseMember);
}

Result<engine::Basket> loadBasketFile(const std::string& path) {
  return loadWith<engine::Basket>(path, "basket", codec::parseBasket);
}

Result<engine::QuoteContext> loadContextFile(const std::string& path) {
  return loadWith<engine::QuoteContext>(path, "context", codec::parseQuoteContext);
}

Result<engine::QuoteResult> loadSaleFile(const std::string& path) {
  return loadWith<engine::QuoteResult>(path, "sale (quote result)", codec::quoteResultFromJson);
}

Result<std::vector<engine::ReturnLine>> loadReturnLinesFile(const std::string& path) {
  return loadWith<std::vector<engine::ReturnLine>>(path, "return lines",
                                                   codec::parseReturnLines);
}

Result<const engine::Store*> findStore(const engine::Bundle& bundle, const std::string& storeId) {
  for (const auto& store : bundle.stores) {
    if (store.id == storeId) return &store;
  }
  return makeError(ErrorCode::unknown_reference, "unknown_store",
                   "The store '" + storeId + "' is not in the bundle (version " +
                       std::to_string(bundle.version) + ").");
}

Result<engine::QuoteTime> storeTimeAt(const engine::Store& store, std::int64_t epochSeconds) {
  auto clock = StoreClock::forZone(store.timeZone);
  if (!clock) return clock.error();
  return clock->at(epochSeconds);
}

}  // namespace loyalty::ctl
