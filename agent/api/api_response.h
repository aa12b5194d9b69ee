// What an API handler returns, and the one shape of every error body:
//   {"error":{"reason":"invalid_token","message":"The bearer token is not valid.","status":401}}
// (docs/api.md, components of docs/openapi.yaml).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/result.h"

namespace loyalty::api {

inline constexpr std::string_view kJsonContentType = "application/json";

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON text unless contentType says otherwise
  std::string contentType{kJsonContentType};
  // Extra headers (e.g. Location, Retry-After). A name or value holding CR, LF or NUL is a
  // handler bug: the server answers 500 instead of sending it.
  std::vector<std::pair<std::string, std::string>> headers;
};

[[nodiscard]] ApiResponse jsonResponse(int status, std::string body);

// {"error":{"reason":...,"message":...,"status":...}}. Text that is not valid UTF-8 is
// repaired (U+FFFD), never a reason to fail.
[[nodiscard]] std::string errorBody(int status, std::string_view reason, std::string_view message);
[[nodiscard]] ApiResponse errorResponse(int status, std::string_view reason, std::string_view message);

// The HTTP status an Error maps to when a handler has no better one: parse_error 400,
// invalid_input 422, overflow 422, rejected 422, unknown_reference 404, io_error 503.
[[nodiscard]] int httpStatusFor(ErrorCode code) noexcept;
// errorResponse(httpStatusFor(error.code), error.reason, error.message).
[[nodiscard]] ApiResponse errorResponse(const Error& error);

}  // namespace loyalty::api
