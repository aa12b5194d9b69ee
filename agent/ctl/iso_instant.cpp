#include "iso_instant.h"

#include <chrono>
#include <cstddef>

#include <date/date.h>

namespace loyalty::ctl {
namespace {

// A tiny cursor over the text; every read checks bounds so no input can overrun it.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool digits(std::size_t count, int& out) {
    if (text_.size() - pos_ < count) return false;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    pos_ += count;
    out = value;
    return true;
  }
  bool accept(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool acceptAny(std::string_view chars) {
    if (pos_ < text_.size() && chars.find(text_[pos_]) != std::string_view::npos) {
      ++pos_;
      return true;
    }
    return false;
  }
  [[nodiscard]] char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  [[nodiscard]] bool atEnd() const { return pos_ == text_.size(); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

Error badInstant(std::string_view text, const std::string& why) {
  return makeError(ErrorCode::parse_error, "bad_instant",
                   "'" + std::string(text) + "' is not an ISO-8601 instant: " + why +
                       " (expected e.g. 2026-03-16T17:30:00+01:00 or 2026-03-16T16:30:00Z).");
}

}  // namespace

Result<std::int64_t> parseIsoInstant(std::string_view text) {
  Cursor in(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!in.digits(4, year) || !in.accept('-') || !in.digits(2, month) || !in.accept('-') ||
      !in.digits(2, day)) {
    return badInstant(text, "the date must be YYYY-MM-DD");
  }
  if (!in.acceptAny("Tt ")) return badInstant(text, "a time of day must follow the date");
  if (!in.digits(2, hour) || !in.accept(':') || !in.digits(2, minute)) {
    return badInstant(text, "the time must be hh:mm or hh:mm:ss");
  }
  if (in.accept(':')) {
    if (!in.digits(2, second)) return badInstant(text, "the seconds must be two digits");
    if (in.accept('.') || in.accept(',')) {
      int digit = 0;
      if (!in.digits(1, digit)) return badInstant(text, "a fraction needs digits");
      while (in.digits(1, digit)) {
      }
    }
  }
  int offsetSeconds = 0;
  if (in.acceptAny("Zz")) {
    offsetSeconds = 0;
  } else if (const char sign = in.peek(); sign == '+' || sign == '-') {
    in.accept(sign);
    int offHour = 0, offMinute = 0;
    if (!in.digits(2, offHour)) return badInstant(text, "the offset must be +hh:mm");
    if (in.accept(':')) {
      if (!in.digits(2, offMinute)) return badInstant(text, "the offset must be +hh:mm");
    } else if (!in.atEnd() && !in.digits(2, offMinute)) {
      return badInstant(text, "the offset must be +hh:mm");
    }
    if (offHour > 23 || offMinute > 59) return badInstant(text, "the offset is out of range");
    offsetSeconds = (offHour * 3600 + offMinute * 60) * (sign == '-' ? -1 : 1);
  } else {
    return badInstant(text, "it must end with Z or a UTC offset such as +01:00");
  }
  if (!in.atEnd()) return badInstant(text, "unexpected text after the offset");

  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (year < 1 || !ymd.ok()) return badInstant(text, "no such calendar date");
  // 24:00 is not accepted: one spelling per instant. Leap seconds (:60) are not either.
  if (hour > 23 || minute > 59 || second > 59) return badInstant(text, "no such time of day");

  const auto days = date::sys_days{ymd}.time_since_epoch().count();
  return static_cast<std::int64_t>(days) * 86400 + hour * 3600 + minute * 60 + second -
         offsetSeconds;
}

std::string formatIsoInstant(std::int64_t epochSeconds) {
  const date::sys_seconds instant{std::chrono::seconds{epochSeconds}};
  return date::format("%Y-%m-%dT%H:%M:%SZ", instant);
}

Result<std::int64_t> instantOrNow(const std::optional<std::string>& at, std::int64_t nowEpochSeconds) {
  if (!at) return nowEpochSeconds;
  return parseIsoInstant(*at);
}

}  // namespace loyalty::ctl
