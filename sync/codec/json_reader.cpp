#include "codec/json_reader.h"

#include <algorithm>
#include <unordered_set>

namespace loyalty::codec {
namespace {

std::string describeType(const Json& value) {
  if (value.is_number_float()) return "a fractional number";
  if (value.is_number()) return "an integer";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  return "null";
}

void wrongType(Issues& issues, const std::string& pointer, std::string_view expected, const Json& value) {
  issues.add(pointer, "wrong_type", "expected " + std::string(expected) + ", got " + describeType(value) + ".");
}

}  // namespace

std::string escapePointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (const char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string childPointer(std::string_view parent, std::string_view key) {
  std::string out(parent);
  out += '/';
  out += escapePointerToken(key);
  return out;
}

std::string childPointer(std::string_view parent, std::size_t index) {
  std::string out(parent);
  out += '/';
  out += std::to_string(index);
  return out;
}

void Issues::add(std::string pointer, std::string reason, std::string message) {
  list_.push_back(Issue{std::move(pointer), std::move(reason), std::move(message)});
}

Error toError(const Issue& issue) {
  ErrorCode code = ErrorCode::invalid_input;
  if (issue.reason == "malformed_json" || issue.reason == "too_deep" || issue.reason == "too_large" ||
      issue.reason == "duplicate_key") {
    code = ErrorCode::parse_error;
  } else if (issue.reason == "overflow") {
    code = ErrorCode::overflow;
  }
  const std::string where = issue.pointer.empty() ? "the document" : issue.pointer;
  return makeError(code, issue.reason, "At " + where + ": " + issue.message);
}

std::optional<std::int64_t> readInt(const Json& value, const std::string& pointer, IntRange range,
                                    Issues& issues) {
  if (!value.is_number()) {
    wrongType(issues, pointer, "an integer", value);
    return std::nullopt;
  }
  if (value.is_number_float()) {
    // nlohmann stores fractions, exponents and integers beyond 64 bits as doubles; none
    // of them is an exact integer we accept, so the value itself is never used.
    issues.add(pointer, "wrong_type",
               "expected an integer, got a number with a fraction or an exponent, or one too large "
               "for 64 bits.");
    return std::nullopt;
  }
  std::int64_t number = 0;
  if (value.is_number_unsigned()) {
    const auto unsignedValue = value.get<std::uint64_t>();
    if (unsignedValue > static_cast<std::uint64_t>(INT64_MAX)) {
      issues.add(pointer, "out_of_range", "the integer " + std::to_string(unsignedValue) +
                                              " does not fit in 64 signed bits.");
      return std::nullopt;
    }
    number = static_cast<std::int64_t>(unsignedValue);
  } else {
    number = value.get<std::int64_t>();
  }
  if (number < range.min || number > range.max) {
    std::string rule;
    if (range.max == INT64_MAX) {
      rule = range.min == 0 ? "must not be negative" : "must be at least " + std::to_string(range.min);
    } else {
      rule = "must be between " + std::to_string(range.min) + " and " + std::to_string(range.max);
    }
    issues.add(pointer, "out_of_range", rule + ", got " + std::to_string(number) + ".");
    return std::nullopt;
  }
  return number;
}

std::optional<std::string> readString(const Json& value, const std::string& pointer, Issues& issues,
                                      bool allowEmpty) {
  if (!value.is_string()) {
    wrongType(issues, pointer, "a string", value);
    return std::nullopt;
  }
  const auto& text = value.get_ref<const std::string&>();
  if (text.empty() && !allowEmpty) {
    issues.add(pointer, "empty_value", "must not be an empty string.");
    return std::nullopt;
  }
  const bool control = std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
  if (control) {
    issues.add(pointer, "invalid_value", "must not contain control characters.");
    return std::nullopt;
  }
  return text;
}

std::optional<bool> readBool(const Json& value, const std::string& pointer, Issues& issues) {
  if (!value.is_boolean()) {
    wrongType(issues, pointer, "a boolean", value);
    return std::nullopt;
  }
  return value.get<bool>();
}

std::vector<std::string> readStringList(const Json& value, const std::string& pointer, Issues& issues,
                                        bool allowDuplicates) {
  std::vector<std::string> out;
  if (!value.is_array()) {
    wrongType(issues, pointer, "an array of strings", value);
    return out;
  }
  out.reserve(value.size());
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string itemPointer = childPointer(pointer, i);
    std::optional<std::string> item = readString(value[i], itemPointer, issues);
    if (!item) continue;
    if (!allowDuplicates && !seen.insert(*item).second) {
      issues.add(itemPointer, "duplicate_value", "\"" + *item + "\" is listed twice.");
      continue;
    }
    out.push_back(std::move(*item));
  }
  return out;
}

ObjectReader::ObjectReader(const Json& value, std::string pointer, Issues& issues)
    : pointer_(std::move(pointer)), issues_(issues) {
  if (value.is_object()) {
    object_ = &value;
  } else {
    wrongType(issues_, pointer_, "an object", value);
  }
}

const Json* ObjectReader::optional(std::string_view key) {
  known_.emplace_back(key);
  if (!object_) return nullptr;
  const auto it = object_->find(key);
  if (it == object_->end() || it->is_null()) return nullptr;
  return &*it;
}

const Json* ObjectReader::required(std::string_view key) {
  const Json* value = optional(key);
  if (!value && object_) {
    const bool isNull = object_->contains(key);
    issues_.add(pointerOf(key), "missing_field",
                isNull ? "required field is null." : "required field is missing.");
  }
  return value;
}

bool ObjectReader::has(std::string_view key) const {
  if (!object_) return false;
  const auto it = object_->find(key);
  return it != object_->end() && !it->is_null();
}

std::string ObjectReader::requiredString(std::string_view key, bool allowEmpty) {
  const Json* value = required(key);
  if (!value) return {};
  return readString(*value, pointerOf(key), issues_, allowEmpty).value_or(std::string{});
}

std::optional<std::string> ObjectReader::optionalString(std::string_view key) {
  const Json* value = optional(key);
  if (!value) return std::nullopt;
  return readString(*value, pointerOf(key), issues_);
}

std::string ObjectReader::string(std::string_view key, std::string fallback) {
  const Json* value = optional(key);
  if (!value) return fallback;
  return readString(*value, pointerOf(key), issues_, true).value_or(std::move(fallback));
}

std::int64_t ObjectReader::requiredInt(std::string_view key, IntRange range) {
  const Json* value = required(key);
  if (!value) return range.min;
  return readInt(*value, pointerOf(key), range, issues_).value_or(range.min);
}

std::optional<std::int64_t> ObjectReader::optionalInt(std::string_view key, IntRange range) {
  const Json* value = optional(key);
  if (!value) return std::nullopt;
  return readInt(*value, pointerOf(key), range, issues_);
}

std::int64_t ObjectReader::integer(std::string_view key, IntRange range, std::int64_t fallback) {
  const Json* value = optional(key);
  if (!value) return fallback;
  return readInt(*value, pointerOf(key), range, issues_).value_or(fallback);
}

bool ObjectReader::boolean(std::string_view key, bool fallback) {
  const Json* value = optional(key);
  if (!value) return fallback;
  return readBool(*value, pointerOf(key), issues_).value_or(fallback);
}

std::vector<std::string> ObjectReader::stringList(std::string_view key, bool allowDuplicates) {
  const Json* value = optional(key);
  if (!value) return {};
  return readStringList(*value, pointerOf(key), issues_, allowDuplicates);
}

void ObjectReader::forEach(std::string_view key, bool isRequired,
                           const std::function<void(const Json&, const std::string&, std::size_t)>& f) {
  const Json* value = isRequired ? required(key) : optional(key);
  if (!value) return;
  const std::string arrayPointer = pointerOf(key);
  if (!value->is_array()) {
    wrongType(issues_, arrayPointer, "an array", *value);
    return;
  }
  for (std::size_t i = 0; i < value->size(); ++i) f((*value)[i], childPointer(arrayPointer, i), i);
}

void ObjectReader::finish() {
  if (!object_) return;
  for (const auto& [key, value] : object_->items()) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
      issues_.add(pointerOf(key), "unknown_field",
                  "unknown field \"" + key + "\" (a typo?); it is not part of the format.");
    }
  }
}

}  // namespace loyalty::codec
