#include "log/json_logger.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ostream>

namespace loyalty::log {
namespace {

std::chrono::system_clock::time_point systemNow() { return std::chrono::system_clock::now(); }

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8SequenceLength(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

void appendKey(std::string& out, std::string_view key) {
  const bool reserved = key == "ts" || key == "level" || key == "event";
  out += ',';
  if (reserved) {
    std::string renamed = "_";
    renamed += key;
    appendJsonString(out, renamed);
  } else {
    appendJsonString(out, key);
  }
  out += ':';
}

}  // namespace

void appendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8SequenceLength(text, i);
      if (length == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0x0f];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

std::string formatUtcMillis(std::chrono::system_clock::time_point instant) {
  using namespace std::chrono;
  const auto millis = floor<milliseconds>(instant);
  const auto day = floor<days>(millis);
  const year_month_day date{day};
  const hh_mm_ss time{millis - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
  return text;
}

JsonLogger::JsonLogger(std::ostream& out, LogLevel level, Clock clock)
    : stream_(&out), level_(level), clock_(clock ? std::move(clock) : Clock(systemNow)) {}

JsonLogger::JsonLogger(int fd, LogLevel level, Clock clock)
    : fd_(fd), level_(level), clock_(clock ? std::move(clock) : Clock(systemNow)) {}

std::string JsonLogger::formatLine(LogLevel level, std::string_view event, LogFields fields) const {
  std::string line;
  line.reserve(128);
  line += "{\"ts\":\"";
  line += formatUtcMillis(clock_());
  line += "\",\"level\":\"";
  line += toString(level);
  line += "\",\"event\":";
  appendJsonString(line, event);
  for (const LogField& field : fields) {
    appendKey(line, field.key());
    const LogField::Value& value = field.value();
    if (const auto* text = std::get_if<std::string_view>(&value)) {
      appendJsonString(line, *text);
    } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
      line += std::to_string(*number);
    } else if (const auto* unsignedNumber = std::get_if<std::uint64_t>(&value)) {
      line += std::to_string(*unsignedNumber);
    } else {
      line += std::get<bool>(value) ? "true" : "false";
    }
  }
  line += '}';
  return line;
}

void JsonLogger::log(LogLevel level, std::string_view event, LogFields fields) noexcept {
  if (!enabled(level)) return;
  try {
    std::string line = formatLine(level, event, fields);
    line += '\n';
    write(line);
  } catch (...) {
    // Out of memory or a throwing clock: the line is lost, the caller is not.
  }
}

void JsonLogger::write(const std::string& line) noexcept {
  const std::lock_guard lock(writeMutex_);
  if (stream_) {
    try {
      stream_->write(line.data(), static_cast<std::streamsize>(line.size()));
      stream_->flush();
    } catch (...) {
      stream_->clear();  // a stream with exceptions enabled: keep logging next time
    }
    return;
  }
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // stderr closed or full disk: nowhere to report it
    }
    written += static_cast<std::size_t>(n);
  }
}

}  // namespace loyalty::log
