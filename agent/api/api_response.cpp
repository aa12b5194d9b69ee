#include "api/api_response.h"

#include <nlohmann/json.hpp>

namespace loyalty::api {

ApiResponse jsonResponse(int status, std::string body) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

std::string errorBody(int status, std::string_view reason, std::string_view message) {
  const nlohmann::json body = {
      {"error", {{"reason", std::string(reason)}, {"message", std::string(message)}, {"status", status}}}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ApiResponse errorResponse(int status, std::string_view reason, std::string_view message) {
  return jsonResponse(status, errorBody(status, reason, message));
}

int httpStatusFor(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::parse_error: return 400;
    case ErrorCode::invalid_input: return 422;
    case ErrorCode::overflow: return 422;
    case ErrorCode::rejected: return 422;
    case ErrorCode::unknown_reference: return 404;
    case ErrorCode::io_error: return 503;
  }
  return 500;
}

ApiResponse errorResponse(const Error& error) {
  return errorResponse(httpStatusFor(error.code), error.reason, error.message);
}

}  // namespace loyalty::api
