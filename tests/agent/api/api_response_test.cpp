// The one error body shape, and the status an Error maps to.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api/api_response.h"

namespace loyalty::api {
namespace {

TEST_CASE("error bodies have one shape and survive any text", "[api][response]") {
  const ApiResponse response = errorResponse(422, "unknown_member", "No member \"m-9\".\nCheck the card.");
  CHECK(response.status == 422);
  CHECK(response.contentType == "application/json");
  const nlohmann::json body = nlohmann::json::parse(response.body);
  CHECK(body == nlohmann::json{{"error", {{"reason", "unknown_member"},
                                          {"message", "No member \"m-9\".\nCheck the card."},
                                          {"status", 422}}}});
  // Bytes that are not UTF-8 (e.g. echoed from a bad request) are replaced, not fatal.
  const nlohmann::json repaired = nlohmann::json::parse(errorBody(400, "bad", "caf\xE9 \xFF"));
  CHECK(repaired["error"]["message"] == "caf\xEF\xBF\xBD \xEF\xBF\xBD");
}

TEST_CASE("Errors map to HTTP statuses", "[api][response]") {
  CHECK(httpStatusFor(ErrorCode::parse_error) == 400);
  CHECK(httpStatusFor(ErrorCode::invalid_input) == 422);
  CHECK(httpStatusFor(ErrorCode::overflow) == 422);
  CHECK(httpStatusFor(ErrorCode::rejected) == 422);
  CHECK(httpStatusFor(ErrorCode::unknown_reference) == 404);
  CHECK(httpStatusFor(ErrorCode::io_error) == 503);
  const ApiResponse response = errorResponse(makeError(ErrorCode::io_error, "disk_full", "The ledger disk is full."));
  CHECK(response.status == 503);
  CHECK(nlohmann::json::parse(response.body)["error"]["reason"] == "disk_full");
}

}  // namespace
}  // namespace loyalty::api
