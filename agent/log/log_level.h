// Severity of a log line. The names are the JSON spellings (config "log.level", the
// "level" of every line).
#pragma once

#include <optional>
#include <string_view>

namespace loyalty::log {

enum class LogLevel { debug, info, warn, error };

[[nodiscard]] constexpr std::string_view toString(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warn: return "warn";
    case LogLevel::error: return "error";
  }
  return "error";
}

// "debug", "info", "warn", "error"; nullopt for anything else (case matters).
[[nodiscard]] constexpr std::optional<LogLevel> parseLogLevel(std::string_view text) noexcept {
  for (const LogLevel level : {LogLevel::debug, LogLevel::info, LogLevel::warn, LogLevel::error}) {
    if (toString(level) == text) return level;
  }
  return std::nullopt;
}

}  // namespace loyalty::log
