#include "api/request_checks.h"

#include <algorithm>
#include <cctype>
#include <exception>

namespace loyalty::api::detail {
namespace {

constexpr std::string_view kRealm = "Bearer realm=\"loyalty-agent\"";

bool isTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool isHeaderName(std::string_view name) { return !name.empty() && std::all_of(name.begin(), name.end(), isTokenChar); }

bool isHeaderValue(std::string_view value) {
  return std::none_of(value.begin(), value.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

}  // namespace

std::string_view trimSpaces(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<ApiResponse> refuseBearer(std::string_view authorization, const BearerToken& token) {
  authorization = trimSpaces(authorization);
  const std::size_t space = authorization.find(' ');
  const bool bearer = space != std::string_view::npos && equalsIgnoreCase(authorization.substr(0, space), "Bearer");
  const std::string_view presented = bearer ? trimSpaces(authorization.substr(space + 1)) : std::string_view{};
  if (presented.empty()) {
    ApiResponse response = errorResponse(401, "missing_token", "This request needs the agent's bearer token.");
    response.headers.emplace_back("WWW-Authenticate", std::string(kRealm));
    return response;
  }
  if (!token.matches(presented)) {
    ApiResponse response = errorResponse(401, "invalid_token", "The bearer token is not valid.");
    response.headers.emplace_back("WWW-Authenticate", std::string(kRealm) + ", error=\"invalid_token\"");
    return response;
  }
  return std::nullopt;
}

bool acceptedBodyType(std::string_view contentType, const std::vector<std::string>& accepted) {
  if (accepted.empty()) return true;
  const std::string_view mediaType = trimSpaces(contentType.substr(0, contentType.find(';')));
  return std::any_of(accepted.begin(), accepted.end(),
                     [&](const std::string& type) { return equalsIgnoreCase(type, mediaType); });
}

bool usableRequestId(std::string_view id) noexcept {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':';
         });
}

bool sendable(const ApiResponse& response) {
  if (response.status < 200 || response.status > 599) return false;
  if (!isHeaderValue(response.contentType)) return false;
  return std::all_of(response.headers.begin(), response.headers.end(),
                     [](const auto& header) { return isHeaderName(header.first) && isHeaderValue(header.second); });
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

ApiResponse runHandler(const Router::Route& route, const ApiRequest& request, log::JsonLogger& logger) {
  std::string what;
  try {
    return route.handler(request);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "an exception not derived from std::exception";
  }
  logger.error("api_handler_exception",
               {{"requestId", request.requestId}, {"method", request.method}, {"route", route.pattern}, {"what", what}});
  return errorResponse(500, "internal_error", "The agent hit an unexpected error while handling this request.");
}

}  // namespace loyalty::api::detail
