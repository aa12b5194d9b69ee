// Router and request-target parsing without sockets: matching, specificity, parameters,
// method lists, pattern mistakes; percent-decoding and queries.
#include <stdexcept>

#include <catch2/catch.hpp>

#include "api/request_target.h"
#include "api/router.h"

namespace loyalty::api {
namespace {

Handler named(std::string name) {
  return [name = std::move(name)](const ApiRequest&) { return jsonResponse(200, name); };
}

std::string run(const Router::Match& match) {
  REQUIRE(match.route != nullptr);
  return match.route->handler(ApiRequest{}).body;
}

std::vector<std::string> segments(std::string_view target) {
  Result<RequestTarget> parsed = parseRequestTarget(target);
  REQUIRE(parsed.ok());
  return parsed->segments;
}

TEST_CASE("routes match by segments, literals beat parameters at the first difference", "[api][router]") {
  Router router;
  router.add("GET", "/", named("root"))
      .add("GET", "/members/{id}", named("member"))
      .add("GET", "/members/search", named("search"))
      .add("GET", "/members/{id}/lots", named("lots"))
      .add("GET", "/{kind}/recent", named("recent"))
      .add("GET", "/sales/{saleId}/lines/{line}", named("line"));

  CHECK(run(router.match("GET", segments("/"))) == "root");
  CHECK(run(router.match("GET", segments("/members/search"))) == "search");
  const Router::Match member = router.match("GET", segments("/members/m-1"));
  CHECK(run(member) == "member");
  CHECK(member.params.at("id") == "m-1");
  CHECK(run(router.match("GET", segments("/members/recent"))) == "member");  // literal first segment wins
  CHECK(run(router.match("GET", segments("/sales/recent"))) == "recent");
  const Router::Match line = router.match("GET", segments("/sales/s%201/lines/3"));
  CHECK(line.params.at("saleId") == "s 1");
  CHECK(line.params.at("line") == "3");

  const Router::Match none = router.match("GET", segments("/members/m-1/other"));
  CHECK(none.route == nullptr);
  CHECK_FALSE(none.pathKnown);
  CHECK_FALSE(router.match("GET", segments("/members/")).pathKnown);  // empty segment: no parameter
}

TEST_CASE("a known path with another method lists the allowed methods, sorted", "[api][router]") {
  Router router;
  router.add("POST", "/sales/{id}", named("post"))
      .add("GET", "/sales/{id}", named("get"))
      .add("DELETE", "/sales/{id}", named("delete"))
      .add("PUT", "/sales/special", named("special"));
  const Router::Match match = router.match("PATCH", segments("/sales/special"));
  CHECK(match.route == nullptr);
  CHECK(match.pathKnown);
  CHECK(match.allowed == std::vector<std::string>{"DELETE", "GET", "POST", "PUT"});
  // The method decides before specificity: GET falls back to the parameter route.
  CHECK(run(router.match("GET", segments("/sales/special"))) == "get");
  CHECK(run(router.match("PUT", segments("/sales/special"))) == "special");
  CHECK(router.match("get", segments("/sales/1")).route == nullptr);  // methods are case-sensitive
}

TEST_CASE("malformed patterns and duplicate routes are programming errors", "[api][router]") {
  Router router;
  router.add("GET", "/a/{id}", named("a"));
  CHECK_THROWS_AS(router.add("GET", "/a/{other}", named("dup")), std::invalid_argument);
  CHECK_NOTHROW(router.add("POST", "/a/{other}", named("post")));
  CHECK_THROWS_AS(router.add("GET", "a", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(router.add("GET", "", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(router.add("GET", "/a//b", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(router.add("GET", "/a/{id", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(router.add("GET", "/a/{}", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(router.add("GET", "/a/{x{y}", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(router.add("GET", "/b/{id}/c/{id}", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(router.add("", "/c", named("x")), std::invalid_argument);
  CHECK_THROWS_AS(router.add("GET", "/c", Handler{}), std::invalid_argument);
}

TEST_CASE("request targets: segments, percent-decoding, queries", "[api][target]") {
  Result<RequestTarget> target = parseRequestTarget("/a/b%2Fc/%E2%82%AC?x=1&y=a+b&y=%26&&z");
  REQUIRE(target.ok());
  CHECK(target->path == "/a/b%2Fc/%E2%82%AC");
  CHECK(target->segments == std::vector<std::string>{"a", "b/c", "\xE2\x82\xAC"});
  CHECK(target->query ==
        std::vector<std::pair<std::string, std::string>>{{"x", "1"}, {"y", "a b"}, {"y", "&"}, {"z", ""}});
  CHECK(parseRequestTarget("/")->segments.empty());
  CHECK(parseRequestTarget("/a/")->segments == std::vector<std::string>{"a", ""});
  CHECK(parseRequestTarget("/a+b")->segments == std::vector<std::string>{"a+b"});  // '+' is literal in paths

  for (const char* bad : {"", "*", "http://x/a", "/a%", "/a%2", "/a%g0", "/a%0a", "/a?b=%7f", "/a?%zz=1"}) {
    const Result<RequestTarget> refused = parseRequestTarget(bad);
    INFO(bad);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().reason == "bad_target");
    CHECK(refused.error().code == ErrorCode::parse_error);
  }
  CHECK(percentDecode("%41%62", false) == "Ab");
  CHECK_FALSE(percentDecode("%4", false).has_value());
}

}  // namespace
}  // namespace loyalty::api
