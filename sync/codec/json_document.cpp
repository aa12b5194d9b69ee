#include "codec/json_document.h"

#include <string>
#include <utility>
#include <vector>

namespace loyalty::codec {
namespace {

using Json = nlohmann::json;

// Builds the document from nlohmann's SAX events (its own DOM builder, without the
// duplicate check we need; its callback variant rescans containers and is quadratic).
// A repeated key in one object is reported with its pointer.
class DomBuilder {
 public:
  explicit DomBuilder(Issues& issues) : issues_(issues) {}

  Json take() { return std::move(root_); }

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool value) { return add(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return add(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return add(Json(value)); }
  bool number_float(Json::number_float_t value, const Json::string_t& /*text*/) { return add(Json(value)); }
  bool string(Json::string_t& value) { return add(Json(std::move(value))); }
  bool binary(Json::binary_t& value) { return add(Json::binary(std::move(value))); }
  bool start_object(std::size_t /*elements*/) { return open(Json::object()); }
  bool start_array(std::size_t /*elements*/) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(Json::string_t& key) {
    Frame& frame = frames_.back();
    const auto [it, inserted] = frame.value->get_ref<Json::object_t&>().emplace(std::move(key), nullptr);
    if (!inserted) {
      issues_.add(childPointer(pointerOf(frames_.size()), it->first), "duplicate_key",
                  "the key \"" + it->first + "\" appears twice in the same object.");
    }
    frame.key = &it->first;
    slot_ = &it->second;
    return true;
  }

  bool parse_error(std::size_t /*position*/, const std::string& /*lastToken*/, const nlohmann::detail::exception& error) {
    error_ = error.what();
    return false;
  }

  [[nodiscard]] const std::string& error() const noexcept { return error_; }

 private:
  struct Frame {
    Json* value = nullptr;
    const std::string* key = nullptr;  // objects: the key being read
  };

  // Places a finished value: at the root, appended to an array, or under the last key.
  Json* place(Json value) {
    if (frames_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *frames_.back().value;
    if (parent.is_array()) {
      auto& array = parent.get_ref<Json::array_t&>();
      array.push_back(std::move(value));
      return &array.back();
    }
    *slot_ = std::move(value);
    return slot_;
  }

  bool add(Json value) {
    place(std::move(value));
    return true;
  }

  bool open(Json container) {
    frames_.push_back(Frame{place(std::move(container)), nullptr});
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  // The pointer of the container at depth `depth` (1 = the root container).
  std::string pointerOf(std::size_t depth) const {
    std::string pointer;
    for (std::size_t i = 1; i < depth; ++i) {
      const Frame& parent = frames_[i - 1];
      if (parent.value->is_array()) {
        pointer = childPointer(pointer, parent.value->size() - 1);  // the open child is the last element
      } else {
        pointer = childPointer(pointer, *parent.key);
      }
    }
    return pointer;
  }

  Issues& issues_;
  Json root_;
  std::vector<Frame> frames_;
  Json* slot_ = nullptr;
  std::string error_;
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
  DomBuilder builder(issues);
  bool parsed = false;
  try {
    parsed = Json::sax_parse(text.begin(), text.end(), &builder);
  } catch (const Json::exception& error) {
    issues.add("", "malformed_json", "the text is not valid JSON: " + withoutExceptionPrefix(error.what()));
    return std::nullopt;
  }
  if (!parsed) {
    issues.add("", "malformed_json", "the text is not valid JSON: " + withoutExceptionPrefix(builder.error()));
    return std::nullopt;
  }
  if (issues.size() != before) return std::nullopt;
  return builder.take();
}

}  // namespace loyalty::codec
