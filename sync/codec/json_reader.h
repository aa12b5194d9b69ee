// A small helper that walks a nlohmann::json document with pointer-tracked errors.
// Readers never throw on bad input: they record an Issue (JSON pointer, reason code,
// sentence) and return a harmless default, so a whole document can be checked in one
// pass and EVERY problem reported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "codec/bundle_loader.h"
#include "engine/result.h"

namespace loyalty::codec {

using Json = nlohmann::json;

// RFC 6901 pointer building: "~" -> "~0", "/" -> "~1".
[[nodiscard]] std::string escapePointerToken(std::string_view token);
[[nodiscard]] std::string childPointer(std::string_view parent, std::string_view key);
[[nodiscard]] std::string childPointer(std::string_view parent, std::size_t index);

class Issues {
 public:
  void add(std::string pointer, std::string reason, std::string message);
  [[nodiscard]] bool empty() const noexcept { return list_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return list_.size(); }
  [[nodiscard]] const std::vector<Issue>& list() const noexcept { return list_; }
  [[nodiscard]] std::vector<Issue> take() noexcept { return std::move(list_); }

 private:
  std::vector<Issue> list_;
};

// The Error a single-document codec returns for its first issue: parse_error for text
// that is not JSON at all, overflow for "overflow", invalid_input otherwise.
[[nodiscard]] Error toError(const Issue& issue);

struct IntRange {
  std::int64_t min = 0;
  std::int64_t max = 0;
};
inline constexpr IntRange kAnyInt{INT64_MIN, INT64_MAX};

// Typed reads of a single value. On a problem they add an Issue and return nullopt.
[[nodiscard]] std::optional<std::int64_t> readInt(const Json& value, const std::string& pointer,
                                                  IntRange range, Issues& issues);
// Strings are non-empty unless allowEmpty; control characters are refused.
[[nodiscard]] std::optional<std::string> readString(const Json& value, const std::string& pointer,
                                                    Issues& issues, bool allowEmpty = false);
[[nodiscard]] std::optional<bool> readBool(const Json& value, const std::string& pointer, Issues& issues);
// A list of non-empty strings; duplicates are refused ("duplicate_value") unless allowed.
[[nodiscard]] std::vector<std::string> readStringList(const Json& value, const std::string& pointer,
                                                      Issues& issues, bool allowDuplicates = false);

// Name <-> enumerator tables for enums spelled in JSON with their C++ enumerator names.
template <typename E>
using EnumNames = std::initializer_list<std::pair<std::string_view, E>>;

template <typename E>
[[nodiscard]] std::optional<E> readEnum(const Json& value, const std::string& pointer, EnumNames<E> names,
                                        Issues& issues) {
  const std::optional<std::string> text = readString(value, pointer, issues);
  if (!text) return std::nullopt;
  std::string allowed;
  for (const auto& [name, enumerator] : names) {
    if (name == *text) return enumerator;
    allowed += allowed.empty() ? "" : ", ";
    allowed += name;
  }
  issues.add(pointer, "invalid_value", "\"" + *text + "\" is not one of: " + allowed + ".");
  return std::nullopt;
}

template <typename E>
[[nodiscard]] std::string_view enumName(E value, EnumNames<E> names) {
  for (const auto& [name, enumerator] : names) {
    if (enumerator == value) return name;
  }
  return "?";
}

// Reads the members of one JSON object. Every member asked for is marked as known;
// finish() reports the members nobody asked for ("unknown_field"). A value of null is
// the same as an absent optional member.
class ObjectReader {
 public:
  ObjectReader(const Json& value, std::string pointer, Issues& issues);

  [[nodiscard]] bool valid() const noexcept { return object_ != nullptr; }
  [[nodiscard]] const std::string& pointer() const noexcept { return pointer_; }
  [[nodiscard]] std::string pointerOf(std::string_view key) const { return childPointer(pointer_, key); }
  [[nodiscard]] Issues& issues() noexcept { return issues_; }

  // The member, or nullptr when absent or null (then `required` adds "missing_field").
  const Json* optional(std::string_view key);
  const Json* required(std::string_view key);
  [[nodiscard]] bool has(std::string_view key) const;  // present and not null; marks nothing

  std::string requiredString(std::string_view key, bool allowEmpty = false);  // "" on a problem
  std::optional<std::string> optionalString(std::string_view key);
  std::string string(std::string_view key, std::string fallback = {});
  std::int64_t requiredInt(std::string_view key, IntRange range);  // range.min on a problem
  std::optional<std::int64_t> optionalInt(std::string_view key, IntRange range);
  std::int64_t integer(std::string_view key, IntRange range, std::int64_t fallback);
  bool boolean(std::string_view key, bool fallback);
  std::vector<std::string> stringList(std::string_view key, bool allowDuplicates = false);  // absent = empty

  template <typename E>
  std::optional<E> optionalEnum(std::string_view key, EnumNames<E> names) {
    const Json* value = optional(key);
    return value ? readEnum(*value, pointerOf(key), names, issues_) : std::nullopt;
  }
  template <typename E>
  E requiredEnum(std::string_view key, EnumNames<E> names, E fallback) {
    const Json* value = required(key);
    if (!value) return fallback;
    return readEnum(*value, pointerOf(key), names, issues_).value_or(fallback);
  }

  // Calls f(element, pointer, index) for each element of an array member (absent = none).
  void forEach(std::string_view key, bool required,
               const std::function<void(const Json&, const std::string&, std::size_t)>& f);

  // Reports every member that no read asked for.
  void finish();

 private:
  const Json* object_ = nullptr;
  std::string pointer_;
  Issues& issues_;
  std::vector<std::string> known_;
};

}  // namespace loyalty::codec
