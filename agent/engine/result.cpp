#include "result.h"

namespace loyalty {

const char* toString(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_input: return "invalid_input";
    case ErrorCode::overflow: return "overflow";
    case ErrorCode::unknown_reference: return "unknown_reference";
    case ErrorCode::parse_error: return "parse_error";
    case ErrorCode::io_error: return "io_error";
    case ErrorCode::rejected: return "rejected";
  }
  return "invalid_input";
}

}  // namespace loyalty
