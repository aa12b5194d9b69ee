// Internal: the checks and small decisions a session makes about a request and a
// response, apart from the socket work, so they read (and can be tested) on their own.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_request.h"
#include "api/api_response.h"
#include "api/bearer_token.h"
#include "api/router.h"
#include "log/json_logger.h"

namespace loyalty::api::detail {

[[nodiscard]] std::string_view trimSpaces(std::string_view text) noexcept;
[[nodiscard]] bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept;

// The 401 answer for an Authorization header value that is not "Bearer <the token>"
// (missing_token or invalid_token, with WWW-Authenticate); nullopt when it is.
[[nodiscard]] std::optional<ApiResponse> refuseBearer(std::string_view authorization, const BearerToken& token);

// Whether a body's Content-Type is one of the route's media types (parameters ignored,
// case-insensitive); an empty list takes any.
[[nodiscard]] bool acceptedBodyType(std::string_view contentType, const std::vector<std::string>& accepted);

// A client's X-Request-Id is echoed and logged only when short and plain.
[[nodiscard]] bool usableRequestId(std::string_view id) noexcept;

// A handler's response must be something HTTP can carry as is: a status 200..599, no
// CR/LF/NUL in the content type or a header, header names made of token characters.
[[nodiscard]] bool sendable(const ApiResponse& response);

// "a, b, c".
[[nodiscard]] std::string joined(const std::vector<std::string>& items);

// Runs the route's handler; an exception becomes 500 internal_error and a log line.
[[nodiscard]] ApiResponse runHandler(const Router::Route& route, const ApiRequest& request, log::JsonLogger& logger);

}  // namespace loyalty::api::detail
