// Structured log lines: one JSON object per line, {"ts":"2026-03-16T16:30:00.123Z",
// "level":"info","event":"http_request", ...fields}. The daemon writes them to stderr,
// where the service manager (journald) collects them. The logger is passed to whoever
// logs, never global; it is thread-safe (one lock around the write of a whole line, so
// lines never interleave) and never throws: a line that cannot be built is dropped.
#pragma once

#include <atomic>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>

#include "log/log_level.h"

namespace loyalty::log {

// One key-value pair of a line. Strings are borrowed: a field lives only for the call it
// is passed to. Keys "ts", "level" and "event" are reserved; a field using one of them is
// written as "_ts", "_level", "_event" so that a line never repeats a key.
class LogField {
 public:
  using Value = std::variant<std::string_view, std::int64_t, std::uint64_t, bool>;

  LogField(std::string_view key, std::string_view value) noexcept : key_(key), value_(value) {}
  LogField(std::string_view key, const char* value) noexcept
      : key_(key), value_(std::string_view(value ? value : "")) {}
  LogField(std::string_view key, const std::string& value) noexcept : key_(key), value_(std::string_view(value)) {}
  LogField(std::string_view key, bool value) noexcept : key_(key), value_(value) {}
  template <std::signed_integral T>
  LogField(std::string_view key, T value) noexcept : key_(key), value_(static_cast<std::int64_t>(value)) {}
  template <std::unsigned_integral T>
    requires(!std::same_as<T, bool>)
  LogField(std::string_view key, T value) noexcept : key_(key), value_(static_cast<std::uint64_t>(value)) {}

  [[nodiscard]] std::string_view key() const noexcept { return key_; }
  [[nodiscard]] const Value& value() const noexcept { return value_; }

 private:
  std::string_view key_;
  Value value_;
};

using LogFields = std::initializer_list<LogField>;

class JsonLogger {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // Lines go to `out` (flushed after each line). `out` must outlive the logger.
  JsonLogger(std::ostream& out, LogLevel level, Clock clock = {});
  // Lines go to the file descriptor (e.g. 2 for stderr), each with one write(2) when the
  // line fits the pipe buffer, so lines from several processes on one pipe stay whole.
  // The descriptor is not closed by the logger.
  JsonLogger(int fd, LogLevel level, Clock clock = {});

  JsonLogger(const JsonLogger&) = delete;
  JsonLogger& operator=(const JsonLogger&) = delete;

  // The level below which lines are dropped; changeable at any time (config reload).
  void setLevel(LogLevel level) noexcept { level_.store(level, std::memory_order_relaxed); }
  [[nodiscard]] LogLevel level() const noexcept { return level_.load(std::memory_order_relaxed); }
  [[nodiscard]] bool enabled(LogLevel level) const noexcept { return level >= this->level(); }

  void log(LogLevel level, std::string_view event, LogFields fields = {}) noexcept;
  void debug(std::string_view event, LogFields fields = {}) noexcept { log(LogLevel::debug, event, fields); }
  void info(std::string_view event, LogFields fields = {}) noexcept { log(LogLevel::info, event, fields); }
  void warn(std::string_view event, LogFields fields = {}) noexcept { log(LogLevel::warn, event, fields); }
  void error(std::string_view event, LogFields fields = {}) noexcept { log(LogLevel::error, event, fields); }

  // The line log() would write, without its newline (exposed for tests and tools).
  [[nodiscard]] std::string formatLine(LogLevel level, std::string_view event, LogFields fields) const;

 private:
  void write(const std::string& line) noexcept;

  std::ostream* stream_ = nullptr;
  int fd_ = -1;
  std::atomic<LogLevel> level_;
  Clock clock_;
  std::mutex writeMutex_;
};

// "2026-03-16T16:30:00.123Z": UTC, milliseconds, the "ts" of every line.
[[nodiscard]] std::string formatUtcMillis(std::chrono::system_clock::time_point instant);

// Appends `text` as a JSON string literal (quotes included). Control characters are
// escaped and bytes that are not valid UTF-8 become U+FFFD, so every line is valid JSON
// whatever a field holds.
void appendJsonString(std::string& out, std::string_view text);

}  // namespace loyalty::log
