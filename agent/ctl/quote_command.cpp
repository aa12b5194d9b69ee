#include "quote_command.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "codec/quote_codec.h"
#include "command_args.h"
#include "command_inputs.h"
#include "engine/pricing_engine.h"
#include "iso_instant.h"
#include "quote_text_renderer.h"

namespace loyalty::ctl {

std::string defaultSaleId(const std::string& storeId, std::int64_t epochSeconds) {
  std::string compact;
  for (const char c : formatIsoInstant(epochSeconds)) {
    if (c != '-' && c != ':') compact += c;
  }
  return storeId + "-" + compact;
}

namespace {

// Everything the command line asked for, turned into an engine request (except the time).
Result<engine::QuoteRequest> buildRequest(const QuoteOptions& options,
                                          const engine::BurnRequest& burn) {
  engine::QuoteRequest request;
  request.burn = burn;
  auto basket = loadBasketFile(options.basketPath);
  if (!basket) return basket.error();
  request.basket = std::move(basket).value();

  if (options.memberPath) {
    auto member = loadMemberFile(*options.memberPath);
    if (!member) return member.error();
    request.member = std::move(member).value();
  }
  if (options.contextPath) {
    auto context = loadContextFile(*options.contextPath);
    if (!context) return context.error();
    request.context = std::move(context).value();
  }
  for (const auto& code : options.redeemCodes) {
    if (code.empty()) {
      return makeError(ErrorCode::invalid_input, "bad_code", "--redeem needs a non-empty code.");
    }
    request.redeem.push_back(engine::RedeemRequest{code, 1});
  }
  for (const auto& reward : options.rewards) {
    auto parsed = parseRewardArgument(reward);
    if (!parsed) return parsed.error();
    request.redeem.push_back(std::move(parsed).value());
  }
  return request;
}

}  // namespace

Result<std::string> runQuote(const QuoteOptions& options, std::int64_t nowEpochSeconds) {
  // Flags first, files next: a typo in --at or --burn is reported before any file is read.
  auto at = instantOrNow(options.at, nowEpochSeconds);
  if (!at) return at.error();
  const std::int64_t instant = at.value();
  engine::BurnRequest burn;
  if (options.burn) {
    auto parsed = parseBurnArgument(*options.burn);
    if (!parsed) return parsed.error();
    burn = parsed.value();
  }

  auto bundle = loadBundleFile(options.bundlePath);
  if (!bundle) return bundle.error();
  auto request = buildRequest(options, burn);
  if (!request) return request.error();

  auto store = findStore(bundle.value(), request->basket.storeId);
  if (!store) return store.error();
  auto time = storeTimeAt(*store.value(), instant);
  if (!time) return time.error();
  const std::string timeZone = store.value()->timeZone;  // the bundle moves into the engine
  request->context.time = time.value();
  applyDefaultOfflineAllowance(bundle.value(), request->context);
  request->saleId = options.saleId ? *options.saleId
                                   : defaultSaleId(request->basket.storeId, instant);

  const engine::PricingEngine engine(std::move(bundle).value());
  auto result = engine.quote(request.value());
  if (!result) return result.error();

  if (options.format == OutputFormat::text) {
    const QuoteTextRenderer renderer(engine.bundle());
    const engine::MemberView* member = request->member ? &*request->member : nullptr;
    return renderer.render(result.value(), member, time.value(), timeZone);
  }
  return codec::quoteResultToJson(result.value())
             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

void applyDefaultOfflineAllowance(const engine::Bundle& bundle, engine::QuoteContext& context) {
  if (!context.offlineBurnAllowance) context.offlineBurnAllowance = bundle.terminal.offlineBurnLimitPerDay;
}

}  // namespace loyalty::ctl
