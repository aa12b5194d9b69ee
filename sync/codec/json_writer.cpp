#include "codec/json_writer.h"

#include <charconv>
#include <stdexcept>

namespace loyalty::codec {
namespace {

constexpr char kHex[] = "0123456789abcdef";

bool continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// Length of the well-formed UTF-8 sequence at text[i], or 0 (RFC 3629: no overlongs, no
// surrogates, nothing past U+10FFFF).
std::size_t sequenceLength(std::string_view text, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = at(i);
  const std::size_t left = text.size() - i;
  if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && continuation(at(i + 1)) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (left < 3 || !continuation(at(i + 1)) || !continuation(at(i + 2))) return 0;
    if (lead == 0xE0 && at(i + 1) < 0xA0) return 0;  // overlong
    if (lead == 0xED && at(i + 1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (left < 4 || !continuation(at(i + 1)) || !continuation(at(i + 2)) || !continuation(at(i + 3))) return 0;
    if (lead == 0xF0 && at(i + 1) < 0x90) return 0;  // overlong
    if (lead == 0xF4 && at(i + 1) > 0x8F) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

void JsonWriter::beforeValue() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (levels_.empty()) return;
  Level& level = levels_.back();
  if (level.object) throw std::logic_error("JsonWriter: a value inside an object needs its key first");
  if (!level.empty) out_ += ',';
  level.empty = false;
}

JsonWriter& JsonWriter::beginObject() {
  beforeValue();
  out_ += '{';
  levels_.push_back(Level{true, true, {}});
  return *this;
}

JsonWriter& JsonWriter::endObject() {
  if (levels_.empty() || !levels_.back().object || afterKey_) throw std::logic_error("JsonWriter: no object to end");
  levels_.pop_back();
  out_ += '}';
  return *this;
}

JsonWriter& JsonWriter::beginArray() {
  beforeValue();
  out_ += '[';
  levels_.push_back(Level{false, true, {}});
  return *this;
}

JsonWriter& JsonWriter::endArray() {
  if (levels_.empty() || levels_.back().object) throw std::logic_error("JsonWriter: no array to end");
  levels_.pop_back();
  out_ += ']';
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (levels_.empty() || !levels_.back().object || afterKey_) throw std::logic_error("JsonWriter: a key outside an object");
  Level& level = levels_.back();
  if (!level.empty && name <= level.lastKey) {
    throw std::logic_error("JsonWriter: key \"" + std::string(name) + "\" after \"" + std::string(level.lastKey) +
                           "\" (keys go in ascending order)");
  }
  if (!level.empty) out_ += ',';
  level.empty = false;
  level.lastKey = name;
  escaped(name);
  out_ += ':';
  afterKey_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  beforeValue();
  escaped(text);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  beforeValue();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  beforeValue();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  beforeValue();
  out_ += json;
  return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t number) {
  beforeValue();
  char buffer[24];
  const auto printed = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, printed.ptr);
  return *this;
}

JsonWriter& JsonWriter::unsignedInteger(std::uint64_t number) {
  beforeValue();
  char buffer[24];
  const auto printed = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, printed.ptr);
  return *this;
}

JsonWriter& JsonWriter::stringArray(const std::vector<std::string>& items) {
  beginArray();
  for (const auto& item : items) value(item);
  return endArray();
}

void JsonWriter::escaped(std::string_view text) {
  out_ += '"';
  std::size_t plain = 0;  // start of the run of bytes copied as they are
  const auto flush = [&](std::size_t end) {
    out_.append(text.data() + plain, end - plain);
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\' && byte < 0x80) {
      ++i;
      continue;
    }
    if (byte >= 0x80) {
      const std::size_t length = sequenceLength(text, i);
      if (length != 0) {
        i += length;
        continue;
      }
      flush(i);
      out_ += "\xEF\xBF\xBD";
      plain = ++i;
      continue;
    }
    flush(i);
    switch (byte) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        out_ += "\\u00";
        out_ += kHex[byte >> 4U];
        out_ += kHex[byte & 0x0FU];
    }
    plain = ++i;
  }
  flush(text.size());
  out_ += '"';
}

}  // namespace loyalty::codec
