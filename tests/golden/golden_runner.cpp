#include "golden_runner.h"

#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "codec/basket_codec.h"
#include "codec/context_codec.h"
#include "codec/member_codec.h"
#include "codec/quote_codec.h"
#include "codec/return_codec.h"
#include "command_inputs.h"
#include "engine/pricing_engine.h"
#include "golden_inputs.h"
#include "partial_json_match.h"
#include "quote_command.h"

namespace loyalty::golden {
namespace {

using nlohmann::json;

const std::set<std::string, std::less<>> kRunKeys = {
    "name", "computation", "bundle", "member", "basket", "context", "at", "sale_id",
    "redeem", "burn", "expect", "expect_error", "returns"};
const std::set<std::string, std::less<>> kReturnKeys = {
    "computation", "lines", "member", "at", "disabled_campaigns", "expect", "expect_error"};

// Where one quote or return reports to.
struct Step {
  CaseOutcome& outcome;
  std::string label;
  void error(const std::string& message) const { outcome.errors.push_back(label + message); }
  void mismatch(const std::string& message) const { outcome.mismatches.push_back(label + message); }
};

const json* find(const json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

// Exactly one of "expect" / "expect_error": a step that checks nothing would pass forever.
bool checkExpectations(const json& object, const Step& step) {
  const bool hasExpect = find(object, "expect") != nullptr;
  const bool hasError = find(object, "expect_error") != nullptr;
  if (hasExpect == hasError) {
    step.error("give exactly one of \"expect\" and \"expect_error\"");
    return false;
  }
  return true;
}

// Compares an answer (a result or an error) with what the step expects.
template <typename T>
void compare(const json& object, const Result<T>& answer, const json& actual, const Step& step) {
  const json* expect = find(object, "expect");
  const json* expectError = find(object, "expect_error");
  ++step.outcome.comparedSteps;
  if (!answer.ok()) {
    if (expect != nullptr) {
      step.mismatch("expected a result, got the error " + errorJson(answer.error()).dump());
      return;
    }
    for (const auto& m : matchPartial(*expectError, errorJson(answer.error()))) step.mismatch(describe(m));
    return;
  }
  if (expectError != nullptr) {
    step.mismatch("expected the error " + expectError->dump() + ", got a result");
    return;
  }
  for (const auto& m : matchPartial(*expect, actual)) step.mismatch(describe(m));
}

template <typename T>
std::optional<T> parsed(const json& reference, const std::filesystem::path& dir, const std::string& what,
                        Result<T> (*parse)(std::string_view), const Step& step) {
  auto text = documentText(reference, dir, what);
  if (!text) {
    step.error(text.error().message);
    return std::nullopt;
  }
  auto value = parse(text.value());
  if (!value) {
    step.error("the " + what + " does not parse: " + value.error().message);
    return std::nullopt;
  }
  return std::move(value).value();
}

// The returns of one sale, in sequence: each passes the cumulative units returned so far
// and the member's lots as the previous return left them.
void runReturns(const json& returns, const engine::PricingEngine& engine, const json& saleJson,
                const json& run, const std::optional<engine::MemberView>& quoteMember,
                const std::filesystem::path& dir, const std::string& label, CaseOutcome& outcome) {
  const Step saleStep{outcome, label};
  if (!returns.is_array()) return saleStep.error("\"returns\" must be an array");
  // The sale is read back from its JSON, as `loyaltyctl return --sale` does.
  auto sale = codec::quoteResultFromJson(saleJson.dump());
  if (!sale) return saleStep.mismatch("the quote result does not read back: " + sale.error().message);
  auto store = ctl::findStore(engine.bundle(), sale->storeId);
  if (!store) return saleStep.error(store.error().message);

  std::vector<engine::ReturnLine> returnedBefore;
  std::optional<engine::MemberView> member;  // none: the engine starts from the sale's lots
  for (std::size_t i = 0; i < returns.size(); ++i) {
    const json& spec = returns[i];
    const Step step{outcome, label + "return " + std::to_string(i + 1) + ": "};
    if (!spec.is_object()) return step.error("must be an object");
    for (const auto& e : unknownKeys(spec, kReturnKeys)) step.error(e);
    if (!checkExpectations(spec, step)) return;
    if (!find(spec, "lines")) return step.error("needs \"lines\"");

    engine::ReturnRequest request;
    auto lines = parsed<std::vector<engine::ReturnLine>>(spec["lines"], dir, "return lines",
                                                          codec::parseReturnLines, step);
    if (!lines) return;
    request.lines = std::move(*lines);
    request.returnedBefore = returnedBefore;
    if (const json* given = find(spec, "member")) {
      member = parsed<engine::MemberView>(*given, dir, "member", codec::parseMember, step);
      if (!member) return;
    }
    request.member = member;
    auto instant = readInstant(find(spec, "at") ? spec["at"] : run["at"], "at");
    if (!instant) return step.error(instant.error().message);
    auto time = ctl::storeTimeAt(*store.value(), instant.value());
    if (!time) return step.error(time.error().message);
    request.time = time.value();
    if (const json* disabled = find(spec, "disabled_campaigns")) {
      if (!disabled->is_array()) return step.error("\"disabled_campaigns\" must be an array of ids");
      for (const json& id : *disabled) {
        if (!id.is_string()) return step.error("\"disabled_campaigns\" must hold campaign ids");
        request.disabledCampaigns.push_back(id.get<std::string>());
      }
    }

    auto result = engine.computeReturn(sale.value(), request);
    compare(spec, result, result ? codec::returnResultToJson(result.value()) : json(), step);
    if (!result) continue;
    returnedBefore = result->returnedAfter;
    if (!sale->memberId.empty()) {
      if (!member) member = quoteMember;
      if (member) {
        member->lots = result->lotsAfter;
        member->deficits = result->deficitsAfter;
      }
    }
  }
}

}  // namespace

void runQuoteStep(const json& run, const std::filesystem::path& dir, const std::string& label,
                  CaseOutcome& outcome) {
  const Step step{outcome, label + "quote: "};
  for (const auto& e : unknownKeys(run, kRunKeys)) step.error(e);
  if (!checkExpectations(run, step)) return;
  if (!find(run, "bundle") || !find(run, "basket") || !find(run, "at")) {
    return step.error("needs \"bundle\", \"basket\" and \"at\"");
  }
  auto bundle = loadCaseBundle(run["bundle"], dir);
  if (!bundle) return step.error(bundle.error().message);

  engine::QuoteRequest request;
  auto basket = parsed<engine::Basket>(run["basket"], dir, "basket", codec::parseBasket, step);
  if (!basket) return;
  request.basket = std::move(*basket);
  if (const json* member = find(run, "member")) {
    request.member = parsed<engine::MemberView>(*member, dir, "member", codec::parseMember, step);
    if (!request.member) return;
  }
  if (const json* context = find(run, "context")) {
    auto parsedContext = parsed<engine::QuoteContext>(*context, dir, "context", codec::parseQuoteContext, step);
    if (!parsedContext) return;
    request.context = std::move(*parsedContext);
  }
  auto redeem = readRedeem(run.value("redeem", json()));
  if (!redeem) return step.error(redeem.error().message);
  request.redeem = std::move(redeem).value();
  auto burn = readBurn(run.value("burn", json()));
  if (!burn) return step.error(burn.error().message);
  request.burn = burn.value();

  // Time as loyaltyctl resolves it: the instant in the time zone of the basket's store.
  auto instant = readInstant(run["at"], "at");
  if (!instant) return step.error(instant.error().message);
  auto store = ctl::findStore(bundle.value(), request.basket.storeId);
  if (!store) return step.error(store.error().message);
  auto time = ctl::storeTimeAt(*store.value(), instant.value());
  if (!time) return step.error(time.error().message);
  request.context.time = time.value();
  ctl::applyDefaultOfflineAllowance(bundle.value(), request.context);  // as loyaltyctl does
  const json* saleId = find(run, "sale_id");
  if (saleId != nullptr && !saleId->is_string()) return step.error("\"sale_id\" must be a string");
  request.saleId = saleId != nullptr ? saleId->get<std::string>()
                                     : ctl::defaultSaleId(request.basket.storeId, instant.value());

  const engine::PricingEngine engine(std::move(bundle).value());
  auto result = engine.quote(request);
  const json actual = result ? codec::quoteResultToJson(result.value()) : json();
  compare(run, result, actual, step);
  if (const json* returns = find(run, "returns")) {
    if (!result) return step.error("\"returns\" need a quote that gives a result");
    runReturns(*returns, engine, actual, run, request.member, dir, label, outcome);
  }
}

}  // namespace loyalty::golden
