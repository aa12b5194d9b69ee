#include "return_command.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "codec/return_codec.h"
#include "command_args.h"
#include "command_inputs.h"
#include "engine/pricing_engine.h"
#include "iso_instant.h"
#include "return_text_renderer.h"

namespace loyalty::ctl {
namespace {

Result<std::vector<engine::ReturnLine>> returnedLines(const ReturnOptions& options) {
  if (options.linesPath && !options.lineArgs.empty()) {
    return makeError(ErrorCode::invalid_input, "conflicting_lines",
                     "Name the returned lines either with --lines FILE or with --line N:QTY, "
                     "not both.");
  }
  if (options.linesPath) return loadReturnLinesFile(*options.linesPath);
  if (options.lineArgs.empty()) {
    return makeError(ErrorCode::invalid_input, "missing_lines",
                     "Name the returned lines with --lines FILE or --line N:QTY.");
  }
  std::vector<engine::ReturnLine> lines;
  for (const auto& arg : options.lineArgs) {
    auto line = parseLineArgument(arg);
    if (!line) return line.error();
    lines.push_back(line.value());
  }
  return lines;
}

}  // namespace

Result<std::string> runReturn(const ReturnOptions& options, std::int64_t nowEpochSeconds) {
  auto at = instantOrNow(options.at, nowEpochSeconds);
  if (!at) return at.error();
  const std::int64_t instant = at.value();
  auto lines = returnedLines(options);
  if (!lines) return lines.error();

  auto bundle = loadBundleFile(options.bundlePath);
  if (!bundle) return bundle.error();
  auto sale = loadSaleFile(options.salePath);
  if (!sale) return sale.error();

  engine::ReturnRequest request;
  request.lines = std::move(lines).value();
  if (options.returnedBeforePath) {
    auto before = loadReturnLinesFile(*options.returnedBeforePath);
    if (!before) return before.error();
    request.returnedBefore = std::move(before).value();
  }
  if (options.memberPath) {
    auto member = loadMemberFile(*options.memberPath);
    if (!member) return member.error();
    request.member = std::move(member).value();
  }
  if (options.contextPath) {
    auto context = loadContextFile(*options.contextPath);
    if (!context) return context.error();
    request.disabledCampaigns = std::move(context->disabledCampaigns);
  }

  auto store = findStore(bundle.value(), sale->storeId);
  if (!store) return store.error();
  auto time = storeTimeAt(*store.value(), instant);
  if (!time) return time.error();
  const std::string timeZone = store.value()->timeZone;  // the bundle moves into the engine
  request.time = time.value();

  const engine::PricingEngine engine(std::move(bundle).value());
  auto result = engine.computeReturn(sale.value(), request);
  if (!result) return result.error();

  if (options.format == OutputFormat::text) {
    const ReturnTextRenderer renderer(engine.bundle());
    return renderer.render(sale.value(), result.value(), time.value(), timeZone,
                           options.memberPath.has_value());
  }
  return codec::returnResultToJson(result.value())
             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

}  // namespace loyalty::ctl
