// A request as an API handler sees it: already authenticated, within the size and time
// limits, routed, with its path parameters and query decoded. Free of Beast types so
// handlers and their tests need no HTTP library.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace loyalty::api {

struct ApiRequest {
  std::string method;  // "GET", "POST"...
  std::string path;    // the target's path as sent, without the query ("/members/m%2D1")
  std::map<std::string, std::string, std::less<>> params;      // {name} segments, percent-decoded
  std::vector<std::pair<std::string, std::string>> query;      // decoded, in order ("+" is a space)
  // Header names in lower case; Authorization is left out (handlers never need the token,
  // and so can never log it).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string peer;       // "127.0.0.1:53122"
  std::string requestId;  // the client's X-Request-Id when usable, else generated; echoed back

  // The value of a path parameter; empty when the route has no such parameter.
  [[nodiscard]] std::string_view param(std::string_view name) const {
    const auto it = params.find(name);
    return it == params.end() ? std::string_view{} : std::string_view(it->second);
  }
  // The first value of a query parameter.
  [[nodiscard]] std::optional<std::string_view> queryValue(std::string_view name) const {
    for (const auto& [key, value] : query) {
      if (key == name) return value;
    }
    return std::nullopt;
  }
  // The first value of a header; `name` in lower case ("idempotency-key").
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return std::nullopt;
  }
};

}  // namespace loyalty::api
