#include "command_args.h"

#include <string>

#include "engine/money.h"

namespace loyalty::ctl {
namespace {

Error badArgument(const char* reason, const std::string& sentence) {
  return makeError(ErrorCode::invalid_input, reason, sentence);
}

}  // namespace

Result<std::int64_t> parseWholeNumber(std::string_view text, std::string_view what,
                                      std::int64_t max) {
  const std::string name(what);
  if (text.empty()) return badArgument("bad_number", "The " + name + " is empty.");
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return badArgument("bad_number", "The " + name + " '" + std::string(text) +
                                           "' must be a whole number (digits only).");
    }
    const int digit = c - '0';
    if (value > (max - digit) / 10) {
      return badArgument("bad_number", "The " + name + " '" + std::string(text) +
                                           "' is larger than " + std::to_string(max) + ".");
    }
    value = value * 10 + digit;
  }
  return value;
}

Result<std::int64_t> parsePositiveCount(std::string_view text, std::string_view what,
                                        std::int64_t max) {
  auto value = parseWholeNumber(text, what, max);
  if (!value) return value;
  if (value.value() == 0) {
    const std::string name(what);
    return badArgument("bad_number", "The " + name + " must be greater than zero.");
  }
  return value;
}

Result<engine::BurnRequest> parseBurnArgument(std::string_view text) {
  if (text == "max") return engine::BurnRequest{engine::BurnMode::max, 0};
  auto points = parsePositiveCount(text, "number of points to burn", engine::kMaxAmount);
  if (!points) {
    return badArgument("bad_burn", "--burn takes a positive number of points or 'max': " +
                                       points.error().message);
  }
  return engine::BurnRequest{engine::BurnMode::exact, points.value()};
}

Result<engine::RedeemRequest> parseRewardArgument(std::string_view text) {
  const auto colon = text.rfind(':');
  const std::string_view id = colon == std::string_view::npos ? text : text.substr(0, colon);
  if (id.empty()) {
    return badArgument("bad_reward", "--reward takes a reward item id, optionally with ':QTY'.");
  }
  engine::RedeemRequest request{std::string(id), 1};
  if (colon != std::string_view::npos) {
    auto quantity = parsePositiveCount(text.substr(colon + 1), "reward quantity",
                                       engine::kMaxQuantity);
    if (!quantity) return badArgument("bad_reward", quantity.error().message);
    request.quantity = quantity.value();
  }
  return request;
}

Result<engine::ReturnLine> parseLineArgument(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    return badArgument("bad_line", "--line takes LINE:QUANTITY, e.g. 3:2 for two units of "
                                   "line 3; got '" + std::string(text) + "'.");
  }
  auto lineNo = parseWholeNumber(text.substr(0, colon), "line number", engine::kMaxQuantity);
  if (!lineNo) return badArgument("bad_line", lineNo.error().message);
  auto quantity = parsePositiveCount(text.substr(colon + 1), "quantity returned",
                                     engine::kMaxQuantity);
  if (!quantity) return badArgument("bad_line", quantity.error().message);
  return engine::ReturnLine{lineNo.value(), quantity.value()};
}

}  // namespace loyalty::ctl
