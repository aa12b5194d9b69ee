// Maps (method, path pattern) to a handler. Patterns are literal segments and "{name}"
// segments that capture one whole, non-empty, percent-decoded path segment:
//   router.add("GET", "/members/{memberId}", viewMember);
// When several patterns match a path, the most specific wins: at the first segment where
// they differ, a literal beats a parameter ("/sales/latest" before "/sales/{saleId}").
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_request.h"
#include "api/api_response.h"

namespace loyalty::api {

using Handler = std::function<ApiResponse(const ApiRequest&)>;

struct RouteOptions {
  // Requests must carry the bearer token (401 otherwise). Off only for what a process
  // without the token may see.
  bool requireToken = true;
  // Media types accepted for a non-empty body (415 otherwise), compared without
  // parameters and case-insensitively; empty accepts any.
  std::vector<std::string> bodyTypes{std::string(kJsonContentType)};
};

class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // literal text, or the name of a "{name}" segment
    std::vector<bool> isParam;
    Handler handler;
    RouteOptions options;
  };

  struct Match {
    const Route* route = nullptr;  // null: no route for this method
    std::map<std::string, std::string, std::less<>> params;
    bool pathKnown = false;              // some route matches the path (then 405, else 404)
    std::vector<std::string> allowed;    // methods of the routes matching the path, sorted
  };

  // Throws std::invalid_argument for a malformed pattern (not starting with '/', an empty
  // or half-braced segment, a repeated parameter name), an empty method or handler, or a
  // route that repeats the method and shape of an earlier one: programming errors.
  Router& add(std::string method, std::string_view pattern, Handler handler, RouteOptions options = {});

  // `segments` are the decoded segments of a path (RequestTarget::segments).
  [[nodiscard]] Match match(std::string_view method, const std::vector<std::string>& segments) const;

  [[nodiscard]] const std::vector<Route>& routes() const noexcept { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace loyalty::api
