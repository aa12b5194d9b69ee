#include "net/https_message.h"

#include <nlohmann/json.hpp>

namespace loyalty::net {
namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes; '+' means a space in a query component. False on a bad escape or NUL.
bool percentDecode(std::string_view text, bool plusIsSpace, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return false;
      const int high = hexValue(text[i + 1]);
      const int low = hexValue(text[i + 2]);
      if (high < 0 || low < 0) return false;
      c = static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plusIsSpace) {
      c = ' ';
    }
    if (c == '\0') return false;
    out.push_back(c);
  }
  return true;
}

Error invalidTarget(std::string_view target) {
  return makeError(ErrorCode::invalid_input, "invalid_target",
                   "The request target \"" + std::string(target.substr(0, 200)) + "\" is not a valid path and query.");
}

}  // namespace

std::optional<std::string> HttpsRequest::queryValue(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<std::string> HttpsRequest::header(std::string_view lowercaseName) const {
  for (const auto& [key, value] : headers) {
    if (key == lowercaseName) return value;
  }
  return std::nullopt;
}

HttpsResponse HttpsResponse::json(int status, std::string body) {
  HttpsResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

HttpsResponse HttpsResponse::error(int status, std::string_view reason, std::string_view message) {
  nlohmann::json body = {{"error", {{"reason", reason}, {"message", message}}}};
  // Replace, not throw, on invalid UTF-8: a handler's message must never break the answer.
  return json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::optional<std::pair<std::string, std::string>> parseErrorBody(std::string_view body) {
  const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  const auto error = parsed.find("error");
  if (error == parsed.end() || !error->is_object()) return std::nullopt;
  const auto reason = error->find("reason");
  const auto message = error->find("message");
  if (reason == error->end() || !reason->is_string()) return std::nullopt;
  std::string messageText = message != error->end() && message->is_string() ? message->get<std::string>() : "";
  return std::make_pair(reason->get<std::string>(), std::move(messageText));
}

Result<SplitTarget> splitTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') return invalidTarget(target);
  const std::size_t mark = target.find('?');
  SplitTarget split;
  if (!percentDecode(target.substr(0, mark), false, split.path)) return invalidTarget(target);
  if (mark == std::string_view::npos) return split;
  std::string_view rest = target.substr(mark + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    std::string key;
    std::string value;
    if (!percentDecode(pair.substr(0, equals), true, key)) return invalidTarget(target);
    if (equals != std::string_view::npos && !percentDecode(pair.substr(equals + 1), true, value)) {
      return invalidTarget(target);
    }
    split.query.emplace_back(std::move(key), std::move(value));
  }
  return split;
}

}  // namespace loyalty::net
