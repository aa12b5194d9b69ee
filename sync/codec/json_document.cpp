#include "codec/json_document.h"

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace loyalty::codec {
namespace {

using Json = nlohmann::json;

// Tracks where the parser is, so that a duplicate key can be reported with its pointer.
class KeyTracker {
 public:
  explicit KeyTracker(Issues& issues) : issues_(issues) {}

  bool onEvent(Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
        frames_.push_back(Frame{true, {}, 0, {}});
        break;
      case Json::parse_event_t::array_start:
        frames_.push_back(Frame{false, {}, 0, {}});
        break;
      case Json::parse_event_t::key:
        onKey(parsed);
        break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        if (!frames_.empty()) frames_.pop_back();
        elementDone();
        break;
      case Json::parse_event_t::value:
        elementDone();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool object = false;
    std::string key;      // objects: the key being read
    std::size_t index = 0;  // arrays: the element being read
    std::unordered_set<std::string> keys;
  };

  void onKey(const Json& parsed) {
    if (frames_.empty() || !parsed.is_string()) return;
    Frame& frame = frames_.back();
    frame.key = parsed.get<std::string>();
    if (!frame.keys.insert(frame.key).second) {
      issues_.add(currentPointer(), "duplicate_key",
                  "the key \"" + frame.key + "\" appears twice in the same object.");
    }
  }

  void elementDone() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }

  std::string currentPointer() const {
    std::string pointer;
    for (const Frame& frame : frames_) {
      pointer = frame.object ? childPointer(pointer, frame.key) : childPointer(pointer, frame.index);
    }
    return pointer;
  }

  Issues& issues_;
  std::vector<Frame> frames_;
};

std::string withoutExceptionPrefix(std::string text) {
  // "[json.exception.parse_error.101] parse error at ..." -> "parse error at ..."
  if (!text.empty() && text.front() == '[') {
    const std::size_t end = text.find("] ");
    if (end != std::string::npos) text.erase(0, end + 2);
  }
  return text;
}

}  // namespace

int nestingDepth(std::string_view text, int limit) noexcept {
  int depth = 0;
  int deepest = 0;
  bool inString = false;
  bool escaped = false;
  for (const char c : text) {
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        inString = false;
      }
      continue;
    }
    if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      ++depth;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return limit + 1;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

std::optional<Json> parseDocument(std::string_view text, Issues& issues) {
  if (text.size() > kMaxDocumentBytes) {
    issues.add("", "too_large",
               "the document has " + std::to_string(text.size()) + " bytes; at most " +
                   std::to_string(kMaxDocumentBytes) + " are accepted.");
    return std::nullopt;
  }
  if (nestingDepth(text, kMaxDepth) > kMaxDepth) {
    issues.add("", "too_deep",
               "the document nests arrays or objects more than " + std::to_string(kMaxDepth) +
                   " levels deep.");
    return std::nullopt;
  }
  const std::size_t before = issues.size();
  KeyTracker tracker(issues);
  try {
    Json document = Json::parse(
        text.begin(), text.end(),
        [&tracker](int /*depth*/, Json::parse_event_t event, Json& parsed) {
          return tracker.onEvent(event, parsed);
        });
    if (issues.size() != before) return std::nullopt;
    return document;
  } catch (const Json::exception& error) {
    issues.add("", "malformed_json", "the text is not valid JSON: " + withoutExceptionPrefix(error.what()));
    return std::nullopt;
  }
}

}  // namespace loyalty::codec
