// The request target of an HTTP request ("/members/m-1?expiring=30"), split and
// percent-decoded once, before routing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/result.h"

namespace loyalty::api {

struct RequestTarget {
  std::string path;                   // as sent, without the query
  std::vector<std::string> segments;  // decoded; "/" has none, "/a/" is {"a", ""}
  std::vector<std::pair<std::string, std::string>> query;
};

// Decodes %XX escapes (and "+" as a space when plusIsSpace, for query strings). nullopt
// for a broken escape or a decoded control character (never meaningful in a path or a
// query of this API, and a classic way to smuggle text into logs).
[[nodiscard]] std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace);

// Only origin-form targets ("/path?query"); errors: parse_error "bad_target".
[[nodiscard]] Result<RequestTarget> parseRequestTarget(std::string_view target);

}  // namespace loyalty::api
