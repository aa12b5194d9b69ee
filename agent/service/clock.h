// The terminal's clocks, read only at the composition root's edge so that tests can set
// the time (a rotating code's window, a snapshot's age, a day's offline allowance).
#pragma once

#include <chrono>
#include <cstdint>

namespace loyalty::service {

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual std::int64_t wallMs() const = 0;        // since the Unix epoch
  [[nodiscard]] virtual std::int64_t monotonicNs() const = 0;   // never goes back
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] std::int64_t wallMs() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  [[nodiscard]] std::int64_t monotonicNs() const override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace loyalty::service
