// The session's request checks on their own: Authorization header forms, media types,
// request ids, responses HTTP cannot carry.
#include <catch2/catch.hpp>

#include "api/request_checks.h"
#include "api_test_support.h"

namespace loyalty::api::detail {
namespace {

using test::kToken;

TEST_CASE("Authorization header forms", "[api][checks]") {
  const BearerToken token = BearerToken::fromSecret(kToken);
  const std::string good(kToken);
  CHECK_FALSE(refuseBearer("Bearer " + good, token).has_value());
  CHECK_FALSE(refuseBearer("  bEaReR   " + good + " \t", token).has_value());
  for (const std::string& missing : {std::string(), std::string("Bearer"), std::string("Bearer   "),
                                     "Basic " + good, "Token " + good, good}) {
    INFO(missing);
    const std::optional<ApiResponse> refusal = refuseBearer(missing, token);
    REQUIRE(refusal.has_value());
    CHECK(refusal->status == 401);
    CHECK(refusal->body.find("missing_token") != std::string::npos);
  }
  const std::optional<ApiResponse> wrong = refuseBearer("Bearer " + good + "x", token);
  REQUIRE(wrong.has_value());
  CHECK(wrong->body.find("invalid_token") != std::string::npos);
  CHECK(wrong->headers.front().second == "Bearer realm=\"loyalty-agent\", error=\"invalid_token\"");
  CHECK(refuseBearer("Bearer a b", token)->body.find("invalid_token") != std::string::npos);
}

TEST_CASE("body media types, request ids, sendable responses", "[api][checks]") {
  const std::vector<std::string> json{"application/json"};
  CHECK(acceptedBodyType("application/json", json));
  CHECK(acceptedBodyType(" APPLICATION/JSON ; charset=UTF-8", json));
  CHECK_FALSE(acceptedBodyType("", json));
  CHECK_FALSE(acceptedBodyType("application/json-patch+json", json));
  CHECK_FALSE(acceptedBodyType("text/plain", json));
  CHECK(acceptedBodyType("anything/at-all", {}));

  CHECK(usableRequestId("pos-7:req.12_a"));
  CHECK(usableRequestId(std::string(64, 'a')));
  CHECK_FALSE(usableRequestId(std::string(65, 'a')));
  CHECK_FALSE(usableRequestId(""));
  CHECK_FALSE(usableRequestId("a b"));
  CHECK_FALSE(usableRequestId("a\"b"));

  CHECK(sendable(jsonResponse(200, "{}")));
  CHECK(sendable(jsonResponse(599, "{}")));
  CHECK_FALSE(sendable(jsonResponse(199, "{}")));
  CHECK_FALSE(sendable(jsonResponse(600, "{}")));
  ApiResponse response = jsonResponse(200, "{}");
  response.headers = {{"Bad Name", "x"}};
  CHECK_FALSE(sendable(response));
  response.headers = {{"X-Ok", "line\nbreak"}};
  CHECK_FALSE(sendable(response));
  response.headers = {{"X-Ok", std::string("nul\0", 4)}};
  CHECK_FALSE(sendable(response));
  response.headers = {};
  response.contentType = "application/json\r\nX-Evil: 1";
  CHECK_FALSE(sendable(response));

  CHECK(joined({}).empty());
  CHECK(joined({"GET", "POST"}) == "GET, POST");
}

}  // namespace
}  // namespace loyalty::api::detail
