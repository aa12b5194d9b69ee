// A streaming JSON writer for the hot answers (quote results, ledger payloads): it appends
// compact text to a string with no document tree in between. Building an nlohmann tree of
// a 30-line quote result and printing it cost more than pricing the basket.
//
// Its output is byte for byte what nlohmann's dump() prints for the same document, so the
// stored ledger payloads and the API answers did not change: keys must come in ascending
// order inside each object (nlohmann's objects are sorted maps), which the writer checks.
// Strings are escaped as dump() does (ensure_ascii off); a byte sequence that is not UTF-8
// becomes U+FFFD instead of throwing (no text of ours holds one: every input was parsed).
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace loyalty::codec {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& beginObject();
  JsonWriter& endObject();
  JsonWriter& beginArray();
  JsonWriter& endArray();
  // Keys are literals of the codecs; each must sort after the previous key of its object
  // (a broken precondition throws std::logic_error: the output would differ from dump()).
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag);
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonWriter& value(T number) {
    if constexpr (std::is_signed_v<T>) {
      return integer(static_cast<std::int64_t>(number));
    } else {
      return unsignedInteger(static_cast<std::uint64_t>(number));
    }
  }
  JsonWriter& null();
  // A complete JSON value printed by this writer or by dump(), copied as it is.
  JsonWriter& raw(std::string_view json);

  template <typename T, typename F>
  JsonWriter& array(const std::vector<T>& items, F write) {
    beginArray();
    for (const T& item : items) write(*this, item);
    return endArray();
  }
  JsonWriter& stringArray(const std::vector<std::string>& items);

  // Shorthands for one member: key then value.
  template <typename V>
  JsonWriter& member(std::string_view name, const V& v) {
    key(name);
    return value(v);
  }

 private:
  struct Level {
    bool object = false;
    bool empty = true;
    std::string_view lastKey;
  };
  JsonWriter& integer(std::int64_t number);
  JsonWriter& unsignedInteger(std::uint64_t number);
  void beforeValue();
  void escaped(std::string_view text);

  std::string& out_;
  std::vector<Level> levels_;
  bool afterKey_ = false;
};

}  // namespace loyalty::codec
