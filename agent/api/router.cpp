#include "api/router.h"

#include <algorithm>
#include <stdexcept>

namespace loyalty::api {
namespace {

bool matches(const Router::Route& route, const std::vector<std::string>& segments) {
  if (route.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (route.isParam[i]) {
      if (segments[i].empty()) return false;
    } else if (route.segments[i] != segments[i]) {
      return false;
    }
  }
  return true;
}

// True when a is more specific than b: a literal where b has a parameter, at the first
// segment where they differ in kind.
bool moreSpecific(const Router::Route& a, const Router::Route& b) {
  for (std::size_t i = 0; i < a.isParam.size(); ++i) {
    if (a.isParam[i] != b.isParam[i]) return !a.isParam[i];
  }
  return false;
}

bool sameShape(const Router::Route& a, const Router::Route& b) {
  if (a.segments.size() != b.segments.size()) return false;
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (a.isParam[i] != b.isParam[i]) return false;
    if (!a.isParam[i] && a.segments[i] != b.segments[i]) return false;
  }
  return true;
}

}  // namespace

Router& Router::add(std::string method, std::string_view pattern, Handler handler, RouteOptions options) {
  const std::string where = method + " " + std::string(pattern);
  if (method.empty()) throw std::invalid_argument("route " + where + ": empty method");
  if (!handler) throw std::invalid_argument("route " + where + ": no handler");
  if (pattern.empty() || pattern.front() != '/') throw std::invalid_argument("route " + where + ": must start with '/'");
  Route route{std::move(method), std::string(pattern), {}, {}, std::move(handler), std::move(options)};
  if (pattern.size() > 1) {
    std::size_t start = 1;
    for (;;) {
      const std::size_t slash = pattern.find('/', start);
      const std::string_view segment = pattern.substr(start, slash == pattern.npos ? pattern.npos : slash - start);
      if (segment.empty()) throw std::invalid_argument("route " + where + ": empty segment");
      const bool opens = segment.front() == '{';
      const bool closes = segment.back() == '}';
      if (opens != closes || (opens && segment.size() < 3)) {
        throw std::invalid_argument("route " + where + ": malformed parameter segment");
      }
      std::string text(opens ? segment.substr(1, segment.size() - 2) : segment);
      if (text.find_first_of("{}") != std::string::npos) {
        throw std::invalid_argument("route " + where + ": braces inside a segment");
      }
      for (std::size_t i = 0; i < route.segments.size(); ++i) {
        if (opens && route.isParam[i] && route.segments[i] == text) {
          throw std::invalid_argument("route " + where + ": parameter {" + text + "} appears twice");
        }
      }
      route.segments.push_back(std::move(text));
      route.isParam.push_back(opens);
      if (slash == pattern.npos) break;
      start = slash + 1;
    }
  }
  for (const Route& existing : routes_) {
    if (existing.method == route.method && sameShape(existing, route)) {
      throw std::invalid_argument("route " + where + ": same method and shape as " + existing.pattern);
    }
  }
  routes_.push_back(std::move(route));
  return *this;
}

Router::Match Router::match(std::string_view method, const std::vector<std::string>& segments) const {
  Match result;
  for (const Route& route : routes_) {
    if (!matches(route, segments)) continue;
    result.pathKnown = true;
    if (std::find(result.allowed.begin(), result.allowed.end(), route.method) == result.allowed.end()) {
      result.allowed.push_back(route.method);
    }
    if (route.method == method && (!result.route || moreSpecific(route, *result.route))) result.route = &route;
  }
  std::sort(result.allowed.begin(), result.allowed.end());
  if (result.route) {
    const Route& route = *result.route;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (route.isParam[i]) result.params.emplace(route.segments[i], segments[i]);
    }
  }
  return result;
}

}  // namespace loyalty::api
