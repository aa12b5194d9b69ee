#include "api/request_target.h"

namespace loyalty::api {
namespace {

int hexValue(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Error badTarget(std::string message) { return makeError(ErrorCode::parse_error, "bad_target", std::move(message)); }

}  // namespace

std::optional<std::string> percentDecode(std::string_view text, bool plusIsSpace) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;  // fewer than two hex digits left
      const int high = hexValue(text[i + 1]);
      const int low = hexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      c = static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plusIsSpace) {
      c = ' ';
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return std::nullopt;
    out += c;
  }
  return out;
}

Result<RequestTarget> parseRequestTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return badTarget("The request target must be a path starting with '/'.");
  }
  RequestTarget out;
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  out.path = std::string(path);
  // Segments between the slashes; the leading slash opens the first one.
  if (path.size() > 1) {
    std::size_t start = 1;
    for (;;) {
      const std::size_t slash = path.find('/', start);
      const std::string_view raw = path.substr(start, slash == std::string_view::npos ? path.npos : slash - start);
      std::optional<std::string> segment = percentDecode(raw, false);
      if (!segment) return badTarget("The path has a broken %-escape or a control character.");
      out.segments.push_back(std::move(*segment));
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
  }
  if (question == std::string_view::npos) return out;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    std::optional<std::string> key = percentDecode(pair.substr(0, equals), true);
    std::optional<std::string> value =
        percentDecode(equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1), true);
    if (!key || !value) return badTarget("The query has a broken %-escape or a control character.");
    out.query.emplace_back(std::move(*key), std::move(*value));
  }
  return out;
}

}  // namespace loyalty::api
