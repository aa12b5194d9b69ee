#include "partial_json_match.h"

#include <cstddef>
#include <string_view>

#include "codec/json_reader.h"

namespace loyalty::golden {
namespace {

constexpr std::size_t kMaxShownChars = 300;  // long values are cut so a report stays readable

std::string shown(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > kMaxShownChars) text = text.substr(0, kMaxShownChars) + "...";
  return text;
}

std::string typeName(const nlohmann::json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  return std::string("a ") + value.type_name();
}

// RFC 6901 escaping, as the codec writes its pointers.
std::string child(const std::string& pointer, std::string_view key) {
  return codec::childPointer(pointer, key);
}

void match(const nlohmann::json& expected, const nlohmann::json& actual, const std::string& pointer,
           std::vector<Mismatch>& out) {
  const std::string where = pointer.empty() ? "/" : pointer;
  if (expected.is_number_float()) {
    out.push_back({where, shown(expected) + " (a fraction: expectations hold integers only)",
                   shown(actual)});
    return;
  }
  if (expected.is_object()) {
    if (!actual.is_object()) {
      out.push_back({where, "an object", typeName(actual) + " " + shown(actual)});
      return;
    }
    for (const auto& [key, value] : expected.items()) {
      const auto found = actual.find(key);
      if (found == actual.end()) {
        out.push_back({child(pointer, key), shown(value), "no such key"});
        continue;
      }
      match(value, *found, child(pointer, key), out);
    }
    return;
  }
  if (expected.is_array()) {
    if (!actual.is_array()) {
      out.push_back({where, "an array", typeName(actual) + " " + shown(actual)});
      return;
    }
    if (expected.size() != actual.size()) {
      out.push_back({where, "an array of " + std::to_string(expected.size()) + " elements",
                     std::to_string(actual.size()) + " elements: " + shown(actual)});
      return;
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      match(expected[i], actual[i], child(pointer, std::to_string(i)), out);
    }
    return;
  }
  // Scalars: nlohmann compares signed and unsigned integers by value.
  if (expected != actual) out.push_back({where, shown(expected), shown(actual)});
}

}  // namespace

std::vector<Mismatch> matchPartial(const nlohmann::json& expected, const nlohmann::json& actual,
                                   const std::string& pointer) {
  std::vector<Mismatch> out;
  match(expected, actual, pointer, out);
  return out;
}

std::string describe(const Mismatch& mismatch) {
  return "at " + mismatch.pointer + ": expected " + mismatch.expected + ", actual " + mismatch.actual;
}

}  // namespace loyalty::golden
